// Runs documented queries through real GraphQL clients against a live server; prints JSON results.
// Usage: node run_clients.mjs spec.json out.json  (spec: {url, possibleTypes, introspection, runs: [{name, query, variables, locale}]})
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client/core/index.js";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries/index.js";
import { Client as UrqlClient, fetchExchange, gql as urqlGql } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(`${level}: ${args.map(String).join(" ")}`);
}
const requests = [];
const recordingFetch = (uri, options) => {
  requests.push({ method: options.method, url: String(uri) });
  return fetch(uri, options);
};
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

const apollo = {
  post: () => new HttpLink({ uri: spec.url, fetch: recordingFetch }),
  get: () => new HttpLink({ uri: spec.url, fetch: recordingFetch, useGETForQueries: true }),
  apq: () =>
    createPersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
      new HttpLink({ uri: spec.url, fetch: recordingFetch }),
    ),
};

function apolloClient(mode) {
  const cache = new InMemoryCache({ possibleTypes: spec.possibleTypes });
  return new ApolloClient({ link: apollo[mode](), cache, defaultOptions: { query: { fetchPolicy: "cache-first" } } });
}

async function apolloRun(client, run) {
  const result = await client.query({ query: gql(run.query), variables: run.variables, errorPolicy: "all" });
  return { data: result.data ?? null, errors: (result.errors ?? []).map((e) => e.message) };
}

// Types without an `id` are embedded in their parent, as Apollo treats them; graphcache is told so.
const embedded = Object.fromEntries(
  spec.introspection.__schema.types
    .filter((t) => t.kind === "OBJECT" && !t.name.startsWith("__") && !(t.fields ?? []).some((f) => f.name === "id"))
    .map((t) => [t.name, () => null]),
);

function urqlClient() {
  return new UrqlClient({
    url: spec.url,
    fetch: recordingFetch,
    requestPolicy: "cache-first",
    exchanges: [cacheExchange({ schema: spec.introspection, keys: embedded }), fetchExchange],
  });
}

async function urqlRun(client, run) {
  const result = await client.query(urqlGql(run.query), run.variables).toPromise();
  return {
    data: result.data ?? null,
    errors: result.error ? [result.error.message] : [],
  };
}

const out = { warnings, clients: {}, requests };
const kinds = [
  ...Object.keys(apollo).map((mode) => [`apollo-${mode}`, () => apolloClient(mode), apolloRun]),
  ["urql", urqlClient, urqlRun],
];
for (const [name, make, runOne] of kinds) {
  const shared = make();
  const results = [];
  for (const run of spec.runs) {
    let sharedAnswer, freshAnswer;
    try {
      sharedAnswer = await runOne(shared, run);
      freshAnswer = await runOne(make(), run);
    } catch (error) {
      sharedAnswer = sharedAnswer ?? { data: null, errors: [`thrown: ${error.message}`] };
      freshAnswer = freshAnswer ?? { data: null, errors: [`thrown: ${error.message}`] };
    }
    results.push({ name: run.name, locale: run.locale, shared: sharedAnswer, fresh: freshAnswer });
  }
  out.clients[name] = results;
}
writeFileSync(process.argv[3], JSON.stringify(out));
process.exit(0);
