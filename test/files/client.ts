// How the tests use files as a client does: requestUpload over GraphQL, the signed URLs over plain HTTP (relative to
// the API's origin with the local driver, absolute with S3), then completeUpload over GraphQL.
import type { SignedInUser } from "../helpers/actors.ts";
import type { TestServer } from "../helpers/server.ts";
import { sha256 } from "./fixtures.ts";

export interface FileView {
  rowId: string;
  status: string;
  rejectedCode?: string | null;
  rejectedReason?: string | null;
  uploadUrl: string | null;
  downloadUrl: string | null;
}

export const REQUEST_UPLOAD = `mutation ($p: FilePurpose!, $t: String!, $n: BigInt!, $h: String!) {
  requestUpload(input: { purpose: $p, contentType: $t, byteSize: $n, sha256: $h }) {
    file { rowId status uploadUrl downloadUrl } } }`;

export const COMPLETE_UPLOAD = `mutation ($id: UUID!) {
  completeUpload(input: { fileId: $id }) { file { rowId status rejectedCode rejectedReason uploadUrl downloadUrl } } }`;

export function fileClient(server: TestServer) {
  const requestUpload = (user: SignedInUser, purpose: string, contentType: string, bytes: Buffer,
                         declared?: { size?: number; sha?: string }) =>
    server.gql<{ requestUpload: { file: FileView } }>(REQUEST_UPLOAD, {
      token: user.token,
      variables: { p: purpose, t: contentType, n: String(declared?.size ?? bytes.length), h: declared?.sha ?? sha256(bytes) },
    });
  return {
    requestUpload,
    /** A pending file, or the test fails with the refusal. */
    async requested(user: SignedInUser, purpose: string, contentType: string, bytes: Buffer,
                    declared?: { size?: number; sha?: string }): Promise<FileView> {
      const res = await requestUpload(user, purpose, contentType, bytes, declared);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.requestUpload.file;
    },
    put: (url: string, body: Buffer | ReadableStream, headers: Record<string, string> = {}) =>
      fetch(new URL(url, server.url), { method: "PUT", body, headers, duplex: "half" } as RequestInit),
    complete: (user: SignedInUser, id: string) =>
      server.gql<{ completeUpload: { file: FileView } }>(COMPLETE_UPLOAD, { token: user.token, variables: { id } }),
  };
}

/** The code of a file route's refusal. */
export async function refusalCode(res: Response): Promise<string | undefined> {
  return ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code;
}
