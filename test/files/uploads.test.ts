// Files (docs/files.md): requestUpload over GraphQL, the bytes over the signed upload URL, the file over the signed
// download URL, all through the real server. Every refusal leaves the file pending with nothing stored.
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createSignedInMember, type SignedInUser } from "../helpers/actors.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask, workerTaskList } from "../helpers/worker.ts";
import { signedFilePath } from "../../lib/files/signing.ts";
import { COMPLETE_UPLOAD, type FileView, fileClient, REQUEST_UPLOAD, refusalCode } from "./client.ts";
import { executable, GPS_TEXT, heicWithGps, jpegWithGps, PDF, pngWithText, sha256, webpWithExif } from "./fixtures.ts";

const filesDir = await mkdtemp(join(tmpdir(), "p2p-files-"));
const { db, server } = useTestServer(test, { FILES_DIR: filesDir });
// Who reads a file once uploaded: test/files/attachments.test.ts.
let owner: SignedInUser;
let other: SignedInUser;
test.serial.before(async () => {
  owner = await createSignedInMember(db, { type: "both" });
  other = await createSignedInMember(db, { type: "both" });
});

const FILE = `query ($id: UUID!) { file(rowId: $id) { rowId status sha256 byteSize uploadUrl downloadUrl } }`;
const { requestUpload, requested, put } = fileClient(server);
const code = refusalCode;

async function viewAs(user: SignedInUser, id: string): Promise<FileView | null> {
  const res = await server.gql<{ file: FileView | null }>(FILE, { token: user.token, variables: { id } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.file;
}

/** What the database and the disk hold for a file: its status and whether any bytes were stored under its key. */
async function stored(id: string): Promise<{ status: string; bytes: Buffer | null }> {
  const [row] = await queryAsRoot<{ status: string; storage_key: string }>(db,
    "select f.status, o.storage_key from app_public.files f join app_private.file_objects o on o.file_id = f.id where f.id = $1", [id]);
  const bytes = await readFile(join(filesDir, row!.storage_key)).catch(() => null);
  return { status: row!.status, bytes };
}

const CASES = [
  { purpose: "avatar", type: "image/png", make: pngWithText },
  { purpose: "verification_document", type: "image/jpeg", make: jpegWithGps },
  { purpose: "item_photo", type: "image/webp", make: webpWithExif },
  { purpose: "pickup_evidence", type: "image/jpeg", make: jpegWithGps },
  { purpose: "delivery_evidence", type: "image/png", make: pngWithText },
  { purpose: "refused_pickup", type: "image/webp", make: webpWithExif },
  { purpose: "dispute_evidence", type: "application/pdf", make: () => ({ bytes: PDF, withoutMetadata: PDF }) },
  { purpose: "avatar", type: "image/heic", make: heicWithGps },
];

for (const { purpose, type, make } of CASES) {
  test(`${purpose} as ${type}: requested, uploaded and downloaded as ${type}, without its location metadata`, async (t) => {
    const { bytes, withoutMetadata } = make();
    const file = await requested(owner, purpose, type, bytes);
    t.is(file.status, "pending");
    t.is(file.downloadUrl, null);
    t.regex(file.uploadUrl!, /^\/files\/[0-9a-f-]{36}\?expires=\d+&signature=[\w-]+$/);

    const res = await put(file.uploadUrl!, bytes, { "content-type": type });
    t.is(res.status, 200);
    t.like(await res.json(), { id: file.rowId, status: "ready", byteSize: withoutMetadata.length, sha256: sha256(withoutMetadata) });

    const ready = await viewAs(owner, file.rowId);
    t.like(ready, { status: "ready", uploadUrl: null, sha256: sha256(bytes), byteSize: String(bytes.length) });
    const download = await fetch(`${server.url}${ready!.downloadUrl}`);
    t.is(download.status, 200);
    t.is(download.headers.get("content-type"), type);
    t.is(download.headers.get("x-content-type-options"), "nosniff");
    const body = Buffer.from(await download.arrayBuffer());
    t.deepEqual(body, withoutMetadata);
    if (type !== "application/pdf") t.false(body.includes(GPS_TEXT), "the GPS position is gone");
  });
}

test("refusals of an upload: each with its code, the file still pending and nothing stored", async (t) => {
  const { bytes } = jpegWithGps();
  const cases: Array<{ name: string; declared?: { size?: number; sha?: string }; type?: string; send: Buffer; status: number; code: string }> = [
    { name: "fewer bytes than declared", declared: { size: bytes.length + 10 }, send: bytes, status: 400, code: "INVAL" },
    { name: "more bytes than declared", declared: { size: bytes.length - 10 }, send: bytes, status: 413, code: "LIMIT" },
    { name: "another SHA-256", declared: { sha: sha256(Buffer.from("something else")) }, send: bytes, status: 400, code: "INVAL" },
    { name: "a PNG declared as a PDF", type: "application/pdf", send: pngWithText().bytes, status: 400, code: "INVAL" },
    { name: "an executable renamed .jpg", type: "image/jpeg", send: executable(), status: 400, code: "INVAL" },
    { name: "a HEIC whose Exif item lies past its end", type: "image/heic", send: heicWithGps().malformed, status: 400, code: "INVAL" },
  ];
  for (const c of cases) {
    const file = await requested(owner, "dispute_evidence", c.type ?? "image/jpeg", c.send, c.declared);
    const res = await put(file.uploadUrl!, c.send);
    t.is(res.status, c.status, c.name);
    t.is(await code(res), c.code, c.name);
    t.deepEqual(await stored(file.rowId), { status: "pending", bytes: null }, c.name);
  }
});

test("a HEIC keeps its length and its image item's bytes; its Exif and XMP items are zeroed where they lie", async (t) => {
  const { bytes, withoutMetadata, image } = heicWithGps();
  const file = await requested(owner, "item_photo", "image/heic", bytes);
  t.is((await put(file.uploadUrl!, bytes, { "content-type": "image/heic" })).status, 200);
  const kept = (await stored(file.rowId)).bytes!;
  t.is(kept.length, bytes.length);
  t.false(kept.includes(GPS_TEXT));
  t.deepEqual(kept.subarray(image.offset, image.offset + image.length), bytes.subarray(image.offset, image.offset + image.length));
  t.deepEqual(kept, withoutMetadata);
});

test("completeUpload with the local driver: refused while the bytes were not sent (BADST), then a no-op returning the ready file", async (t) => {
  const { bytes } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes);
  const complete = (user: SignedInUser) => server.gql<{ completeUpload: { file: FileView } }>(COMPLETE_UPLOAD, { token: user.token, variables: { id: file.rowId } });
  let res = await complete(owner);
  t.is(errorCode(res), "BADST");
  t.regex(res.errors![0]!.message, /^file_id: /);
  t.is(errorCode(await complete(other)), "NTFND", "another user's file is not theirs to complete");
  t.is((await put(file.uploadUrl!, bytes)).status, 200);
  res = await complete(owner);
  t.like(res.data?.completeUpload.file, { rowId: file.rowId, status: "ready", uploadUrl: null });
  t.truthy(res.data?.completeUpload.file.downloadUrl);
  t.like((await complete(owner)).data?.completeUpload.file, { status: "ready" }, "twice: the same answer");
  const expired = await requested(owner, "avatar", "image/png", bytes);
  await queryAsRoot(db, "update app_public.files set upload_expires_at = now() - interval '1 minute' where id = $1", [expired.rowId]);
  t.is(errorCode(await server.gql(COMPLETE_UPLOAD, { token: owner.token, variables: { id: expired.rowId } })), "EXPRD");
});

test("a body streamed without a length is cut off with LIMIT as soon as it passes the declared size", async (t) => {
  const declared = 1024;
  const file = await requested(owner, "item_photo", "image/jpeg", Buffer.alloc(declared));
  let sent = 0;
  const endless = new ReadableStream({
    pull(controller) {
      sent += 16 * 1024;
      if (sent > 8 * 1024 * 1024) controller.close();
      else controller.enqueue(new Uint8Array(16 * 1024));
    },
  });
  const res = await put(file.uploadUrl!, endless).catch((error: Error) => error);
  // The server answers 413 and closes the connection; fetch may see either the answer or the closed socket.
  if (res instanceof Response) {
    t.is(res.status, 413);
    t.is(await code(res), "LIMIT");
  } else {
    t.pass("the connection was closed while sending");
  }
  t.true(sent < 8 * 1024 * 1024, "the server did not read the whole stream");
  t.deepEqual(await stored(file.rowId), { status: "pending", bytes: null });
  t.like(await (await server.gql("{ __typename }")), { data: { __typename: "Query" } }, "the server keeps serving");
});

test("signed URLs: a tampered or expired signature, the wrong method, and a replay after success are refused", async (t) => {
  const { bytes } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes);
  const tampered = file.uploadUrl!.replace(/signature=(.)/, (_m, c: string) => `signature=${c === "A" ? "B" : "A"}`);
  let res = await put(tampered, bytes);
  t.deepEqual([res.status, await code(res)], [403, "BADTK"]);
  const otherFile = file.uploadUrl!.replace(file.rowId, (await requested(owner, "avatar", "image/png", bytes)).rowId);
  res = await put(otherFile, bytes);
  t.deepEqual([res.status, await code(res)], [403, "BADTK"], "a signature is good for its own file only");
  const key = process.env.FILES_SIGNING_KEY!;
  res = await put(signedFilePath(key, "PUT", file.rowId, 60, Date.now() - 3_600_000), bytes);
  t.deepEqual([res.status, await code(res)], [403, "EXPRD"]);
  res = await fetch(`${server.url}${file.uploadUrl}`);
  t.deepEqual([res.status, await code(res)], [403, "BADTK"], "an upload URL does not download");
  t.deepEqual(await stored(file.rowId), { status: "pending", bytes: null });

  res = await put(file.uploadUrl!, bytes);
  t.is(res.status, 200);
  res = await put(file.uploadUrl!, bytes);
  t.deepEqual([res.status, await code(res)], [409, "BADST"], "a replayed upload URL is refused");
  res = await fetch(`${server.url}/files/${file.rowId}`);
  t.deepEqual([res.status, await code(res)], [403, "BADTK"], "no download without a signature");
  res = await fetch(`${server.url}/files/../../etc/passwd`);
  t.is(res.status, 404);
  res = await fetch(`${server.url}/files/`);
  t.is(res.status, 404, "no listing");
});

// Serial: ava runs serial tests before the others, so no other upload has a scratch file open meanwhile.
test.serial("two uploads of one URL at once: exactly one completes and its bytes stay intact", async (t) => {
  const { bytes, withoutMetadata } = jpegWithGps();
  const file = await requested(owner, "pickup_evidence", "image/jpeg", bytes);
  const results = await Promise.all(Array.from({ length: 8 }, () => put(file.uploadUrl!, bytes)));
  const statuses = results.map((r) => r.status).sort();
  t.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409]);
  t.deepEqual(await stored(file.rowId), { status: "ready", bytes: withoutMetadata });
  const scratch = await readdir(join(filesDir, ".incoming"));
  t.deepEqual(scratch, [], "the losers' bytes were discarded");
});

test("requestUpload refuses a type the purpose does not take, a size over the limit and a malformed hash", async (t) => {
  const refusal = async (purpose: string, type: string, size: number, sha = "a".repeat(64)) => {
    const res = await server.gql(REQUEST_UPLOAD, { token: owner.token, variables: { p: purpose, t: type, n: String(size), h: sha } });
    return [errorCode(res), res.errors?.[0]?.message];
  };
  t.like(await refusal("avatar", "application/pdf", 10), ["INVAL"]);
  t.regex(String((await refusal("avatar", "application/pdf", 10))[1]), /^content_type must be one of/);
  t.like(await refusal("avatar", "image/png", 11 * 1024 * 1024), ["LIMIT"]);
  t.like(await refusal("avatar", "image/png", 0), ["INVAL"]);
  t.like(await refusal("avatar", "image/png", 10, "xyz"), ["INVAL"]);
  const anonymous = await server.gql(REQUEST_UPLOAD, { variables: { p: "avatar", t: "image/png", n: "10", h: "a".repeat(64) } });
  t.is(errorCode(anonymous), "DNIED", "visitors may not upload");
});

test("the quota holds under parallel requests: of 6 requests of 0.4 MB against 1 MB, exactly 2 pass", async (t) => {
  const user = await createSignedInMember(db);
  await setSetting(db, "files.quota_mb", 1);
  try {
    const size = 400 * 1024;
    const results = await Promise.all(Array.from({ length: 6 }, () =>
      requestUpload(user, "item_photo", "image/jpeg", Buffer.alloc(size))));
    t.is(results.filter((r) => !r.errors).length, 2);
    t.true(results.filter((r) => r.errors).every((r) => errorCode(r) === "LIMIT"));
  } finally {
    await setSetting(db, "files.quota_mb", 500);
  }
});

// Serial: the worker pass runs every ready job of the database.
test.serial("files__expire_uploads forgets requested uploads whose time passed and sweeps abandoned scratch files", async (t) => {
  const { bytes } = pngWithText();
  const expired = await requested(owner, "avatar", "image/png", bytes);
  const waiting = await requested(owner, "avatar", "image/png", bytes);
  const done = await requested(owner, "avatar", "image/png", bytes);
  t.is((await put(done.uploadUrl!, bytes)).status, 200);
  await queryAsRoot(db, "update app_public.files set upload_expires_at = now() - interval '1 minute' where id = any ($1)",
    [[expired.rowId, done.rowId]]);
  const scratch = join(filesDir, ".incoming");
  await mkdir(scratch, { recursive: true });
  await writeFile(join(scratch, "abandoned"), "half an upload");
  await utimes(join(scratch, "abandoned"), new Date(Date.now() - 3 * 3_600_000), new Date(Date.now() - 3 * 3_600_000));
  await writeFile(join(scratch, "in-progress"), "an upload still arriving");

  await runTask(db, "files__expire_uploads", { taskList: workerTaskList({ FILES_DIR: filesDir }) });

  const left = await queryAsRoot<{ id: string; status: string }>(db,
    "select id, status from app_public.files where id = any ($1) order by status", [[expired.rowId, waiting.rowId, done.rowId]]);
  t.deepEqual(left.map((r) => r.id).sort(), [waiting.rowId, done.rowId].sort(), "only the expired pending upload is gone");
  t.deepEqual(await readdir(scratch), ["in-progress"]);
  t.is((await put(expired.uploadUrl!, bytes)).status, 409, "its URL uploads nothing any more");
  await rm(join(scratch, "in-progress"));
});

// Serial: the worker pass runs every ready job of the database.
test.serial("deleting a ready file queues its bytes, which files__remove_objects removes", async (t) => {
  const { bytes } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes);
  t.is((await put(file.uploadUrl!, bytes)).status, 200);
  const [{ storage_key }] = await queryAsRoot<{ storage_key: string }>(db,
    "select storage_key from app_private.file_objects where file_id = $1", [file.rowId]) as [{ storage_key: string }];
  t.truthy(await readFile(join(filesDir, storage_key)));
  await queryAsRoot(db, "delete from app_public.files where id = $1", [file.rowId]);
  t.deepEqual(await queryAsRoot(db, "select storage_key from app_private.file_removals where file_id = $1", [file.rowId]),
    [{ storage_key }], "queued by the deletion, not removed inline");
  await runReadyJobs(db, { taskList: workerTaskList({ FILES_DIR: filesDir }) });
  t.is(await readFile(join(filesDir, storage_key)).catch(() => null), null);
  t.deepEqual(await queryAsRoot(db, "select * from app_private.file_removals"), []);
});

test("a suspended account may upload its verification documents and nothing else (SUSPD)", async (t) => {
  const suspended = await createSignedInMember(db);
  await queryAsRoot(db, "update app_public.users set status = 'suspended', suspended_until = now() + interval '1 day' where id = $1",
    [suspended.id]);
  t.is((await requestUpload(suspended, "verification_document", "application/pdf", PDF)).errors, undefined);
  t.is(errorCode(await requestUpload(suspended, "item_photo", "image/png", pngWithText().bytes)), "SUSPD");
});
