// The live inbox over websockets (server/websocket.ts, server/plugins/notificationEvents.ts) with a real graphql-ws
// client: a new in-app notification reaches its user within a second with the unread count, never anyone else;
// reads and deletions are announced too; a socket without a token, or with an invalid, expired or revoked one, is
// refused like an HTTP request; a session revoked while connected ends the socket's next operation; the server keeps
// serving throughout.
import test from "ava";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { createUser, signToken, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs } from "../helpers/worker.ts";

const { db, server } = useTestServer(test);

const OFFER = { request_title: "Books", amount: "12.00", currency: "EUR" };
const SUBSCRIPTION = `subscription { myNotificationEvents {
  kind notificationId unreadNotificationCount notification { rowId title body status userId } } }`;

interface Event {
  kind: string;
  notificationId: string;
  unreadNotificationCount: number;
  notification: { rowId: string; title: string; body: string; status: string; userId: string } | null;
}

const wsUrl = () => `${server.url.replace("http", "ws")}/graphql`;

function connect(connectionParams: Record<string, unknown> | undefined, headers?: Record<string, string>): {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
} {
  let onClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(url: string, protocols: string | string[]) {
            super(url, protocols, { headers });
          }
        }
      : WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // The close is what the tests look at (on.closed); graphql-ws would print it too.
    onNonLazyError: () => {},
    on: { closed: (e) => onClosed({ code: (e as CloseEvent).code, reason: String((e as CloseEvent).reason) }) },
  });
  clients.push(client);
  return { client, closed };
}
const clients: Client[] = [];
test.afterEach.always(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

/** Subscribes and collects events; ready once the server acknowledged the subscription's LISTEN. */
async function subscribe(client: Client) {
  const events: Event[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const stop = client.subscribe<{ myNotificationEvents: Event }>(
    { query: SUBSCRIPTION },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data?.myNotificationEvents) events.push(value.data.myNotificationEvents);
        for (const w of waiters.splice(0)) w();
      },
      error: (err) => {
        errors.push(err);
        for (const w of waiters.splice(0)) w();
      },
      complete: () => {},
    }
  );
  // The LISTEN starts asynchronously once the operation is planned; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    events,
    errors,
    stop,
    /** Resolves with the events once there are n, or rejects after ms. */
    async waitFor(n: number, ms = 1000): Promise<Event[]> {
      const deadline = Date.now() + ms;
      while (events.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`only ${events.length} of ${n} events after ${ms} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return events.slice(0, n);
    },
  };
}

async function notifyAndSend(userId: string): Promise<void> {
  await queryAsRoot(db, "select app_hidden.notify($1, 'offer_countered', $2::jsonb)", [userId, JSON.stringify(OFFER)]);
  await runReadyJobs(db);
}

test.serial("a new in-app notification reaches its user within a second, with the unread count; never another user", async (t) => {
  const alice = await createUser(db, { firstName: "Alice" });
  const bob = await createUser(db, { firstName: "Bob" });
  const aliceToken = await tokenFor(db, alice.id);
  const a = connect({ authorization: `Bearer ${aliceToken}` });
  const b = connect({ authorization: `Bearer ${await tokenFor(db, bob.id)}` });
  const aliceEvents = await subscribe(a.client);
  const bobEvents = await subscribe(b.client);

  const sent = Date.now();
  await notifyAndSend(alice.id);
  const [created] = await aliceEvents.waitFor(1, 1000);
  t.true(Date.now() - sent < 1000 + 500, "within a second of the worker's commit");
  t.deepEqual(aliceEvents.errors, []);
  t.like(created, { kind: "CREATED", unreadNotificationCount: 1 });
  t.like(created!.notification, { title: "A counter-offer is waiting for you", status: "sent", userId: alice.id });
  t.is(created!.notificationId, created!.notification!.rowId);

  // Reading it (over HTTP) and deleting it are announced too, with the count after each.
  await server.gql(`mutation ($id: UUID!) { markNotificationRead(input: { notificationId: $id }) { clientMutationId } }`,
    { token: aliceToken, variables: { id: created!.notificationId } });
  const [, read] = await aliceEvents.waitFor(2);
  t.like(read, { kind: "READ", unreadNotificationCount: 0, notificationId: created!.notificationId });
  await server.gql(`mutation ($id: UUID!) { deleteNotification(input: { notificationId: $id }) { success } }`,
    { token: aliceToken, variables: { id: created!.notificationId } });
  const [, , deleted] = await aliceEvents.waitFor(3);
  t.like(deleted, { kind: "DELETED", notification: null, unreadNotificationCount: 0 });

  // Bob heard nothing of it, and hears his own.
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.deepEqual(bobEvents.events, []);
  await notifyAndSend(bob.id);
  const [bobs] = await bobEvents.waitFor(1);
  t.like(bobs!.notification, { userId: bob.id });
  t.is(aliceEvents.events.length, 3, "Alice does not hear Bob's");
  t.deepEqual([...aliceEvents.errors, ...bobEvents.errors], []);
  await Promise.all([a.client.dispose(), b.client.dispose()]);
});

test.serial("the token may come in the upgrade request's Authorization header", async (t) => {
  const carol = await createUser(db);
  const c = connect(undefined, { authorization: `Bearer ${await tokenFor(db, carol.id)}` });
  const events = await subscribe(c.client);
  await notifyAndSend(carol.id);
  t.like((await events.waitFor(1))[0], { kind: "CREATED", unreadNotificationCount: 1 });
  await c.client.dispose();
});

test.serial("sockets without a valid live token are refused; the server keeps serving", async (t) => {
  const dave = await createUser(db);
  const expired = signToken({ role: "app_user", session_id: crypto.randomUUID() }, -10);
  const revoked = await tokenFor(db, dave.id);
  await queryAsRoot(db, "update app_private.sessions set revoked_at = now() where user_id = $1", [dave.id]);
  const cases: Array<[string, Record<string, unknown> | undefined, string]> = [
    ["no token", undefined, "TOKEN"],
    ["not a bearer token", { authorization: "Basic abc" }, "TOKEN"],
    ["a forged token", { authorization: `Bearer ${signToken({ role: "app_user", session_id: crypto.randomUUID() }, 60, "x".repeat(40))}` }, "TOKEN"],
    ["an expired token", { authorization: `Bearer ${expired}` }, "LOGIN"],
    ["a revoked session", { authorization: `Bearer ${revoked}` }, "LOGIN"],
  ];
  for (const [name, params, code] of cases) {
    const { client, closed } = connect(params);
    const sub = await subscribe(client);
    const { code: closeCode, reason } = await closed;
    t.is(closeCode, 4401, name);
    t.true(reason.startsWith(`${code}:`), `${name}: ${reason}`);
    t.deepEqual(sub.events, [], name);
    await client.dispose();
  }
  // Still serving HTTP and websockets.
  const erin = await createUser(db);
  const token = await tokenFor(db, erin.id);
  t.is((await server.gql(`{ unreadNotificationCount }`, { token })).data!.unreadNotificationCount, 0);
  const e = connect({ authorization: `Bearer ${token}` });
  const events = await subscribe(e.client);
  await notifyAndSend(erin.id);
  t.like((await events.waitFor(1))[0], { kind: "CREATED" });
  await e.client.dispose();
});

test.serial("a session revoked while connected: its next operation closes the socket; its events carry nothing", async (t) => {
  const frank = await createUser(db);
  const f = connect({ authorization: `Bearer ${await tokenFor(db, frank.id)}` });
  const events = await subscribe(f.client);
  await queryAsRoot(db, "update app_private.sessions set revoked_at = now() where user_id = $1", [frank.id]);
  await notifyAndSend(frank.id);
  const [event] = await events.waitFor(1);
  t.like(event, { kind: "CREATED", notification: null, unreadNotificationCount: 0 }, "read under RLS: nothing");
  await subscribe(f.client);
  const { code, reason } = await f.closed;
  t.is(code, 4401);
  t.true(reason.startsWith("LOGIN:"), reason);
  await f.client.dispose();
});

test.serial("a socket is closed when its token expires", async (t) => {
  const gina = await createUser(db);
  const g = connect({ authorization: `Bearer ${await tokenFor(db, gina.id, { expiresIn: 2 })}` });
  await subscribe(g.client);
  const { code, reason } = await g.closed;
  t.is(code, 4401);
  t.true(reason.startsWith("LOGIN:"), reason);
  await g.client.dispose();
});
