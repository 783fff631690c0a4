"""CAP 1.2 messages for the CAP tests: keys and certificates, a message shaped like the public samples real
senders post (an <info> per language with <parameter>, <resource> and an <area> with <areaDesc>, <polygon> and
<geocode>s), and signing it with signxml or with Debian's xmlsec1 in any form a sender's tools write."""

from __future__ import annotations

import datetime
import subprocess
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from django.http import HttpResponse
from django.test import Client
from lxml import etree
from signxml import XMLSigner

SENDER = "alerts@tacoma.k12.wa.us"
DSIG = "http://www.w3.org/2000/09/xmldsig#"
C14N = {
    "c14n": "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "c14n#WithComments": "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
    "c14n11": "http://www.w3.org/2006/12/xml-c14n11",
    "c14n11#WithComments": "http://www.w3.org/2006/12/xml-c14n11#WithComments",
    "exc-c14n": "http://www.w3.org/2001/10/xml-exc-c14n#",
    "exc-c14n#WithComments": "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
}
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
RSA_SHA1 = f"{DSIG}rsa-sha1"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA1 = f"{DSIG}sha1"
PACIFIC = datetime.timezone(datetime.timedelta(hours=-8))


def key_and_certificate(kind: str = "rsa") -> tuple[bytes, str]:
    """A private key (PEM) and its self-signed certificate (PEM), RSA 2048 or ECDSA P-256."""
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "District notifications")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256())
    )  # fmt: skip
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem_key, certificate.public_bytes(serialization.Encoding.PEM).decode()


def cap_time(moment: datetime.datetime | None = None) -> str:
    """A CAP date-time: seconds, with the sender's offset (Pacific), as senders write it."""
    return (moment or datetime.datetime.now(PACIFIC)).astimezone(PACIFIC).replace(microsecond=0).isoformat()


WORDS = {
    "en": ("Lockdown", "Stay in your room.", "Lock the door."),
    "es": ("Confinamiento", "Quédese en su salón.", "Cierre la puerta."),
}


def cap_xml(
    identifier: str = "TPS-1",
    msg_type: str = "Alert",
    status: str = "Actual",
    references: str = "",
    schools: str = "",
    languages: tuple[str, ...] = ("en-US", "es-US"),
    severity: str = "Extreme",
    sender: str = SENDER,
    sent: str | None = None,
    expires: str | None = None,
    effective: str | None = None,
) -> str:
    """A CAP 1.2 alert shaped like the public samples: header, <code>, then per language an <info> with its
    category, event, response, <eventCode>, <parameter>s, a <resource> and an <area> (<areaDesc>, <polygon>,
    a county <geocode>, and the schools' geocode when `schools` names any)."""
    sent = sent or cap_time()
    infos = []
    for language in languages:
        headline, description, instruction = WORDS[language[:2]]
        school_geocode = f"<geocode><valueName>school</valueName><value>{schools}</value></geocode>" if schools else ""
        infos.append(
            f"<info><language>{language}</language><category>Safety</category><event>{headline}</event>"
            "<responseType>Shelter</responseType><urgency>Immediate</urgency>"
            f"<severity>{severity}</severity><certainty>Observed</certainty><audience>Students and staff</audience>"
            "<eventCode><valueName>SAME</valueName><value>CDW</value></eventCode>"
            f"<effective>{effective or sent}</effective><onset>{effective or sent}</onset>"
            f"{f'<expires>{expires}</expires>' if expires else ''}<senderName>Tacoma Public Schools</senderName>"
            f"<headline>{headline}</headline><description>{description}</description>"
            f"<instruction>{instruction}</instruction><web>https://www.tacomaschools.org/alerts</web>"
            "<contact>Safety office, 253-571-1000</contact>"
            "<parameter><valueName>EAS-ORG</valueName><value>CIV</value></parameter>"
            "<parameter><valueName>BLOCKCHANNEL</valueName><value>CMAS</value></parameter>"
            "<resource><resourceDesc>Map of the area</resourceDesc><mimeType>image/png</mimeType>"
            "<uri>https://www.tacomaschools.org/alerts/map.png</uri></resource>"
            "<area><areaDesc>Tacoma Public Schools, Pierce County, WA</areaDesc>"
            "<polygon>47.30,-122.55 47.30,-122.35 47.19,-122.35 47.19,-122.55 47.30,-122.55</polygon>"
            f"<geocode><valueName>SAME</valueName><value>053053</value></geocode>{school_geocode}</area></info>"
        )
    refs = f"<references>{references}</references>" if references else ""
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>{sender}</sender>"
        f"<sent>{sent}</sent><status>{status}</status><msgType>{msg_type}</msgType>"
        f"<scope>Public</scope><code>IPAWSv1.0</code>{refs}{''.join(infos)}</alert>"
    )


def signed(xml: str, key: bytes, certificate: str) -> bytes:
    """Signed by signxml (exclusive C14N, prefixed ds:, RSA-SHA256)."""
    return etree.tostring(XMLSigner().sign(etree.fromstring(xml.encode()), key=key, cert=certificate))


def signature_template(
    c14n: str = "c14n",
    signature_method: str = RSA_SHA256,
    digest_method: str = SHA256,
    prefixed: bool = False,
    transforms: tuple[str, ...] | None = None,
) -> str:
    """An enveloped XML Signature template for xmlsec1 to fill in (its DigestValue and SignatureValue)."""
    p = "ds:" if prefixed else ""
    namespace = f'xmlns:ds="{DSIG}"' if prefixed else f'xmlns="{DSIG}"'
    steps = transforms if transforms is not None else (f"{DSIG}enveloped-signature", C14N[c14n])
    transform_elements = "".join(f'<{p}Transform Algorithm="{step}"/>' for step in steps)
    return (
        f"\n  <{p}Signature {namespace}>\n    <{p}SignedInfo>\n"
        f'      <{p}CanonicalizationMethod Algorithm="{C14N[c14n]}"/>\n'
        f'      <{p}SignatureMethod Algorithm="{signature_method}"/>\n'
        f'      <{p}Reference URI="">\n        <{p}Transforms>{transform_elements}</{p}Transforms>\n'
        f'        <{p}DigestMethod Algorithm="{digest_method}"/>\n        <{p}DigestValue/>\n'
        f"      </{p}Reference>\n    </{p}SignedInfo>\n    <{p}SignatureValue/>\n"
        f"    <{p}KeyInfo><{p}X509Data/></{p}KeyInfo>\n  </{p}Signature>\n"
    )


def xmlsec_signed(xmlsec1: str, xml: str, key: bytes, certificate: str, **template: object) -> bytes:
    """Signed by `xmlsec1 --sign` from a template, as a sender's tools do; the template's options choose the
    canonicalization, algorithms, and a default-namespace or prefixed Signature. The message keeps the
    whitespace and comments a sender's tools write."""
    document = xml.replace("><identifier>", ">\n  <!-- issued from the notification console -->\n  <identifier>", 1)
    document = document.replace("</alert>", f"{signature_template(**template)}</alert>")  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="cap-sign-") as folder:
        base = Path(folder)
        (base / "key.pem").write_bytes(key)
        (base / "cert.pem").write_text(certificate)
        (base / "template.xml").write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{document}\n', encoding="utf-8")
        subprocess.run(
            [
                xmlsec1,
                "--sign",
                "--privkey-pem",
                f"{base / 'key.pem'},{base / 'cert.pem'}",
                "--output",
                str(base / "signed.xml"),
                str(base / "template.xml"),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
        return (base / "signed.xml").read_bytes()


def xmlsec_verifies(xmlsec1: str, body: bytes, certificate: str) -> bool:
    """Whether `xmlsec1 --verify` accepts the message with this certificate."""
    with tempfile.TemporaryDirectory(prefix="cap-verify-") as folder:
        base = Path(folder)
        (base / "cert.pem").write_text(certificate)
        (base / "signed.xml").write_bytes(body)
        done = subprocess.run(
            [xmlsec1, "--verify", "--trusted-pem", str(base / "cert.pem"), str(base / "signed.xml")],
            capture_output=True,
            timeout=30,
            check=False,
        )
        return done.returncode == 0


SENDER_KEY, SENDER_CERTIFICATE = key_and_certificate()
OTHER_KEY, OTHER_CERTIFICATE = key_and_certificate()
EC_KEY, EC_CERTIFICATE = key_and_certificate("ec")
TOKEN, OTHER_TOKEN = "cap-sender-token", "other-cap-sender-token"
URL = "/display/api/cap"


def post_cap(
    client: Client, body: bytes, token: str = TOKEN, content_type: str = "application/cap+xml"
) -> HttpResponse:
    """POST /display/api/cap with a sender's token."""
    return client.post(URL, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}")
