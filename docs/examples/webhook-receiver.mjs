import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const key = Buffer.from(process.env.WEBHOOK_SECRET.replace(/^whsec_/, ""), "base64");

createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const { "webhook-id": id, "webhook-timestamp": stamp, "webhook-signature": sent = "" } = request.headers;
  const mac = createHmac("sha256", key).update(`${id}.${stamp}.`).update(body).digest("base64");
  const expected = Buffer.from(`v1,${mac}`);
  const signed = sent.split(" ").some((each) => each.length === expected.length && timingSafeEqual(Buffer.from(each), expected));
  if (!signed || Math.abs(Date.now() / 1000 - Number(stamp)) > 300) return response.writeHead(401).end(); // forged, altered or replayed
  const event = JSON.parse(body); // rebuild the pages named, purge their URLs, ...
  console.log(event.type, ...event.items.map((item) => item.urlPath ?? item.id));
  response.writeHead(204).end();
}).listen(Number(process.env.PORT ?? 8001), "127.0.0.1");
