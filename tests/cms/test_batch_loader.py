"""The batch loader behind `availableLocales`: primed keys are fetched together, each at most once."""

from __future__ import annotations

from cms.graphql.loaders import BatchLoader


def _loader(calls: list[set[int]]) -> BatchLoader[int, list[int]]:
    def fetch(keys: set[int]) -> dict[int, list[int]]:
        calls.append(set(keys))
        return {key: [key * 10] for key in keys if key != 3}

    return BatchLoader(fetch, list)


def test_the_first_load_fetches_every_primed_key_in_one_call() -> None:
    calls: list[set[int]] = []
    loader = _loader(calls)
    loader.prime([1, 2, 3])
    assert loader.load(2) == [20]
    assert loader.load(1) == [10]
    assert loader.load(3) == []
    assert calls == [{1, 2, 3}]


def test_a_key_not_primed_is_fetched_on_its_own_and_loaded_keys_are_not_fetched_again() -> None:
    calls: list[set[int]] = []
    loader = _loader(calls)
    assert loader.load(5) == [50]
    loader.prime([5, 6])
    assert loader.load(6) == [60]
    assert calls == [{5}, {6}]
