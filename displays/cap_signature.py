"""The XML Signature on a CAP 1.2 message: checked against the certificate stored for its sender (AlertSource).

Any valid enveloped signature a real sender writes is accepted: Canonical XML 1.0 or 1.1 or exclusive
canonicalization, each with or without comments, the Signature in the default namespace
(`<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">`, as xmlsec1, .NET SignedXml and many CAP tools write it)
or prefixed (`ds:`), RSA or ECDSA with SHA-256/384/512. SHA-1 and HMAC are refused, saying so.

signxml checks it, with its canonicalization corrected (`_Verifier`): every lxml release from 4.9 to 7.0 beta
(bundling libxml2 2.10 to 2.14) canonicalizes an element below the document root wrongly under inclusive C14N when
its default namespace is declared on an ancestor (a grandchild gets `xmlns=""`), so no pin of lxml helps; and signxml
kept comments in a URI="" reference, which the XML Signature spec leaves out.
"""

from __future__ import annotations

from defusedxml import ElementTree as SafeElementTree
from lxml import etree
from signxml import XMLVerifier
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.exceptions import InvalidInput, SignXMLException
from signxml.verifier import SignatureConfiguration

from displays.models import AlertSource

DSIG = "http://www.w3.org/2000/09/xmldsig#"
SIGNATURE = f"{{{DSIG}}}Signature"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class CapError(ValueError):
    """A message refused: `status` is the HTTP status, `code` the error code, the message says why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


# What a signature may use: public-key signatures with a SHA-2 digest. SHA-1 is broken, and HMAC (a shared secret)
# cannot tell one holder of the secret from another.
SIGNATURE_METHODS = {
    SignatureMethod.RSA_SHA256: "RSA-SHA256",
    SignatureMethod.RSA_SHA384: "RSA-SHA384",
    SignatureMethod.RSA_SHA512: "RSA-SHA512",
    SignatureMethod.ECDSA_SHA256: "ECDSA-SHA256",
    SignatureMethod.ECDSA_SHA384: "ECDSA-SHA384",
    SignatureMethod.ECDSA_SHA512: "ECDSA-SHA512",
}
DIGEST_METHODS = {
    DigestAlgorithm.SHA256: "SHA-256",
    DigestAlgorithm.SHA384: "SHA-384",
    DigestAlgorithm.SHA512: "SHA-512",
}
# Canonical XML 1.0 and 1.1 and exclusive canonicalization, each with or without comments; and the enveloped
# signature transform.
CANONICALIZATIONS = {method.value for method in CanonicalizationMethod}
TRANSFORMS = CANONICALIZATIONS | {f"{DSIG}enveloped-signature"}
ACCEPTED = (
    f"accepted: {', '.join(SIGNATURE_METHODS.values())} signatures with {', '.join(DIGEST_METHODS.values())} "
    "digests, canonicalized with Canonical XML 1.0 or 1.1 or exclusive canonicalization (with or without comments)"
)
_CONFIG = SignatureConfiguration(
    location="./",  # enveloped: a child of <alert>
    signature_methods=frozenset(SIGNATURE_METHODS),
    digest_algorithms=frozenset(DIGEST_METHODS),
    # XML Signature: a node-set that no transform turned into octets is canonicalized with Canonical XML 1.0.
    default_reference_c14n_method=CanonicalizationMethod.CANONICAL_XML_1_0,
)
# Inclusive canonicalization of a document subset renders the xml:* attributes its apex inherits (XML-C14N 1.0
# section 2.4; 1.1 inherits xml:lang and xml:space, and fixes xml:base up, which no CAP message uses).
_INHERITED = {
    CanonicalizationMethod.CANONICAL_XML_1_0: None,  # every xml:* attribute
    CanonicalizationMethod.CANONICAL_XML_1_0_WITH_COMMENTS: None,
    CanonicalizationMethod.CANONICAL_XML_1_1: {f"{{{XML_NS}}}lang", f"{{{XML_NS}}}space"},
    CanonicalizationMethod.CANONICAL_XML_1_1_WITH_COMMENTS: {f"{{{XML_NS}}}lang", f"{{{XML_NS}}}space"},
}


def _xml_attributes(elements) -> dict[str, str]:
    """The xml:* attributes in force from these elements, nearest first."""
    found: dict[str, str] = {}
    for element in elements:
        for name, value in element.attrib.items():
            if name.startswith(f"{{{XML_NS}}}"):
                found.setdefault(name, value)
    return found


class _Verifier(XMLVerifier):
    """signxml's verifier, canonicalizing as Canonical XML and XML Signature say.

    lxml serializes an element below the document root as C14N by making it the root of a stand-in document whose
    descendants still point at their ancestors' namespace declarations; under inclusive C14N, libxml2 then writes
    `xmlns=""` on the grandchildren of an element whose default namespace comes from an ancestor (every lxml release
    from 4.9 to 7.0 beta, libxml2 2.10 to 2.14). signxml canonicalizes SignedInfo that way, so a Signature in the
    default namespace signed with inclusive C14N never verified. Here each element is canonicalized as the root of a
    document of its own, parsed from its serialization, which declares every namespace in scope at the element:
    the node-set the spec canonicalizes (adding the xml:* attributes inclusive C14N inherits).
    """

    def __init__(self, inherited_at_signature: dict[str, str]) -> None:
        super().__init__()
        self.inherited_at_signature = inherited_at_signature

    def _apex(self, node, algorithm: CanonicalizationMethod):
        if not isinstance(node, etree._Element) or node.getparent() is None:
            return node
        apex = self._fromstring(etree.tostring(node, with_tail=False))
        if algorithm in _INHERITED:
            ancestors = list(node.iterancestors())
            inherited = _xml_attributes(ancestors)
            if ancestors[-1].tag == SIGNATURE:  # signxml's copy of the Signature: what it inherits in the message
                inherited = {**self.inherited_at_signature, **inherited}
            wanted = _INHERITED[algorithm]
            for name, value in inherited.items():
                if (wanted is None or name in wanted) and name not in apex.attrib:
                    apex.set(name, value)
        return apex

    def _c14n(self, nodes, algorithm: CanonicalizationMethod, inclusive_ns_prefixes=None):
        nodes = nodes if isinstance(nodes, list) else [nodes]
        return super()._c14n([self._apex(node, algorithm) for node in nodes], algorithm, inclusive_ns_prefixes)

    def _resolve_reference(self, doc_root, reference, uri_resolver=None):
        if reference.get("URI") == "":
            # URI="" is the whole document without its comments (XML Signature 4.4.3.3), whichever C14N follows;
            # doc_root is signxml's own copy of the message.
            etree.strip_elements(doc_root, etree.Comment, with_tail=False)
        return super()._resolve_reference(doc_root, reference, uri_resolver=uri_resolver)


def _check_algorithms(signature: etree._Element) -> None:
    """Refuse, by name, a signature made with an algorithm the CMS does not accept (before checking it)."""
    ds = {"ds": DSIG}
    method = signature.find("ds:SignedInfo/ds:SignatureMethod", ds)
    name = method.get("Algorithm", "") if method is not None else ""
    if name not in {each.value for each in SIGNATURE_METHODS}:
        why = " (HMAC, a shared secret, cannot prove which sender signed)" if "hmac" in name.lower() else ""
        why = why or (" (SHA-1 is broken)" if name.lower().endswith("sha1") else "")
        raise CapError(
            401, "unsupported_algorithm", f"The signature method {name or '(none)'} is not accepted{why}; {ACCEPTED}."
        )
    for digest in signature.iterfind("ds:SignedInfo/ds:Reference/ds:DigestMethod", ds):
        name = digest.get("Algorithm", "")
        if name not in {each.value for each in DIGEST_METHODS}:
            why = " (SHA-1 is broken)" if name.lower().endswith("sha1") else ""
            raise CapError(401, "unsupported_algorithm", f"The digest method {name} is not accepted{why}; {ACCEPTED}.")
    for step in signature.iterfind("ds:SignedInfo/ds:CanonicalizationMethod", ds):
        if step.get("Algorithm", "") not in CANONICALIZATIONS:
            name = step.get("Algorithm")
            raise CapError(401, "unsupported_algorithm", f"The canonicalization {name} is not accepted; {ACCEPTED}.")
    for step in signature.iterfind("ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform", ds):
        if step.get("Algorithm", "") not in TRANSFORMS:
            raise CapError(
                401,
                "unsupported_algorithm",
                f"The transform {step.get('Algorithm')} is not accepted (only the enveloped-signature transform and "
                f"canonicalization); {ACCEPTED}.",
            )


def verified(body: bytes, source: AlertSource) -> etree._Element:
    """The message's XML once its signature is checked against the sender's certificate: only what it signed."""
    try:
        SafeElementTree.fromstring(body)  # refuses entity expansion and external entities before lxml sees it
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception as problem:
        raise CapError(400, "malformed", f"The body is not well-formed XML: {problem}") from problem
    signatures = root.findall(f".//{SIGNATURE}")
    if not signatures:
        raise CapError(401, "unsigned", "The CAP message is not signed: an enveloped XML Signature is required.")
    if len(signatures) > 1 or signatures[0].getparent() is not root:
        raise CapError(
            401, "bad_signature", "The message must carry one XML Signature, enveloped as a child of <alert>."
        )
    _check_algorithms(signatures[0])
    verifier = _Verifier(_xml_attributes(signatures[0].iterancestors()))
    try:
        result = verifier.verify(root, x509_cert=source.certificate, expect_config=_CONFIG)
    except (InvalidInput, SignXMLException) as problem:
        raise CapError(401, "bad_signature", f"The message's signature does not verify: {problem}") from problem
    assert not isinstance(result, list)  # one reference expected (_CONFIG), so one result
    signed = etree.fromstring(result.signed_xml) if isinstance(result.signed_xml, bytes) else result.signed_xml
    if signed is None or signed.tag != root.tag:
        raise CapError(401, "bad_signature", 'The signature must cover the whole <alert> (Reference URI="").')
    return signed
