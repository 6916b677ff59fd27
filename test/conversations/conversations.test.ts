// Conversations over GraphQL (docs/conversations.md): one per offer thread, carried over to its delivery; two
// parties send, edit within 5 minutes, delete as tombstones, read (receipts, unread counts), list their
// conversations; refusals with their codes (strangers, blocks, closed threads, the rate limit, also under parallel
// sends); the notification of a new message and its silence while the recipient reads; the first reply's response
// time; reports and moderation; retention and the anonymisation of deleted accounts.
import test from "ava";
import { actAs, blockUser, createMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { conversationOfOffer, history, markRead, send, trySend } from "../helpers/conversations.ts";
import { readyFile } from "../helpers/files.ts";
import { gqlData } from "../helpers/graphql.ts";
import { acceptOffer, createMarket, createTrip, type Market, submitOffer } from "../helpers/marketplace.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

/** A customer's request, a traveler's offer on it, and the offer's conversation. */
async function thread(): Promise<Market & { offer: string; conversation: string }> {
  const market = await createMarket(db);
  const offer = await submitOffer(server, market);
  return { ...market, offer, conversation: await conversationOfOffer(db, offer) };
}

const MY_CONVERSATIONS = `{ myConversations { nodes { rowId offerId deliveryId unreadCount closedReason
  latestMessage { body authorId } } } }`;

test("an offer thread opens a conversation; both parties send and read; history is newest first, paged by keyset", async (t) => {
  const m = await thread();
  const first = await send(server, m.travelerToken, m.conversation, "Hello, I can take it on Friday.");
  t.like(first, { authorId: m.traveler, body: "Hello, I can take it on Friday.", masked: false, editedAt: null });
  const reply = await send(server, m.customerToken, m.conversation, "Great, where do we meet?");
  const third = await send(server, m.travelerToken, m.conversation, "At the station.");

  const all = await history(server, m.customerToken, m.conversation);
  t.deepEqual(all.map((x) => x.rowId), [third.rowId, reply.rowId, first.rowId], "newest first");
  const page = await history(server, m.customerToken, m.conversation, { first: 2 });
  t.deepEqual(page.map((x) => x.rowId), [third.rowId, reply.rowId]);
  const older = await history(server, m.customerToken, m.conversation, { before: page.at(-1)!.rowId });
  t.deepEqual(older.map((x) => x.rowId), [first.rowId], "the page below the oldest held");
  // A message arriving meanwhile does not shift the older page.
  await send(server, m.customerToken, m.conversation, "See you there");
  t.deepEqual((await history(server, m.customerToken, m.conversation, { before: page.at(-1)!.rowId })).map((x) => x.rowId),
    [first.rowId]);

  // Unread counts: the customer wrote after the traveler's first message, so only "At the station." is unread.
  const customerList = (await gqlData(server, MY_CONVERSATIONS, { token: m.customerToken })).myConversations.nodes;
  t.is(customerList.length, 1);
  t.like(customerList[0], { rowId: m.conversation, offerId: m.offer, deliveryId: null, unreadCount: 0, closedReason: null,
    latestMessage: { body: "See you there", authorId: m.customer } });
  const travelerList = (await gqlData(server, MY_CONVERSATIONS, { token: m.travelerToken })).myConversations.nodes;
  t.like(travelerList[0], { unreadCount: 1 }, "the customer's latest message is unread by the traveler");
  await markRead(server, m.travelerToken, m.conversation);
  t.like((await gqlData(server, MY_CONVERSATIONS, { token: m.travelerToken })).myConversations.nodes[0], { unreadCount: 0 });
  // Read receipts: each party reads the other's position.
  const reads = await gqlData(server, `query ($c: UUID!) { conversation(rowId: $c) {
      conversationReads { nodes { userId lastReadAt } } } }`, { token: m.customerToken, variables: { c: m.conversation } });
  t.deepEqual(reads.conversation.conversationReads.nodes.map((r: { userId: string }) => r.userId).sort(),
    [m.customer, m.traveler].sort());
});

test("myConversations lists only one's own, the most recently active first", async (t) => {
  const a = await thread();
  // A second traveler offers on the same request: the customer has two conversations.
  const ute = await createMember(db, "traveler", "phone_verified", { firstName: "Ute" });
  const b = { request: a.request, trip: await createTrip(db, ute), travelerToken: await tokenFor(db, ute) };
  const convB = await conversationOfOffer(db, await submitOffer(server, b));
  const list = async (token: string) => (await gqlData(server, MY_CONVERSATIONS, { token })).myConversations.nodes
    .map((c: { rowId: string }) => c.rowId);
  await send(server, a.travelerToken, a.conversation, "First");
  await send(server, b.travelerToken, convB, "Second");
  t.deepEqual(await list(a.customerToken), [convB, a.conversation]);
  await send(server, a.travelerToken, a.conversation, "Again");
  t.deepEqual(await list(a.customerToken), [a.conversation, convB], "the latest activity first");
  t.deepEqual(await list(a.travelerToken), [a.conversation], "each traveler only their own");
  t.deepEqual(await list(b.travelerToken), [convB]);
});

test("edit within 5 minutes (EXPRD after), delete leaves a tombstone; only the author may", async (t) => {
  const m = await thread();
  const msg = await send(server, m.customerToken, m.conversation, "Is it fragile?");
  const edit = (token: string, id: string, body: string) => server.gql(`mutation ($id: UUID!, $b: String!) {
      editMessage(input: { messageId: $id, body: $b }) { conversationMessage { body editedAt } } }`,
  { token, variables: { id, b: body } });
  const edited = await edit(m.customerToken, msg.rowId, "Is it fragile? It is glass.");
  t.is(edited.errors, undefined, JSON.stringify(edited.errors));
  t.is(edited.data!.editMessage.conversationMessage.body, "Is it fragile? It is glass.");
  t.truthy(edited.data!.editMessage.conversationMessage.editedAt);
  t.is(errorCode(await edit(m.travelerToken, msg.rowId, "hijacked")), "NTFND", "the other party cannot edit it");
  t.is(errorCode(await edit(m.customerToken, msg.rowId, "x".repeat(2001))), "INVAL", "2000 characters at most");
  await queryAsRoot(db, "update app_public.conversation_messages set created_at = now() - interval '6 minutes' where id = $1",
    [msg.rowId]);
  t.is(errorCode(await edit(m.customerToken, msg.rowId, "too late")), "EXPRD");

  const del = (token: string, id: string) => server.gql(`mutation ($id: UUID!) {
      deleteMessage(input: { messageId: $id }) { conversationMessage { body deletedAt } } }`, { token, variables: { id } });
  t.is(errorCode(await del(m.travelerToken, msg.rowId)), "NTFND");
  const deletion = await del(m.customerToken, msg.rowId);
  t.is(deletion.errors, undefined, JSON.stringify(deletion.errors));
  const deleted = deletion.data!.deleteMessage.conversationMessage;
  t.is(deleted.body, null);
  t.truthy(deleted.deletedAt);
  t.is(errorCode(await del(m.customerToken, msg.rowId)), "BADST", "already deleted");
  t.is(errorCode(await edit(m.customerToken, msg.rowId, "back")), "BADST");
  const [tombstone] = await history(server, m.travelerToken, m.conversation);
  t.like(tombstone, { rowId: msg.rowId, body: null });
  t.truthy(tombstone!.deletedAt, "the other party sees the tombstone");
});

test("bad input gets documented codes naming the field", async (t) => {
  const m = await thread();
  const empty = await trySend(server, m.customerToken, m.conversation, null);
  t.is(errorCode(empty), "INVAL");
  t.regex(empty.errors![0]!.message, /body or attachment_id is required/);
  const long = await trySend(server, m.customerToken, m.conversation, "x".repeat(2001));
  t.is(errorCode(long), "INVAL");
  t.regex(long.errors![0]!.message, /body must have 1 to 2000 characters/);
  t.is(errorCode(await trySend(server, m.customerToken, crypto.randomUUID(), "hi")), "NTFND");
  t.is(errorCode(await server.gql(`mutation ($c: UUID!) { sendMessage(input: { conversationId: $c, body: "hi" }) {
    clientMutationId } }`, { variables: { c: m.conversation } })), "DNIED", "visitors may not call it");
  const photo = await readyFile(db, m.traveler, "item_photo");
  t.is(errorCode(await trySend(server, m.customerToken, m.conversation, "look", photo)), "INVAL",
    "someone else's file");
  const own = await readyFile(db, m.customer, "item_photo");
  const withPhoto = await send(server, m.customerToken, m.conversation, null, own);
  t.is(withPhoto.attachmentId, own);
  // The other party reads the attached photo; nobody else does; a deleted message takes it out of their view.
  const stranger = await createMember(db, "both");
  const reads = async (userId: string) => actAs(db, user(userId), (c) => outcome(c, "select 1 from app_public.files where id = $1", [own]));
  t.is(await reads(m.traveler), 1);
  t.is(await reads(stranger), 0);
  await gqlData(server, `mutation ($id: UUID!) { deleteMessage(input: { messageId: $id }) { clientMutationId } }`,
    { token: m.customerToken, variables: { id: withPhoto.rowId } });
  t.is(await reads(m.traveler), 0);
});

test("an unrelated user cannot read, send, mark read or report", async (t) => {
  const m = await thread();
  const msg = await send(server, m.customerToken, m.conversation, "Private");
  const stranger = await tokenFor(db, await createMember(db, "both", "phone_verified"));
  t.deepEqual(await history(server, stranger, m.conversation), []);
  t.is(errorCode(await trySend(server, stranger, m.conversation, "Hi")), "NTFND");
  t.is(errorCode(await server.gql(`mutation ($c: UUID!) { markConversationRead(input: { conversationId: $c }) {
    clientMutationId } }`, { token: stranger, variables: { c: m.conversation } })), "NTFND");
  t.is(errorCode(await server.gql(`mutation ($id: UUID!) { reportMessage(input: { messageId: $id, reason: spam }) {
    clientMutationId } }`, { token: stranger, variables: { id: msg.rowId } })), "NTFND");
  t.is((await gqlData(server, MY_CONVERSATIONS, { token: stranger })).myConversations.nodes.length, 0);
  t.is((await gqlData(server, `query ($c: UUID!) { conversation(rowId: $c) { rowId } }`,
    { token: stranger, variables: { c: m.conversation } })).conversation, null);
});

test("a block closes the conversation for both (DNIED); a declined thread closes it (BADST); history stays readable", async (t) => {
  const m = await thread();
  await send(server, m.customerToken, m.conversation, "Before the block");
  await blockUser(db, m.customer, m.traveler);
  for (const token of [m.customerToken, m.travelerToken]) {
    t.is(errorCode(await trySend(server, token, m.conversation, "Hello?")), "DNIED");
  }
  t.like((await gqlData(server, MY_CONVERSATIONS, { token: m.travelerToken })).myConversations.nodes[0],
    { closedReason: "blocked" });
  t.is((await history(server, m.travelerToken, m.conversation)).length, 1);

  const d = await thread();
  await gqlData(server, `mutation ($o: UUID!) { declineOffer(input: { offerId: $o, reason: price_too_high }) { clientMutationId } }`,
    { token: d.customerToken, variables: { o: d.offer } });
  t.is(errorCode(await trySend(server, d.travelerToken, d.conversation, "But wait")), "BADST");
  t.like((await gqlData(server, MY_CONVERSATIONS, { token: d.travelerToken })).myConversations.nodes[0],
    { closedReason: "offer_closed" });
});

test("the conversation carries over to the delivery; it closes after the dispute window", async (t) => {
  const m = await thread();
  await send(server, m.travelerToken, m.conversation, "Offer sent");
  const delivery = await acceptOffer(server, m, m.offer);
  const [row] = await queryAsRoot(db, "select delivery_id from app_public.conversations where id = $1", [m.conversation]);
  t.is(row!.delivery_id, delivery);
  await send(server, m.customerToken, m.conversation, "Accepted, thanks");
  await gqlData(server, `mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) {
    clientMutationId } }`, { token: m.customerToken, variables: { d: delivery } });
  await send(server, m.customerToken, m.conversation, "Within the dispute window, still open");
  await setTimesAgo(db, "app_public.deliveries", delivery, { cancelled_at: "49 hours" });
  t.like((await gqlData(server, MY_CONVERSATIONS, { token: m.travelerToken })).myConversations.nodes[0],
    { closedReason: "delivery_ended", deliveryId: delivery });
  t.is(errorCode(await trySend(server, m.customerToken, m.conversation, "Still there?")), "BADST");
});

test.serial("sends are limited per user per minute, also when racing", async (t) => {
  const previous = await setSetting(db, "conversations.messages_per_minute", 5);
  try {
    const m = await thread();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      trySend(server, m.travelerToken, m.conversation, `Message ${i}`)));
    const codes = results.map((r) => errorCode(r) ?? "ok");
    t.is(codes.filter((c) => c === "ok").length, 5, codes.join(","));
    t.true(codes.filter((c) => c !== "ok").every((c) => c === "LIMIT"), codes.join(","));
    t.is((await history(server, m.customerToken, m.conversation)).length, 5);
    // The other party has a limit of their own.
    await send(server, m.customerToken, m.conversation, "Slow down");
  } finally {
    await setSetting(db, "conversations.messages_per_minute", previous);
  }
});

test("a new message notifies the other party once per unread streak, not while they read", async (t) => {
  const m = await thread();
  const inbox = async (userId: string) => (await notificationsTo(db, { userId }))
    .filter((n) => n.template === "conversation_message" && n.channel === "in_app");
  await send(server, m.travelerToken, m.conversation, "Hello");
  const [first, ...rest] = await inbox(m.customer);
  t.is(rest.length, 0);
  t.like(first!.variables, { sender_name: "Tom W." });
  await send(server, m.travelerToken, m.conversation, "Are you there?");
  t.is((await inbox(m.customer)).length, 1, "not again before they read");
  // Reading now: no notification while they are in the conversation.
  await markRead(server, m.customerToken, m.conversation);
  await send(server, m.travelerToken, m.conversation, "Great");
  t.is((await inbox(m.customer)).length, 1, "they are reading");
  // Read more than conversations.reading_seconds ago: notified again.
  await queryAsRoot(db, `update app_public.conversation_reads
    set last_read_at = now() - interval '2 minutes', notified_at = now() - interval '3 minutes'
    where conversation_id = $1 and user_id = $2`, [m.conversation, m.customer]);
  await send(server, m.travelerToken, m.conversation, "Ping");
  t.is((await inbox(m.customer)).length, 2);
  // Preferences hold: in-app messages cannot be switched off, but email of the category can.
  const emails = (await notificationsTo(db, { userId: m.customer })).filter((n) => n.template === "conversation_message"
    && n.channel === "email");
  t.is(emails.length, 2);
});

test("the first reply feeds the replier's response time", async (t) => {
  const m = await thread();
  await send(server, m.travelerToken, m.conversation, "Hello");
  await queryAsRoot(db, "update app_public.conversation_messages set created_at = now() - interval '30 minutes' where conversation_id = $1",
    [m.conversation]);
  const before = await queryAsRoot(db, "select offer_answers from app_public.user_statistics where user_id = $1", [m.customer]);
  await send(server, m.customerToken, m.conversation, "Hi!");
  await send(server, m.customerToken, m.conversation, "A second message is no answer");
  const [stats] = await queryAsRoot(db,
    "select offer_answers, offer_answer_seconds, response_time_minutes from app_public.user_statistics where user_id = $1",
    [m.customer]);
  t.is(stats!.offer_answers, before[0]!.offer_answers + 1);
  t.true(Number(stats!.offer_answer_seconds) >= 1800);
  t.is(stats!.response_time_minutes, 30);
});

test("a party reports a message; a moderator hides it (the original stays for moderators) or dismisses", async (t) => {
  const m = await thread();
  const rude = await send(server, m.travelerToken, m.conversation, "You are an idiot");
  const report = (token: string, id: string) => server.gql(`mutation ($id: UUID!) {
      reportMessage(input: { messageId: $id, reason: harassment, note: "Insults" }) {
        conversationMessageReport { status reporterId } } }`, { token, variables: { id } });
  t.is(errorCode(await report(m.travelerToken, rude.rowId)), "DNIED", "not one's own");
  t.like((await report(m.customerToken, rude.rowId)).data!.reportMessage.conversationMessageReport,
    { status: "pending", reporterId: m.customer });
  t.is(errorCode(await report(m.customerToken, rude.rowId)), "EXIST");

  const moderate = (token: string, id: string, hide: boolean) => server.gql(`mutation ($id: UUID!, $h: Boolean!) {
      moderateMessage(input: { messageId: $id, hide: $h }) { conversationMessage { body hiddenAt originalBody } } }`,
  { token, variables: { id, h: hide } });
  t.is(errorCode(await moderate(m.customerToken, rude.rowId, true)), "DNIED");
  const moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  const modToken = await tokenFor(db, moderator);
  const queue = await gqlData(server, `{ conversationMessageReports { nodes { messageId status } } }`, { token: modToken });
  t.true(queue.conversationMessageReports.nodes.some((r: { messageId: string; status: string }) =>
    r.messageId === rude.rowId && r.status === "pending"), "the moderators' queue");
  const hidden = (await moderate(modToken, rude.rowId, true)).data!.moderateMessage.conversationMessage;
  t.like(hidden, { body: null, originalBody: "You are an idiot" });
  t.truthy(hidden.hiddenAt);
  const [asParty] = await history(server, m.customerToken, m.conversation);
  t.like(asParty, { body: null });
  const [reportRow] = await queryAsRoot(db, "select status, handled_by from app_public.conversation_message_reports where message_id = $1",
    [rude.rowId]);
  t.like(reportRow, { status: "resolved", handled_by: moderator });

  const fine = await send(server, m.travelerToken, m.conversation, "Sorry");
  await report(m.customerToken, fine.rowId);
  t.like((await moderate(modToken, fine.rowId, false)).data!.moderateMessage.conversationMessage, { body: "Sorry" });
  const [dismissed] = await queryAsRoot(db, "select status from app_public.conversation_message_reports where message_id = $1",
    [fine.rowId]);
  t.is(dismissed!.status, "dismissed");
});

test("retention: ended deliveries' conversations go after the dispute window plus retention; closed threads after retention", async (t) => {
  const live = await thread();
  await send(server, live.travelerToken, live.conversation, "Live");
  const closed = await thread();
  await send(server, closed.travelerToken, closed.conversation, "Closed");
  await gqlData(server, `mutation ($o: UUID!) { withdrawOffer(input: { offerId: $o, reason: other }) { clientMutationId } }`,
    { token: closed.travelerToken, variables: { o: closed.offer } });
  const cleanup = async () => (await queryAsRoot(db, "select app_private.delete_expired_conversations() as n"))[0]!.n as number;
  await cleanup();
  const exists = async (id: string) => (await queryAsRoot(db, "select 1 from app_public.conversations where id = $1", [id])).length === 1;
  t.true(await exists(closed.conversation), "kept within retention");
  await queryAsRoot(db, "update app_public.delivery_offers set closed_at = now() - interval '366 days' where id = $1", [closed.offer]);
  t.true(await cleanup() >= 1);
  t.false(await exists(closed.conversation));
  t.true(await exists(live.conversation), "a pending thread's conversation stays");
  const [messages] = await queryAsRoot(db, "select count(*)::int as n from app_public.conversation_messages where conversation_id = $1",
    [closed.conversation]);
  t.is(messages!.n, 0, "its messages went with it");
  const [step] = await queryAsRoot(db, "select app_private.cleanup_expired_data() ? 'conversations_deleted' as listed");
  t.true(step!.listed, "a step of the daily cleanup");
});

test("a deleted account's messages are anonymised, not removed: text kept with contacts masked, originals forgotten", async (t) => {
  const m = await thread();
  const before = await send(server, m.travelerToken, m.conversation, "Write to tom@example.com");
  t.is(before.body, "Write to [email hidden]");
  const delivery = await acceptOffer(server, m, m.offer);
  t.truthy(delivery);
  const after = await send(server, m.travelerToken, m.conversation, "Call me on +49 151 2345 6789");
  t.is(after.body, "Call me on +49 151 2345 6789", "within the contacts window: not masked");
  await queryAsRoot(db, `update app_public.users set deleted_at = now() - interval '31 days' where id = $1`, [m.traveler]);
  await queryAsRoot(db, `insert into app_private.account_closures (user_id, kind, reason) values ($1, 'deleted', 'test')`,
    [m.traveler]);
  await queryAsRoot(db, "select app_private.anonymise_deleted_users()");
  const messages = await history(server, m.customerToken, m.conversation);
  t.deepEqual(messages.map((x) => x.body), ["Call me on [phone hidden]", "Write to [email hidden]"]);
  const [originals] = await queryAsRoot(db, `select count(*)::int as n from app_private.conversation_message_originals o
    join app_public.conversation_messages m on m.id = o.message_id where m.author_id = $1`, [m.traveler]);
  t.is(originals!.n, 0);
});
