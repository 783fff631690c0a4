"""Keep an offline copy of the CMS's public content in step: run it now and then (a kiosk starting up, a
cron job); each run asks only for what changed since the last one."""

import json
import os
import urllib.request
from pathlib import Path

API = os.environ.get("CMS_GRAPHQL", "http://127.0.0.1:8000/graphql/")
STORE = Path(os.environ.get("SYNC_STORE", "offline-copy.json"))
QUERY = """query($since: String) {
  changes(since: $since, first: 100) {
    items { type itemId locale page { title urlPath } snippet { ... on ContactOffice { name } } }
    removed { type itemId }
    nextToken
    hasMore
  }
}"""


def ask(since: str | None) -> dict:
    body = json.dumps({"query": QUERY, "variables": {"since": since}}).encode()
    request = urllib.request.Request(API, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        reply = json.load(answer)
    for error in reply.get("errors", []):
        if error["extensions"]["code"] == "SYNC_TOKEN_EXPIRED":
            return {}  # away too long: start over with a full sync
        raise RuntimeError(error["message"])
    return reply["data"]["changes"]


copy = json.loads(STORE.read_text()) if STORE.exists() else {"token": None, "items": {}}
while True:
    changes = ask(copy["token"])
    if not changes:
        copy = {"token": None, "items": {}}
        continue
    for item in changes["items"]:
        copy["items"][f"{item['type']}:{item['itemId']}"] = item
    for gone in changes["removed"]:
        copy["items"].pop(f"{gone['type']}:{gone['itemId']}", None)
    copy["token"] = changes["nextToken"]
    if not changes["hasMore"]:
        break
STORE.write_text(json.dumps(copy, indent=1))
print(f"{len(copy['items'])} items in step")
