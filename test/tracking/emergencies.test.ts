// SOS (docs/tracking.md): either party reports an emergency; the case number comes from a sequence
// (EMG-YYYY-NNNNNN); a poor fix is flagged, never refused; the answer carries the local emergency number; high and
// critical alert admins urgently, medium and above the other party, low nobody; admins move the case one step at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { errorCode } from "../helpers/errors.ts";
import { notificationsTo, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { createTrackedDelivery } from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

const REPORT = `mutation ($d: UUID!, $type: EmergencyType!, $severity: EmergencySeverity!, $acc: Float!) {
  reportEmergency(input: { deliveryId: $d, emergencyType: $type, severity: $severity, latitude: 48.86, longitude: 2.35,
    accuracyM: $acc, description: "Flat tyre on the motorway" }) {
    emergency { rowId caseNumber status poorFix emergencyNumber severity userId } } }`;
const UPDATE = `mutation ($id: UUID!, $status: EmergencyStatus!, $resolution: String) {
  updateEmergencyStatus(input: { emergencyId: $id, status: $status, resolution: $resolution }) {
    emergency { status resolution resolvedAt } } }`;

test.serial("the traveler reports: case number, local number, poor fix flagged; alerts by severity", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "support");
  const report = (token: string, severity: string, acc: number) =>
    server.gql(REPORT, { token, variables: { d: d.id, type: "breakdown", severity, acc } });

  const high = await report(d.travelerToken, "high", 80);
  t.deepEqual(high.errors, undefined);
  const emergency = high.data!.reportEmergency.emergency;
  t.regex(emergency.caseNumber, new RegExp(`^EMG-${new Date().getUTCFullYear()}-\\d{6}$`));
  t.like(emergency, { status: "reported", poorFix: true, emergencyNumber: "112", severity: "high", userId: d.traveler });
  const next = (await report(d.travelerToken, "low", 20)).data!.reportEmergency.emergency;
  t.false(next.poorFix);
  t.is(Number(next.caseNumber.slice(-6)), Number(emergency.caseNumber.slice(-6)) + 1, "from a sequence");

  const adminAlerts = await notificationsTo(db, { userId: admin }, { template: "emergency_reported", channel: "in_app" });
  t.is(adminAlerts.length, 1, "high alerts admins; low does not");
  const customerAlerts = await notificationsTo(db, { userId: d.customer }, { template: "emergency_reported", channel: "in_app" });
  t.is(customerAlerts.length, 1, "high tells the other party; low does not");
  t.like(customerAlerts[0]!.variables, { emergency_type: "breakdown", severity: "high", precise_location: false,
    case_number: emergency.caseNumber });
  t.regex((await renderedNotification(db, customerAlerts[0]!.id, { locale: "fr" }))!.text,
    new RegExp(`^Une urgence a été signalée sur DEL-\\d+ : panne \\(élevée, position imprécise\\), dossier ${emergency.caseNumber}$`));

  await report(d.customerToken, "medium", 10);
  t.is((await notificationsTo(db, { userId: d.traveler }, { template: "emergency_reported", channel: "in_app" })).length, 1,
    "medium tells the other party");
  t.is((await notificationsTo(db, { userId: admin }, { template: "emergency_reported", channel: "in_app" })).length, 1,
    "medium does not alert admins");

  const stranger = await tokenFor(db, await createMember(db, "traveler"));
  t.is(errorCode(await report(stranger, "critical", 10)), "NTFND");
});

test.serial("admins move a case reported → acknowledged → in_progress → resolved, one step at a time", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const id = (await server.gql(REPORT, { token: d.travelerToken,
    variables: { d: d.id, type: "accident", severity: "critical", acc: 5 } })).data!.reportEmergency.emergency.rowId;
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const token = await tokenFor(db, admin);
  const move = (status: string, resolution?: string, as = token) =>
    server.gql(UPDATE, { token: as, variables: { id, status, resolution } });

  t.is(errorCode(await move("acknowledged", undefined, d.travelerToken)), "DNIED");
  t.is(errorCode(await move("in_progress")), "BADST", "no skipping");
  t.like((await move("acknowledged")).data?.updateEmergencyStatus.emergency, { status: "acknowledged" });
  t.like((await move("in_progress")).data?.updateEmergencyStatus.emergency, { status: "in_progress" });
  t.is(errorCode(await move("resolved")), "INVAL", "a resolution is required");
  const resolved = (await move("resolved", "Towed; item handed over at the next stop")).data?.updateEmergencyStatus.emergency;
  t.like(resolved, { status: "resolved", resolution: "Towed; item handed over at the next stop" });
  t.truthy(resolved.resolvedAt);
  t.is(errorCode(await move("acknowledged")), "BADST", "never back");
});
