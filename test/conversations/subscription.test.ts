// Conversations live over websockets (server/plugins/conversationEvents.ts) with a real graphql-ws client: two
// parties connected at once; a message sent over HTTP reaches the other party within a second with its (masked)
// text and the unread count, and its author's other devices too; edits, deletions and read receipts are announced;
// an unrelated subscriber hears nothing and cannot read what it is not a party to; a socket without a token is
// refused like the inbox's.
import test from "ava";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { createMember, tokenFor } from "../helpers/actors.ts";
import { conversationOfOffer, markRead, send } from "../helpers/conversations.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createMarket, submitOffer } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const SUBSCRIPTION = `subscription { myConversationEvents {
  kind conversationId messageId userId message { body authorId deletedAt } conversation { unreadCount } } }`;

interface Event {
  kind: string;
  conversationId: string;
  messageId: string | null;
  userId: string;
  message: { body: string | null; authorId: string; deletedAt: string | null } | null;
  conversation: { unreadCount: number } | null;
}

const clients: Client[] = [];
test.afterEach.always(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

function connect(connectionParams?: Record<string, unknown>) {
  let onClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${server.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams,
    retryAttempts: 0, lazy: false, onNonLazyError: () => {},
    on: { closed: (e) => onClosed({ code: (e as CloseEvent).code, reason: String((e as CloseEvent).reason) }) },
  });
  clients.push(client);
  return { client, closed };
}

/** Subscribes and collects events; ready once the server has had a moment to LISTEN. */
async function subscribe(client: Client) {
  const events: Event[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  client.subscribe<{ myConversationEvents: Event }>({ query: SUBSCRIPTION }, {
    next: (value) => {
      if (value.errors) errors.push(...value.errors);
      if (value.data?.myConversationEvents) events.push(value.data.myConversationEvents);
      for (const w of waiters.splice(0)) w();
    },
    error: (err) => {
      errors.push(err);
      for (const w of waiters.splice(0)) w();
    },
    complete: () => {},
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    events,
    errors,
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

test.serial("two parties live: messages, edits, deletions and read receipts within a second; nobody else hears", async (t) => {
  const m = await createMarket(db);
  const conversation = await conversationOfOffer(db, await submitOffer(server, m));
  const stranger = await createMember(db, "both", "phone_verified");
  const customer = await subscribe(connect({ authorization: `Bearer ${m.customerToken}` }).client);
  const traveler = await subscribe(connect({ authorization: `Bearer ${m.travelerToken}` }).client);
  const outsider = await subscribe(connect({ authorization: `Bearer ${await tokenFor(db, stranger)}` }).client);

  const sentAt = Date.now();
  const message = await send(server, m.travelerToken, conversation, "Hi! Text me on 0612345678");
  const [created] = await customer.waitFor(1, 1000);
  t.true(Date.now() - sentAt < 1500, "within a second of the commit");
  t.like(created, { kind: "MESSAGE_CREATED", conversationId: conversation, messageId: message.rowId, userId: m.traveler,
    message: { body: "Hi! Text me on [phone hidden]", authorId: m.traveler }, conversation: { unreadCount: 1 } });
  t.like((await traveler.waitFor(1))[0], { kind: "MESSAGE_CREATED", conversation: { unreadCount: 0 } },
    "the author's other devices too");
  // Writing is reading: the author's read position moved with their message (a read receipt for the other party).
  t.like((await customer.waitFor(2))[1], { kind: "READ", userId: m.traveler, messageId: null, message: null });

  await gqlData(server, `mutation ($id: UUID!) { editMessage(input: { messageId: $id, body: "Hi! Friday works" }) {
    clientMutationId } }`, { token: m.travelerToken, variables: { id: message.rowId } });
  t.like((await customer.waitFor(3))[2], { kind: "MESSAGE_EDITED", message: { body: "Hi! Friday works" } });

  await markRead(server, m.customerToken, conversation);
  t.like((await traveler.waitFor(4))[3], { kind: "READ", userId: m.customer, messageId: null, message: null });
  t.like((await customer.waitFor(4))[3], { kind: "READ", conversation: { unreadCount: 0 } });

  await gqlData(server, `mutation ($id: UUID!) { deleteMessage(input: { messageId: $id }) { clientMutationId } }`,
    { token: m.travelerToken, variables: { id: message.rowId } });
  const deleted = (await customer.waitFor(5))[4];
  t.like(deleted, { kind: "MESSAGE_DELETED", message: { body: null } });
  t.truthy(deleted!.message!.deletedAt);
  await traveler.waitFor(5);
  t.deepEqual(traveler.events.map((e) => e.kind), customer.events.map((e) => e.kind), "both parties hear the same");

  await new Promise((resolve) => setTimeout(resolve, 300));
  t.deepEqual(outsider.events, [], "an unrelated user hears nothing");
  t.deepEqual([...customer.errors, ...traveler.errors, ...outsider.errors], []);
});

test.serial("a socket without a token is refused", async (t) => {
  const { client, closed } = connect(undefined);
  const sub = await subscribe(client);
  const { code, reason } = await closed;
  t.is(code, 4401);
  t.true(reason.startsWith("TOKEN:"), reason);
  t.deepEqual(sub.events, []);
});
