import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

KEY = base64.b64decode(os.environ["WEBHOOK_SECRET"].removeprefix("whsec_"))


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        sent_id, stamp = self.headers["webhook-id"], self.headers["webhook-timestamp"]
        mac = hmac.new(KEY, f"{sent_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
        signed = any(
            hmac.compare_digest("v1," + base64.b64encode(mac).decode(), each)
            for each in self.headers["webhook-signature"].split()
        )
        if not signed or abs(time.time() - int(stamp)) > 300:  # forged, altered or replayed
            self.send_response(401), self.end_headers()
            return
        event = json.loads(body)  # rebuild the pages named, purge their URLs, ...
        print(event["type"], *[item.get("urlPath", item["id"]) for item in event["items"]], flush=True)
        self.send_response(204), self.end_headers()


HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8001"))), Receiver).serve_forever()
