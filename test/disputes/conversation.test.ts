// The dispute's conversation (docs/conversations.md, Disputes): opening a dispute opens it; an admin with
// disputes.write posts in it as staff and both parties read it, live and through history; an unrelated user can
// neither read nor post; internal notes never reach it; contact details are not masked; a block between the parties
// leaves it open, closing the dispute closes it; staff messages notify both parties.
import test from "ava";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { blockUser, createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { history, send, trySend } from "../helpers/conversations.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createDeliveryRecord, createTrip, transitionDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
test.serial.before(async () => {
  for (const role of ["support", "finance"]) {
    ids[role] = await createMember(db, "both");
    await makeAdmin(db, ids[role]!, role);
    tokens[role] = await tokenFor(db, ids[role]!, { mfaVerified: true });
  }
  ids.stranger = await createMember(db, "both");
  tokens.stranger = await tokenFor(db, ids.stranger);
});

interface Case { dispute: string; conversation: string; customer: string; traveler: string; customerToken: string; travelerToken: string }
async function disputed(): Promise<Case> {
  const traveler = await createMember(db, "traveler");
  const customer = await createMember(db, "customer", "email_verified");
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer, reserveCapacity: true });
  await transitionDelivery(db, delivery, "picked_up");
  const customerToken = await tokenFor(db, customer);
  const dispute = (await gqlData(server, `mutation ($d: UUID!) { openDispute(input: { deliveryId: $d, category: item_damaged,
      description: "Broken handle, photos attached.", requestedResolution: partial_refund }) { dispute { rowId } } }`,
  { token: customerToken, variables: { d: delivery } })).openDispute.dispute.rowId as string;
  const [row] = await queryAsRoot<{ id: string; kind: string; customer_id: string; traveler_id: string }>(db,
    "select id, kind, customer_id, traveler_id from app_public.conversations where dispute_id = $1", [dispute]);
  return { dispute, conversation: row!.id, customer, traveler, customerToken, travelerToken: await tokenFor(db, traveler) };
}
const POST = `mutation ($id: UUID!, $b: String!) { postDisputeMessage(input: { disputeId: $id, body: $b }) { conversationMessage { rowId body fromStaff } } }`;
const NOTE = `mutation ($id: UUID!, $b: String!) { addDisputeNote(input: { disputeId: $id, body: $b }) { disputeMessage { rowId } } }`;

test.serial("opening a dispute opens its conversation with the delivery's parties; the kind and dispute_id must agree", async (t) => {
  const c = await disputed();
  const [row] = await queryAsRoot(db, "select kind, customer_id, traveler_id, offer_id from app_public.conversations where id = $1", [c.conversation]);
  t.like(row, { kind: "dispute", customer_id: c.customer, traveler_id: c.traveler, offer_id: null });
  const err = await queryAsRoot(db, "update app_public.conversations set dispute_id = null where id = $1", [c.conversation]).catch((e) => e);
  t.is(err.constraint, "conversations_dispute_id_check");
});

test.serial("an admin posts as staff; both parties read it through history; the parties answer with sendMessage too", async (t) => {
  const c = await disputed();
  const staff = (await gqlData(server, POST, { token: tokens.support!, variables: { id: c.dispute, b: "Please send a photo." } }))
    .postDisputeMessage.conversationMessage;
  t.like(staff, { body: "Please send a photo.", fromStaff: true });
  for (const token of [c.customerToken, c.travelerToken]) {
    t.deepEqual((await history(server, token, c.conversation)).map((m) => m.rowId), [staff.rowId]);
  }
  const answer = await send(server, c.travelerToken, c.conversation, "Here it is.");
  t.is(answer.authorId, c.traveler);
  t.is((await queryAsRoot(db, "select status from app_public.disputes where id = $1", [c.dispute]))[0]!.status, "under_review",
    "an answer through sendMessage moves the dispute like postDisputeMessage");
  await send(server, tokens.support!, c.conversation, "Thanks, reviewing.");
  t.is((await queryAsRoot(db, "select status from app_public.disputes where id = $1", [c.dispute]))[0]!.status, "awaiting_response");
  const notified = await queryAsRoot(db, `select count(*)::int as n from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id
     where t.name = 'conversation_message' and n.user_id = any($1)`, [[c.customer, c.traveler]]);
  t.true(notified[0]!.n >= 2, "both parties are notified of staff messages");
});

test.serial("an unrelated user and an admin without disputes.write can neither read nor post; internal notes never reach the parties", async (t) => {
  const c = await disputed();
  await gqlData(server, NOTE, { token: tokens.support!, variables: { id: c.dispute, b: "Packing fault, probably." } });
  await gqlData(server, POST, { token: tokens.support!, variables: { id: c.dispute, b: "We are looking into it." } });
  t.is(errorCode(await trySend(server, tokens.stranger!, c.conversation, "hi")), "NTFND");
  t.is(errorCode(await server.gql(POST, { token: tokens.stranger!, variables: { id: c.dispute, b: "hi" } })), "NTFND");
  const strangerSees = await server.gql(`query ($c: UUID!) { conversationHistory(conversationId: $c) { nodes { rowId } } }`,
    { token: tokens.stranger!, variables: { c: c.conversation } });
  t.deepEqual(strangerSees.data?.conversationHistory?.nodes ?? [], [], "the stranger reads nothing");
  t.is(errorCode(await trySend(server, tokens.finance!, c.conversation, "hi")), "NTFND", "finance reads disputes but does not write them");
  t.is((await history(server, tokens.finance!, c.conversation)).length, 1, "finance (disputes.read) reads the conversation");
  for (const token of [c.customerToken, c.travelerToken]) {
    const bodies = (await history(server, token, c.conversation)).map((m) => m.body);
    t.deepEqual(bodies, ["We are looking into it."]);
    const notes = await gqlData(server, "{ disputeMessages { nodes { disputeId } } }", { token });
    t.deepEqual(notes.disputeMessages.nodes.filter((n: any) => n.disputeId === c.dispute), [], "the internal note is not theirs to read");
  }
});

test.serial("no masking in a dispute's conversation; a block leaves it open; closing the dispute closes it", async (t) => {
  const c = await disputed();
  const m = await send(server, c.customerToken, c.conversation, "Call me on +33 6 12 34 56 78 or ann@example.com");
  t.false(m.masked);
  t.is(m.body, "Call me on +33 6 12 34 56 78 or ann@example.com");
  await blockUser(db, c.traveler, c.customer);
  t.falsy((await trySend(server, c.customerToken, c.conversation, "Still there?")).errors, "a block does not close it");
  t.falsy((await trySend(server, c.travelerToken, c.conversation, "Yes.")).errors);
  await gqlData(server, `mutation ($id: UUID!) { resolveDispute(input: { disputeId: $id, resolution: no_action, outcome: delivered }) { clientMutationId } }`,
    { token: tokens.support!, variables: { id: c.dispute } });
  await gqlData(server, `mutation ($id: UUID!) { closeDispute(input: { disputeId: $id }) { clientMutationId } }`,
    { token: tokens.support!, variables: { id: c.dispute } });
  t.is(errorCode(await trySend(server, c.customerToken, c.conversation, "Hello?")), "BADST");
  t.is(errorCode(await server.gql(POST, { token: tokens.support!, variables: { id: c.dispute, b: "x" } })), "BADST");
  const [closed] = await queryAsRoot(db, "select app_public.conversations_closed_reason(c) as reason from app_public.conversations c where c.id = $1", [c.conversation]);
  t.is(closed!.reason, "dispute_closed");
});

test.serial("both parties hear a staff message live; an unrelated subscriber hears nothing", async (t) => {
  const c = await disputed();
  const listen = async (token: string) => {
    const events: any[] = [];
    const client = createClient({ url: `${server.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
    client.subscribe<any>({ query: "subscription { myConversationEvents { kind conversationId message { body } } }" },
      { next: (v) => v.data && events.push(v.data.myConversationEvents), error: () => {}, complete: () => {} });
    return { client, events };
  };
  const listeners = [await listen(c.customerToken), await listen(c.travelerToken), await listen(tokens.stranger!)];
  try {
    await new Promise((r) => setTimeout(r, 400));
    await gqlData(server, POST, { token: tokens.support!, variables: { id: c.dispute, b: "Decision tomorrow." } });
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && listeners.slice(0, 2).some((l) => l.events.length === 0)) await new Promise((r) => setTimeout(r, 50));
    for (const l of listeners.slice(0, 2)) {
      t.like(l.events[0], { kind: "MESSAGE_CREATED", conversationId: c.conversation, message: { body: "Decision tomorrow." } });
    }
    await new Promise((r) => setTimeout(r, 200));
    t.deepEqual(listeners[2]!.events, []);
  } finally {
    await Promise.all(listeners.map((l) => l.client.dispose()));
  }
});

test.serial("retention keeps the conversations of a delivery a dispute holds, past conversations.retention_days", async (t) => {
  const c = await disputed();
  await gqlData(server, `mutation ($id: UUID!) { resolveDispute(input: { disputeId: $id, resolution: no_action, outcome: delivered }) { clientMutationId } }`,
    { token: tokens.support!, variables: { id: c.dispute } });
  await queryAsRoot(db, `update app_public.deliveries set delivered_at = now() - interval '400 days'
    where id = (select delivery_id from app_public.disputes where id = $1)`, [c.dispute]);
  await queryAsRoot(db, "select app_private.delete_expired_conversations()");
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.conversations where id = $1", [c.conversation]))[0]!.n, 1,
    "settled within tracking.dispute_grace_days: kept");
});
