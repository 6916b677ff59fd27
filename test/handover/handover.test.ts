// QR handover (docs/handover.md): every outcome of a scan with its reason logged, the backup code, risk scoring,
// signing keys and their rotation, what a success does (transition, custody, jobs, emails), secrets that never
// reach a row, a tampered custody chain found by verifyCustodyChain, and the transitions only handovers take.
import { createHmac } from "node:crypto";
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { gqlData } from "../helpers/graphql.ts";
import {
  DROPOFF_AT, handOver, ISSUE, issueCode, PICKUP_AT, redeemCode, scanCode, type AttemptOptions,
} from "../helpers/handover.ts";
import { type AcceptedDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

let adminToken: string;
test.serial.before(async () => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "support");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
});

const photo = (d: AcceptedDelivery, purpose = "pickup_evidence") => readyFile(db, d.traveler, purpose);
/** A pickup attempt that passes every check but the one a test breaks. */
const atPickup = async (d: AcceptedDelivery, o: AttemptOptions = {}): Promise<AttemptOptions> =>
  ({ at: PICKUP_AT, photoId: await photo(d), ...o });
const lastScan = async (deliveryId: string) => (await queryAsRoot(db,
  `select result::text, reason, method::text, qr_code_id, risk_score::float8 as risk, review_required
     from app_public.qr_code_scans where delivery_id = $1 order by created_at desc limit 1`, [deliveryId]))[0];
const status = async (deliveryId: string) =>
  (await queryAsRoot(db, "select status::text from app_public.deliveries where id = $1", [deliveryId]))[0]!.status as string;
const deliveryNumber = async (deliveryId: string) =>
  (await queryAsRoot(db, "select delivery_number from app_public.deliveries where id = $1", [deliveryId]))[0]!.delivery_number as string;

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
/** A token signed as the server signs them, with any payload and secret. */
const sign = (payload: Record<string, unknown>, secret: Buffer) => {
  const body = `P2PQR1.${b64url(JSON.stringify(payload))}`;
  return `${body}.${b64url(createHmac("sha256", secret).update(body).digest())}`;
};
const secretOf = async (keyId: string) =>
  (await queryAsRoot(db, "select secret from app_private.qr_signing_keys where key_id = $1", [keyId]))[0]!.secret as Buffer;

test("a pickup scan by the assigned traveler: picked_up, custody event with the photo's SHA-256, capture job, emails to both", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  t.regex(code.token, /^P2PQR1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  t.regex(code.backupCode, /^[A-HJ-NP-Z2-9]{3}(-[A-HJ-NP-Z2-9]{3}){3}$/);
  t.like(payloadOf(code.token), { d: d.id, t: "pickup" });
  const photoId = await photo(d);
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, { at: PICKUP_AT, photoId }),
    { result: "success", message: "handover confirmed" });
  t.is(await status(d.id), "picked_up");
  t.like(await lastScan(d.id), { result: "success", method: "qr", review_required: false });
  const [custody] = await queryAsRoot(db, `select e.seq, e.event::text, e.method::text, e.actor_id, e.photo_sha256 = o.stored_sha256 as photo_hash,
      e.point is not null as placed from app_public.custody_events e join app_private.file_objects o on o.file_id = $2
     where e.delivery_id = $1`, [d.id, photoId]);
  t.deepEqual(custody, { seq: 1, event: "picked_up", method: "qr", actor_id: d.traveler, photo_hash: true, placed: true });
  const [job] = await queryAsRoot(db, `select k.identifier, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id where j.key = $1`, [`payments__capture:${d.id}`]);
  t.deepEqual(job, { identifier: "payments__capture", payload: { id: d.id } }, "the capture job is queued for the payments issue");
  const history = await queryAsRoot(db, "select source::text from app_public.delivery_status_history where delivery_id = $1 and to_status = 'picked_up'", [d.id]);
  t.deepEqual(history, [{ source: "qr_scan" }]);
  const emails = await queryAsRoot(db, `select user_id from (select n.*, t.name as template from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id where n.channel = 'email') e where template = 'item_picked_up'
      and user_id in ($1, $2) order by user_id`, [d.customer, d.traveler]);
  t.is(emails.length, 2, "both parties are told");
  const verification = (await queryAsRoot(db, "select verification from app_public.deliveries where id = $1", [d.id]))[0]!.verification;
  t.like(verification.pickup, { method: "qr", review_required: false });

  t.deepEqual(await scanCode(server, d.travelerToken, code.token, { at: PICKUP_AT, photoId }),
    { result: "already_used", message: "this code was already used" });
});

test("the drop-off: delivery code issued at acceptance, scanned after pickup with photo, signature and name at maximum level; hold job", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "delivery", { securityLevel: "maximum", expiresInHours: 12 });
  const early = await scanCode(server, d.travelerToken, code.token, { at: DROPOFF_AT, photoId: await photo(d, "delivery_evidence") });
  t.is(early.result, "wrong_state", "a drop-off before the pickup");
  t.regex((await lastScan(d.id))!.reason, /accepted: its delivery cannot be confirmed now/);
  await handOver(db, server, d, "pickup");
  const photoId = await photo(d, "delivery_evidence");
  const noSignature = await scanCode(server, d.travelerToken, code.token, { at: DROPOFF_AT, photoId, recipientName: "Jonas" });
  t.deepEqual(noSignature, { result: "failed", message: "the recipient's signature (signature_id) is required" });
  const signatureId = await photo(d, "delivery_evidence");
  const noName = await scanCode(server, d.travelerToken, code.token, { at: DROPOFF_AT, photoId, signatureId });
  t.deepEqual(noName, { result: "failed", message: "the recipient's name (recipient_name) is required" });
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, { at: DROPOFF_AT, photoId, signatureId, recipientName: "Jonas" }),
    { result: "success", message: "handover confirmed" });
  t.is(await status(d.id), "delivered");
  const rows = await queryAsRoot(db, "select seq, event::text, signature_sha256 is not null as signed from app_public.custody_events where delivery_id = $1 order by seq", [d.id]);
  t.deepEqual(rows, [{ seq: 1, event: "picked_up", signed: false }, { seq: 2, event: "delivered", signed: true }]);
  t.is((await queryAsRoot(db, "select count(*)::int as n from graphile_worker._private_jobs where key = $1", [`payments__hold:${d.id}`]))[0]!.n, 1);
  t.is((await queryAsRoot(db, "select status::text from app_public.trip_capacity_reservations where delivery_id = $1", [d.id]))[0]!.status,
    "consumed", "delivery consumes the capacity");
});

test("invalid_data: not a code, a forged MAC, an unknown key id, a key past its grace, a token of another delivery, a wrong backup code", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const other = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const payload = payloadOf(code.token);
  const [head, body, mac] = code.token.split(".");
  const forgedMac = `${head}.${body}.${mac!.slice(0, -2)}${mac!.endsWith("AA") ? "BB" : "AA"}`;
  const cases: Array<[string, string]> = [
    ["hello", "this is not a handover code"],
    [forgedMac, "the code's signature does not match"],
    [`${head}.${b64url(JSON.stringify({ ...payload, d: other.id }))}.${mac}`, "the code's signature does not match"],
    [sign({ ...payload, k: "zzzzzzzz" }, Buffer.alloc(32)), "the code names an unknown signing key"],
    [sign({ ...payload, d: other.id }, await secretOf(payload.k as string)), "this code does not belong to the delivery it names"],
    [sign({ ...payload, n: b64url(Buffer.alloc(16, 7)) }, await secretOf(payload.k as string)), "this code is unknown"],
    [`${head}.${b64url("not json")}.${mac}`, "the code is damaged (its content cannot be read)"],
  ];
  for (const [token, reason] of cases) {
    t.deepEqual(await scanCode(server, d.travelerToken, token, await atPickup(d)), { result: "invalid_data", message: reason }, reason);
    const [logged] = await queryAsRoot(db, `select result::text, reason from app_public.qr_code_scans
      where scanner_id = $1 order by created_at desc limit 1`, [d.traveler]);
    t.deepEqual(logged, { result: "invalid_data", reason }, "logged with its reason");
  }
  t.deepEqual(await redeemCode(server, d.travelerToken, d.id, "pickup", "AAA-AAA-AAA-AAA", await atPickup(d)),
    { result: "invalid_data", message: "the backup code does not match" });
  t.is(await status(d.id), "accepted");
  t.deepEqual(await redeemCode(server, d.travelerToken, d.id, "pickup", code.backupCode.toLowerCase().replaceAll("-", " "), await atPickup(d)),
    { result: "success", message: "handover confirmed" }, "the backup code, typed in lower case with spaces");
  t.like(await lastScan(d.id), { method: "backup_code", result: "success" });
  t.is((await queryAsRoot(db, "select source::text from app_public.delivery_status_history where delivery_id = $1 and to_status = 'picked_up'", [d.id]))[0]!.source,
    "backup_code");
});

test.serial("signing keys: a retired key verifies for its grace, not after; the job rotates when due and deletes spent keys", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const keyId = payloadOf(code.token).k as string;
  t.is(await queryAsRoot(db, "select app_private.rotate_qr_signing_keys() as k").then((r) => r[0]!.k), null, "not due yet");
  await setSetting(db, "qr.key_rotation_days", 1);
  await queryAsRoot(db, "update app_private.qr_signing_keys set created_at = now() - interval '2 days' where key_id = $1", [keyId]);
  const rotated = (await queryAsRoot(db, "select app_private.rotate_qr_signing_keys() as k"))[0]!.k as string;
  await setSetting(db, "qr.key_rotation_days", 90);
  t.regex(rotated, /^[a-z0-9]{8}$/);
  t.not(rotated, keyId);
  const next = await issueCode(server, d.customerToken, d.id, "delivery");
  t.is(payloadOf(next.token).k, rotated, "new codes are signed with the new key");
  // The retired key, 7 days into its 8-day grace: still verifies.
  await queryAsRoot(db, "update app_private.qr_signing_keys set retired_at = now() - interval '7 days', created_at = now() - interval '97 days' where key_id = $1", [keyId]);
  const d2 = await createAcceptedDelivery(db, server);
  const old = await issueCode(server, d2.customerToken, d2.id, "pickup");
  await queryAsRoot(db, "update app_public.qr_codes set key_id = $2 where id = $1", [old.qrCodeId, keyId]);
  const resigned = sign({ ...payloadOf(old.token), k: keyId }, await secretOf(keyId));
  t.deepEqual(await scanCode(server, d2.travelerToken, resigned, await atPickup(d2)), { result: "success", message: "handover confirmed" },
    "a token of the retired key within its grace");
  // Past the grace: refused, and the rotation job deletes the key.
  await queryAsRoot(db, "update app_private.qr_signing_keys set retired_at = now() - interval '9 days' where key_id = $1", [keyId]);
  const d3 = await createAcceptedDelivery(db, server);
  const late = await issueCode(server, d3.customerToken, d3.id, "pickup");
  const expiredKeyToken = sign({ ...payloadOf(late.token), k: keyId }, await secretOf(keyId));
  t.deepEqual(await scanCode(server, d3.travelerToken, expiredKeyToken, await atPickup(d3)),
    { result: "invalid_data", message: "the code was signed with a key that no longer verifies" });
  await queryAsRoot(db, "select app_private.rotate_qr_signing_keys()");
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_private.qr_signing_keys where key_id = $1", [keyId]))[0]!.n, 0);
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_private.qr_signing_keys where retired_at is null"))[0]!.n, 1);
});

test("unauthorized, revoked, expired, wrong_state and every invalid_location; each logged with its reason and counted", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup", { radiusM: 100 });
  const stranger = await tokenFor(db, await createMember(db, "traveler"));
  t.deepEqual(await scanCode(server, stranger, code.token, await atPickup(d)),
    { result: "unauthorized", message: "only the traveler assigned to this delivery can use its code" });
  t.deepEqual(await scanCode(server, d.customerToken, code.token, await atPickup(d)),
    { result: "unauthorized", message: "only the traveler assigned to this delivery can use its code" }, "not the customer either");
  const cases: Array<[AttemptOptions, string]> = [
    [{ at: null }, "a location (lat, lng, accuracy_m and fix_time) is required: this code must be scanned at the handover place"],
    [{ at: [2.3535, 48.86] }, "the scan happened 257 m from the handover place (at most 100 m)"],
    [{ fixTime: new Date(Date.now() - 6 * 60_000).toISOString() }, "the location fix is too old (at most 300 seconds)"],
    [{ accuracyM: 150 }, "the location is not accurate enough (150 m; at most 100 m)"],
  ];
  for (const [o, reason] of cases) {
    t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d, o)), { result: "invalid_location", message: reason });
    t.like(await lastScan(d.id), { result: "invalid_location", reason });
  }
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d, { photoId: null })),
    { result: "failed", message: "a photo of the item (photo_id) is required at pickup" });
  // The scanner's failures fall out of the rate-limit window (the code keeps counting them).
  await queryAsRoot(db, "update app_public.qr_code_scans set created_at = created_at - interval '16 minutes' where delivery_id = $1", [d.id]);
  const customersFile = await readyFile(db, d.customer, "pickup_evidence");
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d, { photoId: customersFile })),
    { result: "failed", message: "pickup_photo_id: no file of yours has this id" }, "the attachment rule, as an outcome");
  t.is((await queryAsRoot(db, "select failed_attempts from app_public.qr_codes where id = $1", [code.qrCodeId]))[0]!.failed_attempts, 8,
    "every failure on the code counts, whoever made it");

  const reissued = await issueCode(server, d.customerToken, d.id, "pickup");
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d)),
    { result: "revoked", message: "this code was revoked (regenerated): ask the customer for a new one" });
  await queryAsRoot(db, "update app_public.qr_codes set created_at = now() - interval '2 days', expires_at = now() - interval '1 second' where id = $1", [reissued.qrCodeId]);
  t.deepEqual(await scanCode(server, d.travelerToken, reissued.token, await atPickup(d)),
    { result: "expired", message: "this code has expired: ask the customer for a new one" });
  const unbound = await issueCode(server, d.customerToken, d.id, "pickup", { bindLocation: false });
  await gqlData(server, `mutation ($id: UUID!, $r: DeliveryCancelReason!) { cancelDelivery(input: { deliveryId: $id, reason: $r }) { delivery { status } } }`,
    { token: d.customerToken, variables: { id: d.id, r: "no_longer_needed" } });
  t.deepEqual(await scanCode(server, d.travelerToken, unbound.token, { photoId: await photo(d) }),
    { result: "wrong_state", message: "the delivery is cancelled: its pickup cannot be confirmed now" }, "an unbound code needs no location");
});

test("rate_limited after 5 failures by the scanner in 15 minutes; revoked after 10, the customer asked to reissue, admins alerted", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const results: string[] = [];
  for (let i = 0; i < 11; i++) results.push((await scanCode(server, d.travelerToken, code.token, await atPickup(d, { at: null }))).result);
  t.deepEqual(results, [...Array(5).fill("invalid_location"), ...Array(6).fill("rate_limited")]);
  await queryAsRoot(db, "update app_public.qr_code_scans set created_at = created_at - interval '16 minutes' where delivery_id = $1", [d.id]);
  t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d)),
    { result: "revoked", message: "this code was revoked (too many attempts): ask the customer for a new one" }, "once the window has passed");
  t.like((await queryAsRoot(db, "select status::text, revoke_reason::text, failed_attempts from app_public.qr_codes where id = $1", [code.qrCodeId]))[0],
    { status: "revoked", revoke_reason: "too_many_attempts" });
  t.is((await queryAsRoot(db, "select count(*)::int as n from (select n.*, t.name as template from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id where n.channel = 'email') e where user_id = $1 and template = 'handover_code_blocked'", [d.customer]))[0]!.n, 1);
  const number = await deliveryNumber(d.id);
  const [alert] = await notificationsOf(db, "handover_code_revoked_alert", { qr_code_id: code.qrCodeId });
  t.like(alert?.variables, { pickup: true, delivery_number: number, failed_attempts: 10 }, "admins holding qr.override are alerted");
  t.is((await renderedNotification(db, alert!.id, { locale: "fr" }))?.text.split("\n\n")[1],
    `Le code d'enlèvement ${code.qrCodeId} de ${number} a été révoqué après 10 tentatives échouées.`);
  // The window passes: a new code scans normally.
  const fresh = await issueCode(server, d.customerToken, d.id, "pickup");
  t.is((await scanCode(server, d.travelerToken, fresh.token, await atPickup(d))).result, "success");
});

test.serial("risk: from qr.risk_review a success waits for review; above qr.risk_block the attempt fails and admins are alerted", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  // The traveler's sessions run on device A; the scan says device B (+0.2), 80 m accuracy (+0.2), an unknown platform (+0.1).
  await queryAsRoot(db, "update app_private.sessions set device_id = 'device-a' where user_id = $1", [d.traveler]);
  const risky = { accuracyM: 80, deviceInfo: { device_id: "device-b", platform: "symbian" } };
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const previous = await setSetting(db, "qr.risk_block", 0.95);
  try {
    t.deepEqual(await scanCode(server, d.travelerToken, code.token, await atPickup(d, risky)),
      { result: "success", message: "handover confirmed; an admin reviews it before the payment moves" });
    const scan = await lastScan(d.id);
    t.true(scan!.risk >= 0.5 && scan!.risk <= 0.6, String(scan!.risk));
    t.true(scan!.review_required);
    t.like((await queryAsRoot(db, "select verification from app_public.deliveries where id = $1", [d.id]))[0]!.verification.pickup,
      { review_required: true });

    await setSetting(db, "qr.risk_block", 0.45);
    const code2 = await issueCode(server, d.customerToken, d.id, "delivery");
    await gqlData(server, `mutation ($id: UUID!) { startTransit(input: { deliveryId: $id }) { delivery { status } } }`,
      { token: d.travelerToken, variables: { id: d.id } });
    t.deepEqual(await scanCode(server, d.travelerToken, code2.token, { ...risky, at: DROPOFF_AT, photoId: await photo(d, "delivery_evidence") }),
      { result: "failed", message: "this handover looks unusual and was stopped: contact support" });
    t.is(await status(d.id), "in_transit");
    const [alert] = await notificationsOf(db, "handover_attempt_blocked_alert", { delivery_number: await deliveryNumber(d.id) });
    t.like(alert?.variables, { pickup: false }, "admins are alerted about the drop-off attempt");
    t.regex((await renderedNotification(db, alert!.id, { locale: "fr" }))!.title, /^Tentative de remise bloquée$/);
  } finally {
    await setSetting(db, "qr.risk_block", previous);
  }
});

test("issuing: only the customer, the pickup code only while pickup is allowed, the options' bounds; reissuing revokes; the admin check", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const issue = (token: string, variables: Record<string, unknown>) => server.gql(ISSUE, { token, variables: { d: d.id, ...variables } });
  t.is(errorCode(await issue(d.travelerToken, { t: "pickup" })), "DNIED");
  t.is(errorCode(await issue(await tokenFor(db, await createMember(db, "both")), { t: "pickup" })), "NTFND");
  t.is(errorCode(await issue(d.customerToken, { t: "pickup", h: 169 })), "INVAL");
  t.is(errorCode(await issue(d.customerToken, { t: "pickup", h: 48, l: "maximum" })), "INVAL");
  t.is(errorCode(await issue(d.customerToken, { t: "pickup", b: false, l: "high" })), "INVAL", "only a standard code may be unbound");
  t.is(errorCode(await issue(d.customerToken, { t: "pickup", r: 20 })), "INVAL");
  const first = await issueCode(server, d.customerToken, d.id, "pickup");
  const second = await issueCode(server, d.customerToken, d.id, "pickup");
  t.deepEqual(await queryAsRoot(db, "select id, status::text, revoke_reason::text from app_public.qr_codes where delivery_id = $1 order by created_at", [d.id]),
    [{ id: first.qrCodeId, status: "revoked", revoke_reason: "regenerated" }, { id: second.qrCodeId, status: "active", revoke_reason: null }]);

  // A mutation: every inspection is an audited admin act (docs/admin.md).
  const CHECK = `mutation ($t: String!) { adminCheckQrToken(input: { token: $t }) { qrTokenCheck { signatureValid problem deliveryId qrType status qrCodeId failedAttempts } } }`;
  t.is(errorCode(await server.gql(CHECK, { token: d.customerToken, variables: { t: second.token } })), "DNIED");
  const checked = await gqlData(server, CHECK, { token: adminToken, variables: { t: second.token } });
  t.deepEqual(checked.adminCheckQrToken.qrTokenCheck, { signatureValid: true, problem: null, deliveryId: d.id, qrType: "pickup", status: "active",
    qrCodeId: second.qrCodeId, failedAttempts: 0 });
  t.like((await gqlData(server, CHECK, { token: adminToken, variables: { t: first.token } })).adminCheckQrToken.qrTokenCheck,
    { signatureValid: true, problem: "the code is revoked", status: "revoked" });
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.qr_code_scans where delivery_id = $1", [d.id]))[0]!.n, 0,
    "checking consumes and logs nothing");

  await handOver(db, server, d, "pickup");
  t.is(errorCode(await issue(d.customerToken, { t: "pickup" })), "BADST", "no pickup code once picked up");
  t.is(errorCode(await server.gql(`mutation ($id: UUID!) { revokeQrCode(input: { qrCodeId: $id }) { qrCode { status } } }`,
    { token: d.customerToken, variables: { id: second.qrCodeId } })), "BADST");
});

test("neither a token nor a backup code reaches any row of any table after a full flow", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const secrets: string[] = [];
  const pickup = await issueCode(server, d.customerToken, d.id, "pickup");
  secrets.push(pickup.token, pickup.backupCode);
  await scanCode(server, d.travelerToken, pickup.token, await atPickup(d, { at: null }));
  t.is((await redeemCode(server, d.travelerToken, d.id, "pickup", pickup.backupCode, await atPickup(d))).result, "success");
  const delivery = await issueCode(server, d.customerToken, d.id, "delivery");
  secrets.push(delivery.token, delivery.backupCode);
  t.is((await scanCode(server, d.travelerToken, delivery.token, { at: DROPOFF_AT, photoId: await photo(d, "delivery_evidence") })).result, "success");
  const needles = secrets.flatMap((s) => [s, s.replaceAll("-", ""), ...s.split(".").filter((p) => p.length > 20)]);
  const columns = await queryAsRoot<{ tab: string; col: string }>(db, `
    select format('%I.%I', c.table_schema, c.table_name) as tab, quote_ident(c.column_name) as col
      from information_schema.columns c join pg_class k on k.oid = format('%I.%I', c.table_schema, c.table_name)::regclass
     where c.table_schema not in ('pg_catalog', 'information_schema') and k.relkind in ('r', 'p')
       and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'USER-DEFINED', 'ARRAY')`);
  t.true(columns.length > 100);
  const found: string[] = [];
  await asRoot(db, async (c) => {
    for (const { tab, col } of columns) {
      for (const needle of needles) {
        const { rows: hits } = await c.query(`select 1 from ${tab} where strpos(upper(${col}::text), upper($1)) > 0 limit 1`, [needle]);
        if (hits.length > 0) found.push(`${tab}.${col}`);
      }
    }
  });
  t.deepEqual(found, []);
});

test("custody events refuse updates and deletes, even for the owner; tampering with triggers off is found by verifyCustodyChain", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  await handOver(db, server, d, "pickup");
  await handOver(db, server, d, "delivery");
  const VERIFY = `query ($id: UUID!) { verifyCustodyChain(deliveryId: $id) { valid events firstBrokenSeq problem } }`;
  const verify = async () => (await gqlData(server, VERIFY, { token: d.customerToken, variables: { id: d.id } })).verifyCustodyChain;
  t.deepEqual(await verify(), { valid: true, events: 2, firstBrokenSeq: null, problem: null });
  const asOwner = (sql: string) => asRoot(db, async (c) => {
    await c.query("set role app_owner");
    return c.query(sql, sql.includes("$1") ? [d.id] : []).then(() => "ok", (e: { code?: string }) => e.code);
  });
  t.is(await asOwner("update app_public.custody_events set photo_sha256 = repeat('0', 64) where delivery_id = $1"), "DNIED");
  t.is(await asOwner("delete from app_public.custody_events where delivery_id = $1"), "DNIED");
  t.is(await asOwner("truncate app_public.custody_events"), "DNIED");

  const tamper = (...statements: string[]) => asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("alter table app_public.custody_events disable trigger user");
    for (const sql of statements) await c.query(sql, sql.includes("$1") ? [d.id] : []);
    await c.query("alter table app_public.custody_events enable trigger user");
    await c.query("commit");
  });
  await queryAsRoot(db, `create schema tamper_probe;
    create table tamper_probe.original as select * from app_public.custody_events where delivery_id = '${d.id}'`);
  const restore = () => tamper("delete from app_public.custody_events where delivery_id = $1",
    "insert into app_public.custody_events select * from tamper_probe.original");
  await tamper("update app_public.custody_events set photo_sha256 = repeat('a', 64) where delivery_id = $1 and seq = 1");
  t.like(await verify(), { valid: false, firstBrokenSeq: 1, problem: "row_hash does not match the event's fields" });
  await restore();
  t.like(await verify(), { valid: true });
  await tamper("update app_public.custody_events set created_at = created_at + interval '1 second' where delivery_id = $1 and seq = 2");
  t.like(await verify(), { valid: false, firstBrokenSeq: 2 });
  await restore();
  await tamper("update app_public.custody_events set actor_id = (select customer_id from app_public.deliveries where id = $1) where delivery_id = $1 and seq = 1",
    "update app_public.custody_events set row_hash = app_hidden.custody_row_hash(custody_events) where delivery_id = $1 and seq = 1");
  t.like(await verify(), { valid: false, firstBrokenSeq: 2, problem: "prev_hash does not match the previous event's row_hash" },
    "a row resealed after its change breaks the next link");
  await restore();
  await tamper("delete from app_public.custody_events where delivery_id = $1 and seq = 1");
  t.like(await verify(), { valid: false, firstBrokenSeq: 1, problem: "event 1 is missing (found 2)" });
  await restore();
  t.like(await verify(), { valid: true, events: 2 });

  const bundle = (await gqlData(server, `query ($id: UUID!) { custodyEvidenceBundle(deliveryId: $id) }`,
    { token: adminToken, variables: { id: d.id } })).custodyEvidenceBundle;
  t.is(bundle.custody.length, 2);
  t.is(bundle.codes.length, 2);
  t.is(bundle.attempts.length, 2);
  t.is(bundle.files.length, 2);
  t.true(bundle.custody_verification.valid);
  t.is(bundle.files.find((f: { role: string }) => f.role === "pickup_photo").stored_sha256, bundle.custody[0].photo_sha256);
  t.is(errorCode(await server.gql(`query ($id: UUID!) { custodyEvidenceBundle(deliveryId: $id) }`,
    { token: await tokenFor(db, await createMember(db, "both")), variables: { id: d.id } })), "NTFND");
});

test("only a scan, a backup code or an override reaches picked_up or delivered (delivery_transitions walked)", async (t) => {
  const rows = await queryAsRoot<{ from_status: string; to_status: string; source: string }>(db,
    `select from_status::text, to_status::text, source::text from app_public.delivery_transitions
      where to_status in ('picked_up', 'delivered') order by 1, 2, 3`);
  const handovers = new Set(["qr_scan", "backup_code", "emergency_override"]);
  // An admin's resolution of a dispute may end a disputed delivery as delivered: it settles a dispute, it proves no
  // handover (reviews of such a delivery are not verified).
  const others = rows.filter((r) => !handovers.has(r.source));
  t.deepEqual(others, [{ from_status: "disputed", to_status: "delivered", source: "admin" }]);
  t.deepEqual([...new Set(rows.filter((r) => handovers.has(r.source)).map((r) => `${r.from_status}>${r.to_status}`))].sort(),
    ["accepted>picked_up", "delivery_scheduled>delivered", "in_transit>delivered", "picked_up>delivered", "pickup_scheduled>picked_up"]);
  // The trigger holds the table to it, even for the owner writing SQL by hand.
  for (const source of ["user", "system", "admin"]) {
    const refused = await asRoot(db, async (c) => {
      const d = (await c.query("select id from app_public.deliveries where status = 'accepted' limit 1")).rows[0];
      if (!d) return "BADST";
      return c.query("select app_hidden.transition_delivery($1, 'picked_up', $2, null)", [d.id, source]).then(() => "moved",
        (e: { code?: string }) => e.code);
    });
    t.is(refused, "BADST", source);
  }
});
