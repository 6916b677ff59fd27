// Issue 9, finding 5: password hashing has a bounded lane of its own. Under a burst of logins at most
// PASSWORD_HASH_CONCURRENCY hash at once per process and PASSWORD_HASH_QUEUE wait; the rest are answered at once
// with 503 OVRLD and Retry-After, and the rest of the API keeps its connections and answers.
import test from "ava";
import { createUser, DEFAULT_PASSWORD } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";
import { HASHING_MUTATIONS } from "../../server/plugins/passwordLane.ts";

const { db, server } = useTestServer(test, { PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE: "2" });

const LOGIN = "mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { authResult { accessToken } } }";

test("the lane's list is every mutation whose SQL reaches crypt(), directly or through other functions", async (t) => {
  const hashing = await asRoot(db, async (c) => (await c.query<{ name: string }>(`
    with recursive fns as (
      select p.oid, n.nspname, p.proname, p.prosrc, p.provolatile from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace where n.nspname like 'app\\_%'
    ), hashing as (
      select oid, nspname, proname from fns where prosrc ~ '\\mcrypt\\('
      union
      select f.oid, f.nspname, f.proname from fns f
        join hashing h on f.prosrc like '%' || h.nspname || '.' || h.proname || '(%'
    )
    select distinct h.proname as name from hashing h join fns f on f.oid = h.oid
     where h.nspname = 'app_public' and f.provolatile = 'v'`)).rows.map((r) => r.name));
  const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  t.true(hashing.length > 5, "the scan found the hashing functions");
  t.deepEqual(hashing.map(camel).sort(), [...HASHING_MUTATIONS].sort());
});

test("a burst of logins: a bounded number hash, the others get 503 OVRLD with Retry-After; cheap queries still answer", async (t) => {
  const { id, email } = await createUser(db);
  // Production's bcrypt cost, so each login holds the lane for a noticeable time.
  await asRoot(db, (c) => c.query("update app_private.user_secrets set password_hash = crypt($2, gen_salt('bf', 11)) where user_id = $1",
    [id, DEFAULT_PASSWORD]));
  const burst = Array.from({ length: 12 }, () => fetch(`${server.url}/graphql`, { method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { e: email, p: DEFAULT_PASSWORD } }) }));
  const cheapStarted = Date.now();
  const cheap = await server.gql("{ currentUserId }");
  const cheapMs = Date.now() - cheapStarted;
  const answers = await Promise.all(burst);
  const statuses = answers.map((r) => r.status);
  const overloaded = answers.filter((r) => r.status === 503);
  t.is(statuses.filter((s) => s === 200).length, 3, `1 hashing + 2 waiting are served: ${statuses}`);
  t.is(overloaded.length, 9);
  for (const res of overloaded) {
    t.regex(res.headers.get("retry-after") ?? "", /^\d+$/);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    t.is(body.errors[0]!.extensions.code, "OVRLD");
  }
  t.deepEqual(cheap.data, { currentUserId: null });
  t.log(`cheap query during the burst: ${cheapMs} ms`);
});
