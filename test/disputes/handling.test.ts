// Handling a dispute over GraphQL (docs/disputes.md): every refusal of openDispute with its code (not a party, window
// passed, a second open dispute, not in custody yet, amounts), evidence (own ready dispute_evidence files only, with
// their SHA-256; the other party may then read the file), messages (internal notes for admins only; the status
// follows the exchange), assignment (disputes.assign), escalation, resolution without money (disputes.write; other
// admins, admins without the second factor and parties refused), closing. Deliveries here have no payment: no money
// moves (test/disputes/flow.test.ts has the money).
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createDeliveryRecord, createTrip, transitionDelivery } from "../helpers/marketplace.ts";
import { notificationsOf, notificationsTo, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
test.serial.before(async () => {
  for (const role of ["admin", "moderator", "support", "finance"]) {
    ids[role] = await createMember(db, "both");
    await makeAdmin(db, ids[role]!, role);
    tokens[role] = await tokenFor(db, ids[role]!, { mfaVerified: true });
  }
  tokens.supportNoMfa = await tokenFor(db, ids.support!, { mfaVerified: false });
  ids.stranger = await createMember(db, "both");
  tokens.stranger = await tokenFor(db, ids.stranger);
});

interface Parties { delivery: string; customer: string; traveler: string; customerToken: string; travelerToken: string }
async function deliveryIn(...statuses: string[]): Promise<Parties> {
  const traveler = await createMember(db, "traveler");
  const customer = await createMember(db, "customer", "email_verified");
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer, reserveCapacity: true });
  await transitionDelivery(db, delivery, ...statuses);
  return { delivery, customer, traveler, customerToken: await tokenFor(db, customer), travelerToken: await tokenFor(db, traveler) };
}

const OPEN = `mutation ($d: UUID!, $x: String!, $a: BigInt) {
  openDispute(input: { deliveryId: $d, category: item_damaged, description: $x, requestedResolution: partial_refund, amount: $a }) {
    dispute { rowId status } } }`;
const open = (token: string, d: string, x = "Broken handle, photos attached.", a = "100") =>
  server.gql(OPEN, { token, variables: { d, x, a } });
async function opened(p: Parties): Promise<string> {
  return ((await gqlData(server, OPEN, { token: p.customerToken, variables: { d: p.delivery, x: "Broken handle, photos attached.", a: "100" } })) as any)
    .openDispute.dispute.rowId;
}
const EVIDENCE = `mutation ($id: UUID!, $f: UUID!) { addDisputeEvidence(input: { disputeId: $id, fileId: $f, type: photo, description: "the handle" }) {
  disputeEvidence { rowId sha256 submittedBy } } }`;
const MESSAGE = `mutation ($id: UUID!, $b: String!) { postDisputeMessage(input: { disputeId: $id, body: $b }) {
  conversationMessage { rowId fromStaff } } }`;
const NOTE = `mutation ($id: UUID!, $b: String!) { addDisputeNote(input: { disputeId: $id, body: $b }) {
  disputeMessage { rowId isInternal } } }`;
const ASSIGN = `mutation ($id: UUID!, $a: UUID!) { assignDispute(input: { disputeId: $id, assigneeId: $a }) { dispute { status assigneeId } } }`;
const ESCALATE = `mutation ($id: UUID!) { escalateDispute(input: { disputeId: $id, reason: "Nobody answered." }) { dispute { status priority } } }`;
const RESOLVE = `mutation ($id: UUID!, $o: DeliveryStatus) { resolveDispute(input: { disputeId: $id, resolution: no_action, outcome: $o }) {
  dispute { status deliveryOutcome } } }`;
const CLOSE = `mutation ($id: UUID!) { closeDispute(input: { disputeId: $id }) { dispute { status closedAt } } }`;
const status = async (id: string) => (await queryAsRoot(db, "select status from app_public.disputes where id = $1", [id]))[0]!.status;

test.serial("openDispute refuses: visitors, non-parties, before pickup, after the window, a second open one, amounts and descriptions out of range", async (t) => {
  const accepted = await deliveryIn();
  t.is(errorCode(await server.gql(OPEN, { variables: { d: accepted.delivery, x: "Broken handle, photos attached.", a: "0" } })), "DNIED",
    "visitors may not call it");
  t.is(errorCode(await open(tokens.stranger!, accepted.delivery)), "NTFND");
  t.is(errorCode(await open(accepted.customerToken, accepted.delivery)), "BADST", "not in custody yet");
  const late = await deliveryIn("picked_up", "delivered");
  await queryAsRoot(db, "update app_public.deliveries set delivered_at = now() - interval '49 hours' where id = $1", [late.delivery]);
  t.is(errorCode(await open(late.customerToken, late.delivery)), "EXPRD", "48 h after delivery");
  const p = await deliveryIn("picked_up");
  t.is(errorCode(await open(p.customerToken, p.delivery, "short")), "INVAL");
  t.is(errorCode(await open(p.customerToken, p.delivery, "Broken handle, photos attached.", "3427")), "INVAL",
    "more than the charge (3000 + 300 + 126)");
  t.falsy((await open(p.travelerToken, p.delivery, "Broken handle, photos attached.", "3426")).errors, "the traveler may open one too");
  t.is(errorCode(await open(p.customerToken, p.delivery)), "EXIST", "one open dispute per delivery");
  const [d] = await queryAsRoot(db, "select status from app_public.deliveries where id = $1", [p.delivery]);
  t.is(d!.status, "disputed");
});

test.serial("evidence: a party's own ready dispute_evidence file with its SHA-256; the other party then reads the file", async (t) => {
  const p = await deliveryIn("picked_up", "in_transit");
  const id = await opened(p);
  const file = await readyFile(db, p.customer, "dispute_evidence");
  const avatar = await readyFile(db, p.customer, "avatar");
  const othersFile = await readyFile(db, p.traveler, "dispute_evidence");
  t.is(errorCode(await server.gql(EVIDENCE, { token: p.customerToken, variables: { id, f: othersFile } })), "INVAL");
  t.is(errorCode(await server.gql(EVIDENCE, { token: p.customerToken, variables: { id, f: avatar } })), "INVAL");
  t.is(errorCode(await server.gql(EVIDENCE, { token: tokens.stranger!, variables: { id, f: file } })), "NTFND");
  t.is(errorCode(await server.gql(EVIDENCE, { token: tokens.finance!, variables: { id, f: file } })), "DNIED", "disputes.read only");
  const FILE = `query ($f: UUID!) { file(rowId: $f) { rowId } }`;
  t.is(((await gqlData(server, FILE, { token: p.travelerToken, variables: { f: file } })) as any).file, null, "not before it is evidence");
  const added = ((await gqlData(server, EVIDENCE, { token: p.customerToken, variables: { id, f: file } })) as any).addDisputeEvidence.disputeEvidence;
  const [stored] = await queryAsRoot(db, "select sha256, attached_at is not null as attached from app_public.files where id = $1", [file]);
  t.like(added, { sha256: stored!.sha256, submittedBy: p.customer });
  t.true(stored!.attached);
  t.is(errorCode(await server.gql(EVIDENCE, { token: p.customerToken, variables: { id, f: file } })), "EXIST");
  t.like(await gqlData(server, FILE, { token: p.travelerToken, variables: { f: file } }), { file: { rowId: file } },
    "the other party reads the evidence file");
});

test.serial("messages: parties post in the conversation, internal notes are for admins; an admin's message awaits the parties' response, an answer puts it back under review", async (t) => {
  const p = await deliveryIn("picked_up");
  const id = await opened(p);
  t.is(errorCode(await server.gql(NOTE, { token: p.customerToken, variables: { id, b: "note" } })), "DNIED");
  t.is(errorCode(await server.gql(NOTE, { token: tokens.stranger!, variables: { id, b: "note" } })), "NTFND");
  t.is(errorCode(await server.gql(MESSAGE, { token: tokens.stranger!, variables: { id, b: "hello" } })), "NTFND");
  t.is(errorCode(await server.gql(MESSAGE, { token: p.customerToken, variables: { id, b: "   " } })), "INVAL");
  t.like(await gqlData(server, NOTE, { token: tokens.support!, variables: { id, b: "Customer seems credible." } }),
    { addDisputeNote: { disputeMessage: { isInternal: true } } });
  t.is(await status(id), "open", "an internal note is no response to the parties");
  t.like(await gqlData(server, MESSAGE, { token: tokens.support!, variables: { id, b: "Please send a photo of the box." } }),
    { postDisputeMessage: { conversationMessage: { fromStaff: true } } });
  t.is(await status(id), "awaiting_response");
  t.like(await gqlData(server, MESSAGE, { token: p.travelerToken, variables: { id, b: "The box was intact at drop-off." } }),
    { postDisputeMessage: { conversationMessage: { fromStaff: false } } });
  t.is(await status(id), "under_review");
  const [row] = await queryAsRoot(db, "select first_response_at is not null as responded from app_public.disputes where id = $1", [id]);
  t.true(row!.responded);
  t.is(errorCode(await server.gql(MESSAGE, { token: tokens.supportNoMfa!, variables: { id, b: "hi" } })), "NTFND",
    "an admin without the second factor is no admin (lock_dispute_for)");
});

test.serial("assignment needs disputes.assign, to an admin who may resolve; escalation by a party only once the response is late", async (t) => {
  const p = await deliveryIn("picked_up");
  const id = await opened(p);
  t.is(errorCode(await server.gql(ASSIGN, { token: tokens.support!, variables: { id, a: ids.support } })), "DNIED");
  t.is(errorCode(await server.gql(ASSIGN, { token: tokens.moderator!, variables: { id, a: ids.finance } })), "INVAL",
    "finance reads disputes but may not resolve them");
  t.like(await gqlData(server, ASSIGN, { token: tokens.moderator!, variables: { id, a: ids.support } }),
    { assignDispute: { dispute: { status: "under_review", assigneeId: ids.support } } });
  const [assigned] = await notificationsTo(db, { userId: ids.support! }, { template: "dispute_assigned_alert", channel: "in_app" });
  const caseNumber = (await queryAsRoot(db, "select case_number from app_public.disputes where id = $1", [id]))[0]!.case_number;
  t.like(assigned?.variables, { case_number: caseNumber }, "the assignee is told");
  t.regex((await renderedNotification(db, assigned!.id, { locale: "fr" }))!.text,
    new RegExp(`^Le litige ${caseNumber} vous est attribué\\. À traiter avant le \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`));
  const q = await deliveryIn("picked_up");
  const late = await opened(q);
  t.is(errorCode(await server.gql(ESCALATE, { token: q.customerToken, variables: { id: late } })), "BADST", "not late yet");
  await queryAsRoot(db, "update app_public.disputes set response_due_at = now() - interval '1 minute' where id = $1", [late]);
  t.like(await gqlData(server, ESCALATE, { token: q.customerToken, variables: { id: late } }),
    { escalateDispute: { dispute: { status: "escalated", priority: "urgent" } } });
  const lateCase = (await queryAsRoot(db, "select case_number from app_public.disputes where id = $1", [late]))[0]!.case_number;
  const [escalation] = await notificationsOf(db, "dispute_escalated_alert", { case_number: lateCase });
  t.is((await renderedNotification(db, escalation!.id))?.title, `Dispute ${lateCase} escalated`, "disputes.read holders are alerted");
  t.is(errorCode(await server.gql(ESCALATE, { token: tokens.support!, variables: { id: late } })), "BADST", "once");
});

test.serial("resolution without money needs disputes.write in a two-factor session; parties, finance and a session without it are refused; closing", async (t) => {
  const p = await deliveryIn("picked_up", "in_transit");
  const id = await opened(p);
  for (const token of [p.customerToken, tokens.finance!, tokens.supportNoMfa!, tokens.stranger!]) {
    t.is(errorCode(await server.gql(RESOLVE, { token, variables: { id, o: "delivered" } })), "DNIED");
  }
  t.is(errorCode(await server.gql(CLOSE, { token: tokens.support!, variables: { id } })), "BADST", "not resolved yet");
  t.is(errorCode(await server.gql(RESOLVE, { token: tokens.support!, variables: { id, o: "in_transit" } })), "INVAL");
  t.like(await gqlData(server, RESOLVE, { token: tokens.support!, variables: { id, o: "cancelled" } }),
    { resolveDispute: { dispute: { status: "resolved", deliveryOutcome: "cancelled" } } });
  const [d] = await queryAsRoot(db, `select d.status, d.cancellation_reason, r.status as request
    from app_public.deliveries d join app_public.delivery_requests r on r.id = d.request_id where d.id = $1`, [p.delivery]);
  t.like(d, { status: "cancelled", cancellation_reason: "admin_decision", request: "cancelled" });
  t.is(errorCode(await server.gql(MESSAGE, { token: p.customerToken, variables: { id, b: "Thanks." } })), undefined, "resolved: still talking");
  t.like(await gqlData(server, CLOSE, { token: tokens.support!, variables: { id } }), { closeDispute: { dispute: { status: "closed" } } });
  t.is(errorCode(await server.gql(MESSAGE, { token: p.customerToken, variables: { id, b: "Hello?" } })), "BADST");
  t.is(errorCode(await server.gql(CLOSE, { token: tokens.support!, variables: { id } })), "BADST");
});
