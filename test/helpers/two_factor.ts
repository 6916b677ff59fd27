// Two-factor authentication from the client's side: an RFC 6238 TOTP written independently of the SQL one, base32
// as authenticator apps read it, the GraphQL operations, and a user enrolled through them.
import { createHmac } from "node:crypto";
import { createUser, DEFAULT_PASSWORD } from "./actors.ts";
import { type TestDatabase } from "./database.ts";
import type { TestServer } from "./server.ts";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 6238 TOTP (HMAC-SHA-1) of a secret for a 30-second step. */
export function totp(secret: Buffer, step: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[19]! & 0xf;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function base32Decode(text: string): Buffer {
  const bits = [...text].map((ch) => BASE32.indexOf(ch).toString(2).padStart(5, "0")).join("");
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

export function base32Encode(data: Buffer): string {
  const bits = [...data].map((b) => b.toString(2).padStart(8, "0")).join("");
  return (bits.padEnd(Math.ceil(bits.length / 5) * 5, "0").match(/.{5}/g) ?? []).map((b) => BASE32[parseInt(b, 2)]).join("");
}

export const currentStep = () => Math.floor(Date.now() / 30000);

export const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) {
  authResult { accessToken refreshToken mfaChallenge } } }`;
export const VERIFY = `mutation ($challenge: String!, $code: String!) { verifyTwoFactorLogin(input: { challenge: $challenge, code: $code }) {
  authResult { accessToken refreshToken } } }`;
export const SETUP = "mutation { setupTwoFactor(input: {}) { setup { secret otpauthUri } } }";
export const CONFIRM = "mutation ($code: String!) { confirmTwoFactor(input: { code: $code }) { backupCodes } }";

/**
 * A new user with two-factor authentication on, enrolled over GraphQL: their secret, backup codes and a logged-in
 * access token. Confirmed with the previous step, so that tests can still use the current one.
 */
export async function userWith2fa(db: TestDatabase, server: TestServer) {
  const { id, email } = await createUser(db);
  const first = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  const token = first.data!.login.authResult.accessToken as string;
  const setup = await server.gql(SETUP, { token });
  const secret = base32Decode(setup.data!.setupTwoFactor.setup.secret);
  const confirmed = await server.gql(CONFIRM, { token, variables: { code: totp(secret, currentStep() - 1) } });
  return { id, email, token, secret, backupCodes: confirmed.data!.confirmTwoFactor.backupCodes as string[] };
}
