// Outgoing webhooks (docs/notifications.md "Outgoing webhooks") against a partner's receiver on loopback that does
// what README tells partners to do: verify X-P2P-Signature (t and every v1 with timingSafeEqual, 5 minutes of
// tolerance) and drop an event id it has already seen. Admins create webhooks through the real GraphQL server; the
// real worker task (webhook_deliveries__send) posts; SQL signs, schedules the retries (+1 min, 5 min, 30 min, 2 h,
// 12 h), abandons, and disables a webhook after 20 abandoned deliveries in a row. Serial: jobs run one pass at a time.
import test from "ava";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { runOnce } from "graphile-worker";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { isPublicAddress, NotPublicError, postToPublicEndpoint } from "../../workers/notifications/public_http.ts";
import { useTestServer } from "../helpers/server.ts";
import { runOnceOptions, runReadyJobs } from "../helpers/worker.ts";

// --- The partner's side: README's verification, verbatim in spirit. ---
const TOLERANCE_SECONDS = 300;
function verifySignature(secret: string, header: string | undefined, body: string, now = Date.now() / 1000): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now - t) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return parts.some(([k, v]) => k === "v1" && /^[0-9a-f]{64}$/.test(v)
    && timingSafeEqual(Buffer.from(v, "hex"), expected));
}

interface Received { path: string; headers: IncomingHttpHeaders; body: string; verdict: "accepted" | "bad signature" | "duplicate" }
const received: Received[] = [];
const seenEvents = new Set<string>();
/** The secret(s) the receiver knows for each path (each webhook has its own), and how each path answers. */
const partner = { secrets: new Map<string, string[]>(), answer: new Map<string, number | "hang">() };
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    const path = req.url ?? "/";
    const answer = partner.answer.get(path) ?? 200;
    if (answer === "hang") {
      received.push({ path, headers: req.headers, body, verdict: "accepted" });
      setTimeout(() => res.writeHead(200).end(), 8000);
      return;
    }
    const eventId = String(req.headers["x-p2p-event-id"]);
    const verdict = !(partner.secrets.get(path) ?? []).some((s) => verifySignature(s, req.headers["x-p2p-signature"] as string, body))
      ? "bad signature" : seenEvents.has(eventId) && answer < 300 ? "duplicate" : "accepted";
    received.push({ path, headers: req.headers, body, verdict });
    if (verdict === "bad signature") return void res.writeHead(400).end();
    if (answer < 300) seenEvents.add(eventId);
    res.writeHead(answer).end();
  });
});
const base = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const { db, server } = useTestServer(test);
let admin: string;
let adminToken: string;
let adminNoMfa: string;
let supportToken: string;
let userToken: string;
test.serial.before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  await setSetting(db, "notifications.webhook_allow_loopback_http", true);
  await setSetting(db, "notifications.webhook_timeout_seconds", 1);
  admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  adminNoMfa = await tokenFor(db, admin, { mfaVerified: false });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  supportToken = await tokenFor(db, support, { mfaVerified: true });
  userToken = await tokenFor(db, await createMember(db, "both"));
});
test.after.always(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
// Each test hears only its own webhooks.
test.serial.afterEach.always(async () => {
  await queryAsRoot(db, "update app_public.notification_webhooks set active = false where active");
});

const CREATE = `mutation ($url: String!, $events: [String]!, $d: String) {
  createWebhook(input: { url: $url, events: $events, description: $d }) { webhookSecret { webhookId secret } } }`;
async function createWebhook(path: string, events: string[]): Promise<{ webhookId: string; secret: string }> {
  const data = await gqlData(server, CREATE, { token: adminToken, variables: { url: `${base()}${path}`, events } });
  partner.secrets.set(path, [data.createWebhook.webhookSecret.secret]);
  return data.createWebhook.webhookSecret;
}
const emit = async (type: string, data: Record<string, unknown> = {}) =>
  (await queryAsRoot(db, "select app_hidden.emit_webhook_event($1, $2::jsonb) as id", [type, JSON.stringify(data)]))[0]!.id as string | null;
const deliveries = (webhookId: string) => queryAsRoot(db, `select id, event_id, event_type, status::text, attempts,
    last_status_code, last_error, next_attempt_at, payload from app_public.webhook_deliveries where webhook_id = $1
    order by created_at, id`, [webhookId]);
const webhook = async (id: string) => (await queryAsRoot(db, `select active, consecutive_failures, disabled_at
    from app_public.notification_webhooks where id = $1`, [id]))[0]!;
const at = (path: string) => received.filter((r) => r.path === path);
/** Lets every pending retry come due (the rows' and their jobs'). */
async function timePasses(): Promise<void> {
  await queryAsRoot(db, "update app_public.webhook_deliveries set next_attempt_at = now() where status in ('pending', 'failed')");
  await queryAsRoot(db, `select graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
                           from graphile_worker.jobs where task_identifier = 'webhook_deliveries__send'`);
}
const minutesUntil = (date: Date) => Math.round((date.getTime() - Date.now()) / 60_000);

test.serial("createWebhook: notifications.send in a two-factor session; https only; known events; the secret once", async (t) => {
  const url = `${base()}/created`;
  const as = (token: string | undefined, variables: Record<string, unknown>) => server.gql(CREATE, { token, variables });
  t.is(errorCode(await as(undefined, { url, events: ["offer.accepted"] })), "DNIED", "visitors may not call it");
  t.is(errorCode(await as(userToken, { url, events: ["offer.accepted"] })), "DNIED");
  t.is(errorCode(await as(supportToken, { url, events: ["offer.accepted"] })), "DNIED", "support lacks notifications.send");
  t.is(errorCode(await as(adminNoMfa, { url, events: ["offer.accepted"] })), "DNIED", "no second factor");

  const bad = async (variables: Record<string, unknown>) => {
    const res = await as(adminToken, variables);
    return [errorCode(res), res.errors?.[0]?.message];
  };
  t.deepEqual(await bad({ url: "http://partner.example/hook", events: ["offer.accepted"] }), ["INVAL", "url must use https"]);
  t.deepEqual(await bad({ url: "http://127.0.0.2/hook", events: ["offer.accepted"] }), ["INVAL", "url must use https"]);
  t.deepEqual(await bad({ url: "ftp://partner.example/", events: ["offer.accepted"] }), ["INVAL", "url must use https"]);
  t.deepEqual(await bad({ url: `https://partner.example/${"a".repeat(1980)}`, events: ["offer.accepted"] }),
    ["INVAL", "url must be an http(s) URL of at most 2000 characters"]);
  t.deepEqual(await bad({ url: "https://partner example/", events: ["offer.accepted"] }),
    ["INVAL", "url must be an http(s) URL of at most 2000 characters"]);
  t.deepEqual(await bad({ url, events: ["offer.accepted", "user.deleted"] }), ["INVAL", "events must list 1 to 20 known event types"]);
  t.deepEqual(await bad({ url, events: [] }), ["INVAL", "events must list 1 to 20 known event types"]);
  t.deepEqual(await bad({ url, events: ["offer.accepted"], d: "" }), ["INVAL", "description must have 1 to 500 characters"]);

  const previous = await setSetting(db, "notifications.webhook_allow_loopback_http", false);
  t.deepEqual(await bad({ url, events: ["offer.accepted"] }), ["INVAL", "url must use https"], "loopback http only when allowed");
  await setSetting(db, "notifications.webhook_allow_loopback_http", previous);

  const https = await gqlData(server, CREATE, { token: adminToken,
    variables: { url: "https://partner.example/p2p", events: ["user.verified", "offer.accepted", "offer.accepted"] } });
  const { webhookId, secret } = https.createWebhook.webhookSecret;
  t.regex(secret, /^[0-9a-f]{64}$/);
  const [row] = await queryAsRoot(db, "select owner_id, events, active from app_public.notification_webhooks where id = $1", [webhookId]);
  t.deepEqual(row, { owner_id: admin, events: ["offer.accepted", "user.verified"], active: true });
  const stored = await queryAsRoot(db, "select encode(current, 'hex') as hex from app_private.webhook_secrets where webhook_id = $1", [webhookId]);
  t.is(stored[0]!.hex, secret, "kept only in app_private");
  const listed = await gqlData(server, `{ notificationWebhooks { nodes { rowId url events } } }`, { token: adminToken });
  t.true(listed.notificationWebhooks.nodes.some((w: { rowId: string }) => w.rowId === webhookId));
  t.false(JSON.stringify(listed).includes(secret), "never shown again");
  const other = await server.gql(`{ notificationWebhooks { nodes { rowId } } }`, { token: userToken });
  t.deepEqual(other.data?.notificationWebhooks.nodes, [], "hidden from users");
  await queryAsRoot(db, "delete from app_public.notification_webhooks where id = $1", [webhookId]);
});

test.serial("events are emitted in the transaction of their change: a marketplace story reaches the listening webhook, signed", async (t) => {
  const { webhookId } = await createWebhook("/story", ["offer.accepted", "delivery.status_changed"]);
  const deaf = await createWebhook("/deaf", ["refund.created"]);

  // A change rolled back emits nothing; committed, it does.
  const verified = await createWebhook("/verified", ["user.verified"]);
  await queryAsRoot(db, `do $$ begin
      update app_public.users set verification_level = 'fully_verified' where id = '${admin}';
      raise exception 'rolled back';
    exception when others then null; end $$`);
  t.deepEqual(await deliveries(verified.webhookId), [], "nothing for a change that did not commit");
  await queryAsRoot(db, "update app_public.users set verification_level = 'id_verified' where id = $1", [admin]);
  t.deepEqual((await deliveries(verified.webhookId)).map((r) => r.payload.data),
    [{ user_id: admin, from: "phone_verified", to: "id_verified" }]);
  await queryAsRoot(db, "update app_public.notification_webhooks set active = false where id = $1", [verified.webhookId]);

  const d = await createAcceptedDelivery(db, server, { payment: "authorized" });
  await advanceDelivery(db, server, d, ["pickUp"]);
  const rows = await deliveries(webhookId);
  t.deepEqual(rows.map((r) => [r.event_type, r.payload.data.to ?? null]),
    [["offer.accepted", null], ["delivery.status_changed", "picked_up"]]);
  t.deepEqual(rows[1]!.payload.data, { delivery_id: d.id, delivery_number: rows[1]!.payload.data.delivery_number,
    from: "accepted", to: "picked_up" }, "ids and states, nothing personal");

  await runReadyJobs(db);
  const calls = at("/story");
  t.is(calls.length, 2);
  t.deepEqual(await deliveries(deaf.webhookId), [], "the webhook listening to other events heard nothing");
  for (const [index, call] of calls.entries()) {
    t.is(call.verdict, "accepted");
    t.is(call.headers["content-type"], "application/json");
    t.is(call.headers["x-p2p-event-id"], rows[index]!.event_id);
    t.regex(String(call.headers["x-p2p-signature"]), /^t=\d+,v1=[0-9a-f]{64}$/);
    const body = JSON.parse(call.body);
    t.deepEqual(Object.keys(body).sort(), ["created_at", "data", "id", "type"]);
    t.is(body.id, rows[index]!.event_id);
    t.is(body.type, rows[index]!.event_type);
    t.regex(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  t.deepEqual((await deliveries(webhookId)).map((r) => [r.status, r.attempts, r.last_status_code]),
    [["succeeded", 1, 200], ["succeeded", 1, 200]]);

  // Jobs run at least once: a repeated job finds the delivery done and sends nothing.
  for (const row of rows) {
    await queryAsRoot(db, "select graphile_worker.add_job('webhook_deliveries__send', json_build_object('id', $1::uuid))", [row.id]);
  }
  await runReadyJobs(db);
  t.is(at("/story").length, 2, "no second call");
  t.false(received.some((r) => r.verdict === "duplicate"), "the receiver never saw an event twice");
});

test.serial("disputes and emergencies reach partners: dispute.opened, emergency.reported, dispute.resolved, nothing personal", async (t) => {
  const { webhookId } = await createWebhook("/cases", ["dispute.opened", "dispute.resolved", "emergency.reported"]);
  const d = await createAcceptedDelivery(db, server, { payment: "authorized" });
  await advanceDelivery(db, server, d, ["pickUp"]);
  const opened = await gqlData(server, `mutation ($d: UUID!) { openDispute(input: { deliveryId: $d, category: item_damaged,
      description: "The vase arrived broken in two." }) { dispute { rowId caseNumber } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  const dispute = opened.openDispute.dispute;
  const sos = await gqlData(server, `mutation ($d: UUID!) { reportEmergency(input: { deliveryId: $d, emergencyType: breakdown,
      severity: high, latitude: 48.86, longitude: 2.35, accuracyM: 10, description: "Flat tyre" }) { emergency { rowId caseNumber } } }`,
    { token: d.travelerToken, variables: { d: d.id } });
  const emergency = sos.reportEmergency.emergency;
  await gqlData(server, `mutation ($id: UUID!) { resolveDispute(input: { disputeId: $id, resolution: no_action, outcome: delivered,
      customerRefund: "0", travelerCompensation: "0", note: "the photos show no damage" }) { dispute { status } } }`,
    { token: adminToken, variables: { id: dispute.rowId } });

  const rows = await deliveries(webhookId);
  t.deepEqual(rows.map((r) => [r.event_type, r.payload.data]), [
    ["dispute.opened", { dispute_id: dispute.rowId, case_number: dispute.caseNumber, delivery_id: d.id, source: "platform",
      category: "item_damaged", amount: 0, currency: "EUR" }],
    ["emergency.reported", { emergency_id: emergency.rowId, case_number: emergency.caseNumber, delivery_id: d.id,
      emergency_type: "breakdown", severity: "high" }],
    ["dispute.resolved", { dispute_id: dispute.rowId, case_number: dispute.caseNumber, delivery_id: d.id,
      resolution: "no_action", delivery_outcome: "delivered", customer_refund: 0, traveler_compensation: 0, currency: "EUR" }],
  ]);
  await runReadyJobs(db);
  t.deepEqual(at("/cases").map((r) => [r.verdict, JSON.parse(r.body).type]),
    [["accepted", "dispute.opened"], ["accepted", "emergency.reported"], ["accepted", "dispute.resolved"]]);
  t.false(at("/cases").some((r) => r.body.includes("48.86") || r.body.includes("Flat tyre") || r.body.includes("vase")),
    "no place, description or complaint leaves the platform");
});

test.serial("only public addresses are called: literal, resolved and mapped private addresses are refused before connecting", async (t) => {
  for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) t.true(isPublicAddress(address), address);
  for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "::ffff:10.0.0.1",
    "::ffff:127.0.0.1", "64:ff9b::a00:1", "example.com"]) {
    t.false(isPublicAddress(address), address);
  }
  const post = (url: string) => postToPublicEndpoint(url, { headers: {}, body: "{}", timeoutMs: 5000, allowLoopback: false });
  const port = (receiver.address() as AddressInfo).port;
  const before = received.length;
  await t.throwsAsync(post(`http://127.0.0.1:${port}/ssrf`), { instanceOf: NotPublicError, message: "127.0.0.1 is not a public address" });
  await t.throwsAsync(post(`https://[::ffff:7f00:1]:${port}/ssrf`), { instanceOf: NotPublicError });
  await t.throwsAsync(post("https://169.254.169.254/latest/meta-data/"), { instanceOf: NotPublicError });
  await t.throwsAsync(post(`http://localhost:${port}/ssrf`), { instanceOf: NotPublicError,
    message: /^localhost resolves to (127\.0\.0\.1|::1), which is not public$/ }, "a name is judged by what it resolves to");
  t.is(received.length, before, "nothing reached the receiver");

  // Only the status is read: an endpoint that answers and then trickles its body forever does not hold the call.
  const trickler = createServer((_req, res) => { res.writeHead(202); res.write("."); });
  await new Promise<void>((resolve) => trickler.listen(0, "127.0.0.1", resolve));
  t.teardown(() => { trickler.closeAllConnections(); trickler.close(); });
  const status = await postToPublicEndpoint(`http://127.0.0.1:${(trickler.address() as AddressInfo).port}/`,
    { headers: {}, body: "{}", timeoutMs: 60_000, allowLoopback: true });
  t.is(status, 202);

  // A webhook kept from when loopback was allowed: once it is not, the worker refuses to call it.
  const { webhookId } = await createWebhook("/private", ["user.verified"]);
  const previous = await setSetting(db, "notifications.webhook_allow_loopback_http", false);
  try {
    await emit("user.verified", { user_id: admin });
    await runReadyJobs(db);
  } finally {
    await setSetting(db, "notifications.webhook_allow_loopback_http", previous);
  }
  t.like((await deliveries(webhookId))[0], { status: "failed", attempts: 1, last_status_code: null,
    last_error: "refused: 127.0.0.1 is not a public address" });
  t.is(at("/private").length, 0);
});

test.serial("a 5xx is retried after 1 min, 5 min, 30 min, 2 h and 12 h with the same event id, then abandoned", async (t) => {
  const { webhookId } = await createWebhook("/down", ["user.verified"]);
  partner.answer.set("/down", 503);
  const eventId = await emit("user.verified", { user_id: admin, from: "email_verified", to: "phone_verified" });
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 5; attempt++) {
    await runReadyJobs(db);
    const [row] = await deliveries(webhookId);
    t.like(row, { status: "failed", attempts: attempt, last_status_code: 503, last_error: "the endpoint answered 503" });
    delays.push(minutesUntil(row!.next_attempt_at));
    const [job] = await queryAsRoot(db, "select run_at from graphile_worker.jobs where key = 'webhook_deliveries__send:' || $1", [row!.id]);
    t.is(minutesUntil(job!.run_at), delays.at(-1)!, "the job waits as long as the row");
    await runReadyJobs(db);
    t.is(at("/down").length, attempt, "nothing is sent before the retry is due");
    await timePasses();
  }
  t.deepEqual(delays, [1, 5, 30, 120, 720]);
  await runReadyJobs(db);
  t.like((await deliveries(webhookId))[0], { status: "abandoned", attempts: 6 });
  t.is(at("/down").length, 6);
  t.true(at("/down").every((r) => r.headers["x-p2p-event-id"] === eventId && r.verdict === "accepted"),
    "every retry carries the same event id and a valid, fresh signature");
  t.like(await webhook(webhookId), { active: true, consecutive_failures: 1 });
  t.is((await queryAsRoot(db, "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'webhook_deliveries__send'"))[0]!.n, 0);

  // The receiver comes back: the next event succeeds, and the run of failures ends.
  partner.answer.set("/down", 204);
  await emit("user.verified", { user_id: admin });
  await runReadyJobs(db);
  t.like((await deliveries(webhookId))[1], { status: "succeeded", attempts: 1, last_status_code: 204, last_error: null });
  t.like(await webhook(webhookId), { consecutive_failures: 0 });
});

test.serial("a receiver that does not answer within the timeout fails the call, which is retried", async (t) => {
  const { webhookId } = await createWebhook("/slow", ["user.verified"]);
  partner.answer.set("/slow", "hang");
  await emit("user.verified", { user_id: admin });
  const started = Date.now();
  await runReadyJobs(db);
  t.true(Date.now() - started < 6000, "the worker gave up after notifications.webhook_timeout_seconds (1 s here), not at the answer (8 s)");
  t.like((await deliveries(webhookId))[0], { status: "failed", attempts: 1, last_status_code: null,
    last_error: "no answer within 1 s" });
  partner.answer.set("/slow", 200);
  await timePasses();
  await runReadyJobs(db);
  t.like((await deliveries(webhookId))[0], { status: "succeeded", attempts: 2, last_status_code: 200 });
});

test.serial("20 deliveries abandoned in a row disable the webhook once, under parallel workers, and tell its owner", async (t) => {
  const previous = await setSetting(db, "notifications.webhook_retry_minutes", [1]);
  const { webhookId } = await createWebhook("/broken", ["user.verified"]);
  partner.answer.set("/broken", 500);
  for (let i = 0; i < 19; i++) await emit("user.verified", { n: i });
  const workers = () => runOnce(runOnceOptions(db, { concurrency: 4 }));
  await workers();
  await timePasses();
  await workers();
  t.like(await webhook(webhookId), { active: true, consecutive_failures: 19 }, "19 abandoned: still active");

  // Two more fail in parallel: the 20th disables the webhook; the 21st is counted past it when its attempt started
  // first, or abandoned uncounted when it found the webhook already off. Either way: one disable, one message.
  await emit("user.verified", { n: 19 });
  await emit("user.verified", { n: 20 });
  await workers();
  await timePasses();
  await workers();
  const disabled = await webhook(webhookId);
  t.is(disabled.active, false);
  t.true([20, 21].includes(disabled.consecutive_failures), `counted ${disabled.consecutive_failures}`);
  t.truthy(disabled.disabled_at);
  const told = await notificationsTo(db, { userId: admin }, { template: "webhook_disabled" });
  t.deepEqual(told.map((n) => n.channel).sort(), ["email", "in_app"], "one message, once");
  t.like(told[0]!.variables, { url: `${base()}/broken`, failures: 20 });

  // Disabled: new events are not queued for it; sendTestWebhook is refused.
  t.is(await emit("user.verified", { n: 21 }), null);
  t.is((await deliveries(webhookId)).length, 21);
  const test1 = await server.gql(`mutation ($id: UUID!) { sendTestWebhook(input: { webhookId: $id }) { webhookDelivery { rowId } } }`,
    { token: adminToken, variables: { id: webhookId } });
  t.is(errorCode(test1), "BADST");

  // Re-enabling it (an admin's update) starts again from zero.
  partner.answer.set("/broken", 200);
  const res = await gqlData(server, `mutation ($id: UUID!) { updateNotificationWebhook(input: { rowId: $id, patch: { active: true } }) {
      notificationWebhook { active consecutiveFailures disabledAt } } }`, { token: adminToken, variables: { id: webhookId } });
  t.deepEqual(res.updateNotificationWebhook.notificationWebhook, { active: true, consecutiveFailures: 0, disabledAt: null });
  const refused = await server.gql(`mutation ($id: UUID!) { updateNotificationWebhook(input: { rowId: $id, patch: { url: "http://partner.example/" } }) {
      notificationWebhook { url } } }`, { token: adminToken, variables: { id: webhookId } });
  t.is(errorCode(refused), "INVAL", "an edit is held to https too");
  await setSetting(db, "notifications.webhook_retry_minutes", previous);
});

test.serial("a delivery pending when its webhook is switched off is abandoned without counting against it", async (t) => {
  const { webhookId } = await createWebhook("/paused", ["user.verified"]);
  await emit("user.verified", {});
  await queryAsRoot(db, "update app_public.notification_webhooks set active = false where id = $1", [webhookId]);
  await runReadyJobs(db);
  t.is(at("/paused").length, 0);
  t.like((await deliveries(webhookId))[0], { status: "abandoned", attempts: 0, last_error: "the webhook is not active" });
  t.like(await webhook(webhookId), { consecutive_failures: 0 });
});

test.serial("rotateWebhookSecret: both secrets sign for 24 hours, then only the new one", async (t) => {
  const { webhookId, secret: oldSecret } = await createWebhook("/rotating", ["user.verified"]);
  const ROTATE = `mutation ($id: UUID!) { rotateWebhookSecret(input: { webhookId: $id }) { webhookSecret { webhookId secret } } }`;
  t.is(errorCode(await server.gql(ROTATE, { token: supportToken, variables: { id: webhookId } })), "DNIED");
  t.is(errorCode(await server.gql(ROTATE, { token: adminToken, variables: { id: "00000000-0000-4000-8000-000000000000" } })), "NTFND");
  const { secret: newSecret } = (await gqlData(server, ROTATE, { token: adminToken, variables: { id: webhookId } }))
    .rotateWebhookSecret.webhookSecret;
  t.not(newSecret, oldSecret);

  partner.secrets.set("/rotating", [oldSecret]); // a partner who has not switched yet
  await emit("user.verified", {});
  await runReadyJobs(db);
  const during = at("/rotating").at(-1)!;
  t.regex(String(during.headers["x-p2p-signature"]), /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
  t.is(during.verdict, "accepted", "the old secret still verifies");
  t.true(verifySignature(newSecret, during.headers["x-p2p-signature"] as string, during.body), "and so does the new one");

  await queryAsRoot(db, "update app_private.webhook_secrets set previous_expires_at = now() - interval '1 second' where webhook_id = $1", [webhookId]);
  await emit("user.verified", {});
  await runReadyJobs(db);
  const after = at("/rotating").at(-1)!;
  t.regex(String(after.headers["x-p2p-signature"]), /^t=\d+,v1=[0-9a-f]{64}$/);
  t.is(after.verdict, "bad signature", "24 hours later the old secret no longer verifies");
  t.like((await deliveries(webhookId))[1], { status: "failed", last_status_code: 400 });
  partner.secrets.set("/rotating", [newSecret]);
  await timePasses();
  await runReadyJobs(db);
  t.is(at("/rotating").at(-1)!.verdict, "accepted");
});

test.serial("the receiver's checks: a replayed, late or tampered request is rejected", async (t) => {
  const { secret } = await createWebhook("/replay", ["user.verified"]);
  await emit("user.verified", { user_id: admin });
  await runReadyJobs(db);
  const original = at("/replay").at(-1)!;
  t.is(original.verdict, "accepted");
  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${base()}/replay`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const signature = String(original.headers["x-p2p-signature"]);
  const eventId = String(original.headers["x-p2p-event-id"]);

  t.is((await post({ "x-p2p-event-id": eventId, "x-p2p-signature": signature }, original.body)).status, 200);
  t.is(at("/replay").at(-1)!.verdict, "duplicate", "a replay within the tolerance is recognised by its event id");
  t.is((await post({ "x-p2p-event-id": eventId, "x-p2p-signature": signature }, original.body.replace(admin, "x"))).status, 400,
    "a tampered body does not verify");
  const t0 = Number(/t=(\d+)/.exec(signature)![1]);
  t.false(verifySignature(secret, signature, original.body, t0 + 301), "older than 300 s is refused");
  t.true(verifySignature(secret, signature, original.body, t0 + 299));
  const forgedT = signature.replace(/t=\d+/, `t=${t0 + 100}`);
  t.false(verifySignature(secret, forgedT, original.body, t0 + 100), "the timestamp is signed: it cannot be moved");
});

test.serial("sendTestWebhook posts a signed webhook.test event whatever the webhook's events", async (t) => {
  const { webhookId } = await createWebhook("/test-event", ["refund.created"]);
  const SEND = `mutation ($id: UUID!) { sendTestWebhook(input: { webhookId: $id }) { webhookDelivery { rowId eventType status } } }`;
  t.is(errorCode(await server.gql(SEND, { token: userToken, variables: { id: webhookId } })), "DNIED");
  t.is(errorCode(await server.gql(SEND, { token: adminNoMfa, variables: { id: webhookId } })), "DNIED");
  t.is(errorCode(await server.gql(SEND, { token: adminToken, variables: { id: "00000000-0000-4000-8000-000000000000" } })), "NTFND");
  const sent = (await gqlData(server, SEND, { token: adminToken, variables: { id: webhookId } })).sendTestWebhook.webhookDelivery;
  t.like(sent, { eventType: "webhook.test", status: "pending" });
  await runReadyJobs(db);
  const call = at("/test-event").at(-1)!;
  t.is(call.verdict, "accepted");
  t.like(JSON.parse(call.body), { type: "webhook.test", data: { webhook_id: webhookId, sent_by: admin } });
  const listed = await gqlData(server, `query ($id: UUID!) { notificationWebhook(rowId: $id) {
      webhookDeliveriesByWebhookId { nodes { eventType status attempts } } } }`, { token: adminToken, variables: { id: webhookId } });
  t.deepEqual(listed.notificationWebhook.webhookDeliveriesByWebhookId.nodes,
    [{ eventType: "webhook.test", status: "succeeded", attempts: 1 }]);
});

test.serial("deliveries older than notifications.webhook_retention_days are deleted by the daily cleanup", async (t) => {
  const { webhookId } = await createWebhook("/retention", ["user.verified"]);
  await emit("user.verified", {});
  await emit("user.verified", {});
  const [oldRow] = await deliveries(webhookId);
  await queryAsRoot(db, "update app_public.webhook_deliveries set created_at = now() - interval '31 days' where id = $1", [oldRow!.id]);
  const [counts] = await queryAsRoot(db, "select app_private.cleanup_expired_data() as c");
  t.true(counts!.c.webhook_deliveries_deleted >= 1);
  t.deepEqual((await deliveries(webhookId)).map((r) => r.id).includes(oldRow!.id), false);
  t.is((await deliveries(webhookId)).length, 1);
});
