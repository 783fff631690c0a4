"""Fail when the lock files no longer match the requirements declared in requirements*.in."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

# (declared requirements, their lock); the first lock is the runtime one the others must agree with.
PAIRS = (("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt"))
INCLUDE_OPTIONS = ("-r", "--requirement")
CONSTRAINT_OPTIONS = ("-c", "--constraint")
HASH_PREFIX = "--hash="
FIX = "Run 'make lock' and commit requirements.txt and requirements-dev.txt."


@dataclass
class LockEntry:
    """One pinned package of a lock file, with where it came from."""

    name: str
    version: Version
    line: int
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    @property
    def direct(self) -> bool:
        """Whether a declared requirements file asked for it (uv and pip-tools write `-r FILE` in its via)."""
        return any(source.startswith(INCLUDE_OPTIONS) for source in self.via)


@dataclass
class Lock:
    """A parsed lock file: its entries by canonical name, and what could not be read."""

    path: Path
    entries: dict[str, list[LockEntry]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def versions(self, name: str) -> set[Version]:
        """The versions this lock pins for a package (more than one only where markers split it)."""
        return {entry.version for entry in self.entries.get(name, [])}


def _strip_comment(line: str) -> str:
    """A requirements line without its comment (pip's rule: `#` at the start or after whitespace)."""
    return re.sub(r"(^|\s+)#.*$", "", line).strip()


def _logical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a requirements file with backslash continuations joined, numbered from 1."""
    pending, start = "", 0
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        if not pending:
            start = number
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        yield start, pending + raw
        pending = ""
    if pending:
        yield start, pending


def read_declared(path: Path, problems: list[str], seen: frozenset[Path] = frozenset()) -> list[Requirement]:
    """The requirements a .in file declares, following `-r` includes; `-c` constraints declare nothing."""
    if path in seen:
        problems.append(f"{path.name}: includes itself through -r")
        return []
    if not path.exists():
        problems.append(f"{path.name} is missing")
        return []
    declared: list[Requirement] = []
    for number, raw in _logical_lines(path):
        line = _strip_comment(raw)
        if not line:
            continue
        option, _, argument = line.partition(" ")
        if option in INCLUDE_OPTIONS:
            declared += read_declared(path.parent / argument.strip(), problems, seen | {path})
        elif option in CONSTRAINT_OPTIONS:
            continue
        elif line.startswith("-"):
            problems.append(f"{path.name}:{number}: option {option} belongs in the Makefile's lock command, not here")
        else:
            try:
                declared.append(Requirement(line))
            except InvalidRequirement as error:
                problems.append(f"{path.name}:{number}: not a requirement ({error})")
    return declared


def read_lock(path: Path) -> Lock:
    """Parse a lock written by `uv pip compile` or `pip-compile`: pins, hashes and `# via` annotations."""
    lock = Lock(path)
    if not path.exists():
        lock.problems.append(f"{path.name} is missing")
        return lock
    current: LockEntry | None = None
    in_via = False
    for number, raw in _logical_lines(path):
        stripped = raw.strip()
        if stripped.startswith("#"):
            comment = stripped.lstrip("#").strip()
            if current is not None and comment.startswith("via"):
                in_via = True
                if rest := comment[len("via") :].strip():
                    current.via.append(rest)
            elif current is not None and in_via and comment:
                current.via.append(comment)
            else:
                in_via = False
            continue
        in_via = False
        if not stripped:
            continue
        if stripped.startswith("-"):
            # Index URLs and find-links are this machine's business; a lock records only what to install.
            option = stripped.split()[0]
            lock.problems.append(f"{path.name}:{number}: records an option ({option}); locks hold pins only")
            continue
        body = _strip_comment(stripped)
        # `--annotation-style line` puts the via on the pin's own line, after its hashes.
        inline = stripped[len(body) :].strip().lstrip("#").strip()
        words = body.split()
        hashes = [word[len(HASH_PREFIX) :] for word in words if word.startswith(HASH_PREFIX)]
        text = " ".join(word for word in words if not word.startswith(HASH_PREFIX))
        current = _read_pin(path, number, text, lock.problems)
        if current is None:
            continue
        current.hashes = hashes
        if inline.startswith("via"):
            current.via = [source.strip() for source in inline[len("via") :].split(",") if source.strip()]
        if not hashes:
            lock.problems.append(f"{path.name}:{number}: {current.name} has no --hash")
        lock.entries.setdefault(current.name, []).append(current)
    return lock


def _read_pin(path: Path, number: int, text: str, problems: list[str]) -> LockEntry | None:
    """One `name==version [; marker]` line of a lock, or None (with a problem noted) if it pins nothing."""
    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        problems.append(f"{path.name}:{number}: not a requirement ({error})")
        return None
    specifiers = list(requirement.specifier)
    if requirement.url or len(specifiers) != 1 or specifiers[0].operator != "==" or "*" in specifiers[0].version:
        problems.append(f"{path.name}:{number}: {requirement.name} is not pinned with == to one version")
        return None
    try:
        version = Version(specifiers[0].version)
    except InvalidVersion:
        problems.append(f"{path.name}:{number}: {requirement.name} pins an invalid version")
        return None
    return LockEntry(canonicalize_name(requirement.name), version, number)


def check_pair(in_path: Path, lock: Lock) -> list[str]:
    """What is wrong between one declared requirements file and its lock."""
    problems = list(lock.problems)
    declared = read_declared(in_path, problems)
    declared_names = {canonicalize_name(requirement.name) for requirement in declared}
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        versions = lock.versions(name)
        if not versions:
            problems.append(f"{lock.path.name}: {requirement} is declared in {in_path.name} but not locked")
        for version in sorted(versions):
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{lock.path.name}: pins {requirement.name}=={version}, which is not {requirement}")
    direct = {name for name, entries in lock.entries.items() if any(entry.direct for entry in entries)}
    for name in sorted(direct - declared_names):
        problems.append(f"{lock.path.name}: {name} is locked as declared, but {in_path.name} no longer declares it")
    for name in sorted(declared_names & set(lock.entries) - direct):
        problems.append(f"{lock.path.name}: {name} is declared in {in_path.name} but locked only as a dependency")
    return problems


def check_agreement(runtime: Lock, other: Lock) -> list[str]:
    """What the other lock pins differently from the runtime lock, or leaves out of it."""
    problems = []
    for name in sorted(runtime.entries):
        if name not in other.entries:
            problems.append(f"{other.path.name}: {name} is in {runtime.path.name} but missing here")
        elif other.versions(name) != runtime.versions(name):
            ours = ", ".join(str(version) for version in sorted(other.versions(name)))
            theirs = ", ".join(str(version) for version in sorted(runtime.versions(name)))
            problems.append(f"{other.path.name}: pins {name}=={ours}, but {runtime.path.name} pins {name}=={theirs}")
    return problems


def check(root: Path) -> list[str]:
    """Every problem with the lock files under root; empty when they match the declared requirements."""
    problems: list[str] = []
    locks = [read_lock(root / lock_name) for _, lock_name in PAIRS]
    for (in_name, _), lock in zip(PAIRS, locks, strict=True):
        problems += check_pair(root / in_name, lock)
    runtime, *others = locks
    for other in others:
        problems += check_agreement(runtime, other)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Print what is stale and return 1, or return 0 when both locks match."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    root: Path = parser.parse_args(argv).root
    problems = check(root)
    if problems:
        print("The lock files do not match the declared requirements:", *problems, FIX, sep="\n  ", file=sys.stderr)
        return 1
    print("requirements.txt and requirements-dev.txt match requirements.in and requirements-dev.in.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
