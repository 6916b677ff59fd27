// Emergency overrides end to end over GraphQL (docs/handover.md, Emergency overrides): request, decision by an admin
// with qr.override in a two-factor session who did not ask, use by the traveler on the spot, and every refusal.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { gqlData } from "../helpers/graphql.ts";
import { attemptVariables, issueCode, PICKUP_AT, USE_OVERRIDE } from "../helpers/handover.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const FIELDS = "rowId status validUntil decidedBy notes";
const REQUEST = `mutation ($d: UUID!, $t: QrType!) { requestEmergencyOverride(input: { deliveryId: $d, qrType: $t,
  reason: technical_failure, description: "The customer's phone screen is broken", alternativeVerification: "ID card shown" }) {
  qrEmergencyOverride { ${FIELDS} } } }`;
const APPROVE = `mutation ($id: UUID!, $h: Int, $r: JSON) { approveEmergencyOverride(input: { overrideId: $id,
  notes: "Called both parties, confirmed", validHours: $h, restrictions: $r }) { qrEmergencyOverride { ${FIELDS} } } }`;
const REJECT = `mutation ($id: UUID!) { rejectEmergencyOverride(input: { overrideId: $id, notes: "No evidence given" }) {
  qrEmergencyOverride { ${FIELDS} } } }`;
const CANCEL = `mutation ($id: UUID!) { cancelEmergencyOverride(input: { overrideId: $id }) { qrEmergencyOverride { ${FIELDS} } } }`;

const admin = async (role = "support", mfaVerified = true) => {
  const id = await createMember(db, "both");
  await makeAdmin(db, id, role);
  return { id, token: await tokenFor(db, id, { mfaVerified }) };
};
const use = async (token: string, id: string, o: Parameters<typeof attemptVariables>[0]) =>
  (await gqlData(server, USE_OVERRIDE, { token, variables: { id, ...attemptVariables(o) } })).useEmergencyOverride.outcome;

test("request → approval → use by the traveler: picked up with method override, the active code revoked, custody written", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const support = await admin();
  const { requestEmergencyOverride: { qrEmergencyOverride: requested } } = await gqlData(server, REQUEST,
    { token: d.customerToken, variables: { d: d.id, t: "pickup" } });
  t.is(requested.status, "pending");
  const [alert] = (await notificationsOf(db, "override_requested_alert", { override_id: requested.rowId }, "in_app"))
    .filter((n) => n.user_id === support.id);
  t.like(alert?.variables, { pickup: true, reason: "technical_failure" }, "qr.override holders are alerted");
  t.regex((await renderedNotification(db, alert!.id, { locale: "fr" }))!.text,
    new RegExp(`^Une dérogation d'urgence pour l'enlèvement de DEL-\\d+ a été demandée \\(panne technique\\) : ${requested.rowId}$`));
  const photoId = await readyFile(db, d.traveler, "pickup_evidence");
  t.deepEqual(await use(d.travelerToken, requested.rowId, { at: PICKUP_AT, photoId }),
    { result: "unauthorized", message: "this override is pending, not approved" });
  const approved = (await gqlData(server, APPROVE, { token: support.token, variables: { id: requested.rowId, r: { radius_m: 500 } } }))
    .approveEmergencyOverride.qrEmergencyOverride;
  t.like(approved, { status: "approved", decidedBy: support.id });
  t.true(Date.parse(approved.validUntil) - Date.now() > 1.9 * 3600_000, "override.default_valid_hours = 2");
  const stranger = await tokenFor(db, await createMember(db, "traveler"));
  t.is((await use(stranger, requested.rowId, { at: PICKUP_AT, photoId })).result, "unauthorized");
  t.is((await use(d.customerToken, requested.rowId, { at: PICKUP_AT, photoId })).result, "unauthorized", "only the traveler uses it");
  t.is((await use(d.travelerToken, requested.rowId, { photoId })).result, "invalid_location", "a location is required");
  t.is((await use(d.travelerToken, requested.rowId, { at: [2.36, 48.87], photoId })).result, "invalid_location", "restrictions.radius_m");
  t.deepEqual(await use(d.travelerToken, requested.rowId, { at: PICKUP_AT }),
    { result: "failed", message: "a photo of the item (photo_id) is required at pickup" });
  t.deepEqual(await use(d.travelerToken, requested.rowId, { at: PICKUP_AT, photoId }),
    { result: "success", message: "handover confirmed by an approved emergency override" });
  t.is((await use(d.travelerToken, requested.rowId, { at: PICKUP_AT, photoId })).result, "already_used");
  const [state] = await queryAsRoot(db, `select d.status::text, q.status::text as code, o.status::text as override,
      (select source::text from app_public.delivery_status_history h where h.delivery_id = d.id and h.to_status = 'picked_up') as source,
      (select method::text from app_public.custody_events e where e.delivery_id = d.id) as custody
     from app_public.deliveries d, app_public.qr_codes q, app_public.qr_emergency_overrides o
    where d.id = $1 and q.id = $2 and o.id = $3`, [d.id, code.qrCodeId, requested.rowId]);
  t.deepEqual(state, { status: "picked_up", code: "revoked", override: "used", source: "emergency_override", custody: "override" });
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.qr_code_scans where override_id = $1", [requested.rowId]))[0]!.n, 8,
    "every use attempt is logged");
});

test("refusals: the requester deciding their own, no qr.override, no two-factor session, expired request or approval, limits, cancel, reject", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const support = await admin();
  const request = async (token: string, type = "pickup", delivery = d.id) => server.gql(REQUEST, { token, variables: { d: delivery, t: type } });
  const first = (await request(d.travelerToken)).data!.requestEmergencyOverride.qrEmergencyOverride;
  t.is(errorCode(await request(d.customerToken)), "EXIST", "one pending per delivery and type");
  t.is(errorCode(await request(d.customerToken, "delivery")), "BADST", "no drop-off is due before pickup");
  t.is(errorCode(await request(await tokenFor(db, await createMember(db, "both")))), "NTFND");

  // The traveler is also a support admin: deciding their own request is refused.
  await makeAdmin(db, d.traveler, "support");
  t.is(errorCode(await server.gql(APPROVE, { token: await tokenFor(db, d.traveler, { mfaVerified: true }), variables: { id: first.rowId } })), "DNIED");
  t.is(errorCode(await server.gql(APPROVE, { token: d.customerToken, variables: { id: first.rowId } })), "DNIED", "no permission");
  t.is(errorCode(await server.gql(APPROVE, { token: (await admin("moderator")).token, variables: { id: first.rowId } })), "DNIED",
    "moderators hold no qr.override");
  await queryAsRoot(db, "update app_public.system_configuration set value = 'false' where category = 'security' and key = 'admin_requires_2fa'");
  try {
    t.is(errorCode(await server.gql(APPROVE, { token: (await admin("support", false)).token, variables: { id: first.rowId } })), "DNIED",
      "a two-factor session is required even where admin rights do not need one");
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = 'true' where category = 'security' and key = 'admin_requires_2fa'");
  }
  t.is(errorCode(await server.gql(APPROVE, { token: support.token, variables: { id: first.rowId, h: 25 } })), "INVAL");
  await queryAsRoot(db, "update app_public.qr_emergency_overrides set expires_at = now() - interval '1 minute' where id = $1", [first.rowId]);
  t.is(errorCode(await server.gql(APPROVE, { token: support.token, variables: { id: first.rowId } })), "EXPRD");

  // A new request after the expired one; approved, then its validity passes.
  const second = (await request(d.customerToken)).data!.requestEmergencyOverride.qrEmergencyOverride;
  t.is(errorCode(await server.gql(CANCEL, { token: d.travelerToken, variables: { id: second.rowId } })), "DNIED", "only the requester cancels");
  t.is((await gqlData(server, APPROVE, { token: support.token, variables: { id: second.rowId, h: 1 } })).approveEmergencyOverride.qrEmergencyOverride.status, "approved");
  t.is(errorCode(await server.gql(REJECT, { token: support.token, variables: { id: second.rowId } })), "BADST", "decided already");
  await queryAsRoot(db, "update app_public.qr_emergency_overrides set valid_until = now() - interval '1 second' where id = $1", [second.rowId]);
  t.deepEqual(await use(d.travelerToken, second.rowId, { at: PICKUP_AT, photoId: await readyFile(db, d.traveler, "pickup_evidence") }),
    { result: "expired", message: "this override has expired" });

  // Cancel, reject, and the limit of open overrides per user.
  const third = (await request(d.customerToken)).data!.requestEmergencyOverride.qrEmergencyOverride;
  t.is((await gqlData(server, CANCEL, { token: d.customerToken, variables: { id: third.rowId } })).cancelEmergencyOverride.qrEmergencyOverride.status, "cancelled");
  const fourth = (await request(d.customerToken)).data!.requestEmergencyOverride.qrEmergencyOverride;
  t.is((await gqlData(server, REJECT, { token: support.token, variables: { id: fourth.rowId } })).rejectEmergencyOverride.qrEmergencyOverride.status, "rejected");
  const others = [await createAcceptedDelivery(db, server), await createAcceptedDelivery(db, server), await createAcceptedDelivery(db, server)];
  // Three open requests of the same user elsewhere (inserted as root; requesting through the API is tested above).
  await queryAsRoot(db, `insert into app_public.qr_emergency_overrides (delivery_id, qr_type, requester_id, reason, description, expires_at)
    select unnest($1::uuid[]), 'pickup', $2::uuid, 'technical_failure', 'Seeded open request', now() + interval '1 hour'`,
  [others.map((o) => o.id), d.customer]);
  t.is(errorCode(await request(d.customerToken)), "LIMIT", "override.max_open_per_user = 3");
});
