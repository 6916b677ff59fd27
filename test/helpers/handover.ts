// Handover fixtures (docs/handover.md): the customer issues a code and the traveler scans it, over GraphQL, at the
// places createRequest puts a request (central Paris → central Berlin), with a ready evidence photo of the
// traveler's. handOver does both and asserts the success; advanceDelivery in marketplace.ts builds on it.
import { readyFile } from "./files.ts";
import { gqlData } from "./graphql.ts";
import type { TestDatabase } from "./database.ts";
import type { TestServer } from "./server.ts";

/** createRequest's default pickup and drop-off points, [lng, lat]. */
export const PICKUP_AT: readonly [number, number] = [2.35, 48.86];
export const DROPOFF_AT: readonly [number, number] = [13.4, 52.52];

export type QrType = "pickup" | "delivery";

export interface IssuedCode {
  qrCodeId: string;
  token: string;
  backupCode: string;
  expiresAt: string;
}

export interface IssueOptions {
  expiresInHours?: number;
  bindLocation?: boolean;
  securityLevel?: "standard" | "high" | "maximum";
  radiusM?: number;
}

export const ISSUE = `mutation ($d: UUID!, $t: QrType!, $h: Int, $b: Boolean, $l: SecurityLevel, $r: Int) {
  issueQrCode(input: { deliveryId: $d, qrType: $t, expiresInHours: $h, bindLocation: $b, securityLevel: $l, radiusM: $r }) {
    issuedQrCode { qrCodeId token backupCode expiresAt } } }`;

/** The customer issues a code of the delivery; returns it (the only time the token and backup code are seen). */
export async function issueCode(server: TestServer, customerToken: string, deliveryId: string, type: QrType,
                                o: IssueOptions = {}): Promise<IssuedCode> {
  const data = await gqlData(server, ISSUE, { token: customerToken, variables: { d: deliveryId, t: type,
    h: o.expiresInHours, b: o.bindLocation, l: o.securityLevel, r: o.radiusM } });
  return data.issueQrCode.issuedQrCode as IssuedCode;
}

/** What a scan, a backup code or an override use sends besides the code. */
export interface AttemptOptions {
  at?: readonly [number, number] | null;
  accuracyM?: number;
  fixTime?: string;
  deviceInfo?: Record<string, unknown>;
  photoId?: string | null;
  signatureId?: string | null;
  recipientName?: string | null;
}

export interface Outcome {
  result: string;
  message: string;
}

/** The variables of an attempt: the place (default: now, 10 m accurate, an iPhone) and the evidence. */
export function attemptVariables(o: AttemptOptions): Record<string, unknown> {
  const at = o.at === undefined ? null : o.at;
  return {
    lat: at?.[1] ?? null, lng: at?.[0] ?? null, accuracyM: at ? (o.accuracyM ?? 10) : null,
    fixTime: at ? (o.fixTime ?? new Date().toISOString()) : null,
    deviceInfo: o.deviceInfo ?? { platform: "ios", app_version: "1.0.0" },
    photoId: o.photoId ?? null, signatureId: o.signatureId ?? null, recipientName: o.recipientName ?? null,
  };
}

const ATTEMPT_ARGS = "lat: $lat, lng: $lng, accuracyM: $accuracyM, fixTime: $fixTime, deviceInfo: $deviceInfo, " +
  "photoId: $photoId, signatureId: $signatureId, recipientName: $recipientName";
const ATTEMPT_VARS = "$lat: Float, $lng: Float, $accuracyM: Float, $fixTime: Datetime, $deviceInfo: JSON, " +
  "$photoId: UUID, $signatureId: UUID, $recipientName: String";

export const SCAN = `mutation ($token: String!, ${ATTEMPT_VARS}) {
  scanQrCode(input: { token: $token, ${ATTEMPT_ARGS} }) { outcome { result message } } }`;
export const REDEEM = `mutation ($d: UUID!, $t: QrType!, $code: String!, ${ATTEMPT_VARS}) {
  redeemBackupCode(input: { deliveryId: $d, qrType: $t, code: $code, ${ATTEMPT_ARGS} }) { outcome { result message } } }`;
export const USE_OVERRIDE = `mutation ($id: UUID!, ${ATTEMPT_VARS}) {
  useEmergencyOverride(input: { overrideId: $id, ${ATTEMPT_ARGS} }) { outcome { result message } } }`;

/** The traveler (or whoever holds the token) scans a code; returns the outcome. */
export async function scanCode(server: TestServer, scannerToken: string, token: string,
                               o: AttemptOptions = {}): Promise<Outcome> {
  const data = await gqlData(server, SCAN, { token: scannerToken, variables: { token, ...attemptVariables(o) } });
  return data.scanQrCode.outcome as Outcome;
}

/** The traveler types the backup code of the delivery's handover. */
export async function redeemCode(server: TestServer, scannerToken: string, deliveryId: string, type: QrType,
                                 code: string, o: AttemptOptions = {}): Promise<Outcome> {
  const data = await gqlData(server, REDEEM, { token: scannerToken,
    variables: { d: deliveryId, t: type, code, ...attemptVariables(o) } });
  return data.redeemBackupCode.outcome as Outcome;
}

/** The parties of a delivery as the fixtures know them. */
export interface HandoverParties {
  id: string;
  traveler: string;
  customerToken: string;
  travelerToken: string;
}

/**
 * The customer issues the code and the traveler scans it at the handover place with a fresh evidence photo: the
 * delivery is picked_up (or delivered). Throws unless the scan succeeds.
 */
export async function handOver(db: TestDatabase, server: TestServer, delivery: HandoverParties, type: QrType): Promise<void> {
  const code = await issueCode(server, delivery.customerToken, delivery.id, type);
  const photoId = await readyFile(db, delivery.traveler, type === "pickup" ? "pickup_evidence" : "delivery_evidence");
  const outcome = await scanCode(server, delivery.travelerToken, code.token,
    { at: type === "pickup" ? PICKUP_AT : DROPOFF_AT, photoId });
  if (outcome.result !== "success") throw new Error(`the ${type} scan failed: ${outcome.result} (${outcome.message})`);
}
