// Runs graphql-http's GraphQL-over-HTTP server audits against a live server; prints one JSON line per audit.
// Usage: node run_audits.mjs http://host:port/graphql/
import { serverAudits } from "graphql-http";

const results = [];
for (const audit of serverAudits({ url: process.argv[2] })) {
  const result = await audit.fn();
  results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? "" });
}
console.log(JSON.stringify(results));
