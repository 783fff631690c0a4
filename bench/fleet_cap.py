"""The fleet benchmark's mass-notification system: a CAP sender with a key and certificate of its own, registered
as an AlertSource, posting a signed CAP 1.2 alert to POST /display/api/cap as a district's system would.
"""

from __future__ import annotations

import datetime
import http.client
import json
import secrets
import time

SENDER = "alerts@bench.tacoma.k12.wa.us"

# Run in `manage.py shell`: the source, registered with the <sender> its messages carry.
SOURCE = """
from displays.credentials import digest
from displays.models import AlertSource
AlertSource.objects.create(name="Bench notifications", token_hash=digest({token!r}), certificate={certificate!r},
                           cap_senders={sender!r})
"""


class CapSender:
    """A sender's token, key and self-signed certificate, made fresh for each run."""

    def __init__(self) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        self.token = secrets.token_urlsafe(32)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench notifications")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256())
        )  # fmt: skip
        self.key = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.certificate = certificate.public_bytes(serialization.Encoding.PEM).decode()

    def source_script(self) -> str:
        return SOURCE.format(sender=SENDER, token=self.token, certificate=self.certificate)

    def signed_alert(self, identifier: str) -> bytes:
        """A district-wide Extreme alert in English and Spanish, sent now, with an enveloped XML Signature."""
        from lxml import etree
        from signxml import XMLSigner

        sent = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        infos = "".join(
            f"<info><language>{language}</language><category>Safety</category><event>Lockdown</event>"
            "<urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>"
            f"<headline>{headline}</headline><description>{description}</description></info>"
            for language, headline, description in (
                ("en-US", "Lockdown", "Stay in your room. Lock the door."),
                ("es-US", "Confinamiento", "Quédese en su salón. Cierre la puerta."),
            )
        )
        xml = (
            '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
            f"<identifier>{identifier}</identifier><sender>{SENDER}</sender><sent>{sent}</sent>"
            f"<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>{infos}</alert>"
        )
        return etree.tostring(XMLSigner().sign(etree.fromstring(xml.encode()), key=self.key, cert=self.certificate))

    def post(self, port: int, body: bytes) -> tuple[str, float]:
        """POST the message to the intake; the alert's id and the moment the request was sent."""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/cap+xml", "Authorization": f"Bearer {self.token}"}
        posted_at = time.time()
        connection.request("POST", "/display/api/cap", body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        connection.close()
        if response.status not in (200, 201):
            raise RuntimeError(f"POST /display/api/cap answered {response.status}: {answer[:300]!r}")
        return json.loads(answer)["alert"], posted_at
