// The upload suite against the S3 driver (FILES_STORAGE=s3, lib/storage_s3.ts): the real server and the worker's own
// task list talk to an S3-compatible server on loopback (test/files/fake_s3.ts) through the official AWS SDK, and the
// client PUTs and GETs through presigned URLs as it would against a bucket. One flow for both drivers: requestUpload,
// PUT uploadUrl, completeUpload; here the file is uploaded until files__process_upload checks it.
// Serial: the worker passes run every ready job of the database, and the tests share the fake bucket's records.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import test from "ava";
import { createSignedInMember, type SignedInUser } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask, workerTaskList } from "../helpers/worker.ts";
import { storageKeyOf } from "../../lib/storage.ts";
import { COMPLETE_UPLOAD, type FileView, fileClient } from "./client.ts";
import { EICAR, startFakeClamd } from "./fake_clamd.ts";
import { startFakeS3 } from "./fake_s3.ts";
import { executable, GPS_TEXT, heicWithGps, jpegWithGps, PDF, pngWithText, sha256, webpWithExif } from "./fixtures.ts";

const s3 = await startFakeS3();
const clamd = await startFakeClamd();
const { db, server } = useTestServer(test, s3.env);
const { requested, put, complete } = fileClient(server);
const taskList = workerTaskList({ ...s3.env, CLAMAV_URL: clamd.url });
const work = () => runReadyJobs(db, { taskList });
let owner: SignedInUser;
let other: SignedInUser;
test.serial.before(async () => {
  owner = await createSignedInMember(db, { type: "both" });
  other = await createSignedInMember(db, { type: "both" });
});
test.after.always(async () => {
  await s3.close();
  await clamd.close();
});

const FILE = `query ($id: UUID!) { file(rowId: $id) { rowId status rejectedCode rejectedReason uploadUrl downloadUrl } }`;
const view = async (id: string) =>
  (await server.gql<{ file: FileView }>(FILE, { token: owner.token, variables: { id } })).data!.file;

async function rowOf(id: string) {
  const [row] = await queryAsRoot<{ status: string; storage_key: string; purpose: string; created_at: Date }>(db,
    `select f.status, f.purpose, f.created_at, o.storage_key
       from app_public.files f join app_private.file_objects o on o.file_id = f.id where f.id = $1`, [id]);
  return row!;
}

/** What the bucket holds for a file: the object under its storage key and its staged upload. */
async function inBucket(id: string) {
  const { storage_key } = await rowOf(id);
  return { final: s3.objects.get(storage_key)?.body ?? null, staged: s3.objects.get(`incoming/${id}`)?.body ?? null };
}

const CASES = [
  { purpose: "avatar", type: "image/png", make: pngWithText },
  { purpose: "verification_document", type: "image/jpeg", make: jpegWithGps },
  { purpose: "item_photo", type: "image/webp", make: webpWithExif },
  { purpose: "pickup_evidence", type: "image/jpeg", make: jpegWithGps },
  { purpose: "delivery_evidence", type: "image/png", make: pngWithText },
  { purpose: "refused_pickup", type: "image/heic", make: heicWithGps },
  { purpose: "item_photo", type: "image/heic", make: heicWithGps },
  { purpose: "dispute_evidence", type: "application/pdf", make: () => ({ bytes: PDF, withoutMetadata: PDF }) },
];

for (const { purpose, type, make } of CASES) {
  test.serial(`${purpose} as ${type}: PUT to the bucket, completed, checked by the job, downloaded without its location metadata`, async (t) => {
    const { bytes, withoutMetadata } = make();
    const file = await requested(owner, purpose, type, bytes);
    const uploadUrl = new URL(file.uploadUrl!);
    t.is(uploadUrl.origin, s3.url, "straight to the bucket");
    t.is(uploadUrl.pathname, `/${s3.bucket}/incoming/${file.rowId}`);
    t.is(uploadUrl.searchParams.get("X-Amz-Expires"), "300", "FILES_URL_SECONDS");
    t.deepEqual(uploadUrl.searchParams.get("X-Amz-SignedHeaders")!.split(";").sort(), ["content-length", "content-type", "host"]);

    t.is((await put(file.uploadUrl!, bytes, { "content-type": type })).status, 200);
    const completed = await complete(owner, file.rowId);
    t.like(completed.data?.completeUpload.file, { status: "uploaded", uploadUrl: null, downloadUrl: null });
    await work();

    const ready = await view(file.rowId);
    t.like(ready, { status: "ready", rejectedCode: null, uploadUrl: null });
    const row = await rowOf(file.rowId);
    t.is(storageKeyOf({ id: file.rowId, purpose: row.purpose, createdAt: row.created_at }), row.storage_key);
    const downloadUrl = new URL(ready.downloadUrl!);
    t.is(downloadUrl.pathname, `/${s3.bucket}/${row.storage_key}`);
    const download = await fetch(downloadUrl);
    t.is(download.status, 200);
    t.is(download.headers.get("content-type"), type);
    t.is(download.headers.get("content-disposition"), type === "application/pdf" ? "attachment" : "inline");
    const body = Buffer.from(await download.arrayBuffer());
    t.deepEqual(body, withoutMetadata);
    if (type !== "application/pdf") t.false(body.includes(GPS_TEXT), "the GPS position is gone");
    t.deepEqual(await inBucket(file.rowId), { final: withoutMetadata, staged: null }, "the staged upload is removed");
  });
}

test.serial("refused bytes reject the file with a code and reason the client reads; nothing is kept in the bucket", async (t) => {
  const { bytes } = jpegWithGps();
  const cases: Array<{ name: string; declared?: { size?: number; sha?: string }; type?: string; send: Buffer; code: string; reason: RegExp }> = [
    { name: "another SHA-256", declared: { sha: sha256(Buffer.from("something else")) }, send: bytes, code: "sha256", reason: /^sha256 does not match/ },
    { name: "a PNG declared as a PDF", type: "application/pdf", send: pngWithText().bytes, code: "content_type", reason: /^content_type: the bytes are image\/png, not application\/pdf$/ },
    { name: "an executable renamed .jpg", type: "image/jpeg", send: executable(), code: "content_type", reason: /^content_type: the bytes are .+, not image\/jpeg$/ },
    { name: "a malformed HEIC", type: "image/heic", send: heicWithGps().malformed, code: "content_type", reason: /^content_type: A HEIF item lies outside the file$/ },
    { name: "malware", type: "application/pdf", send: Buffer.concat([PDF, Buffer.from(EICAR)]), code: "malware", reason: /^malware: Eicar-Test-Signature$/ },
  ];
  for (const c of cases) {
    const type = c.type ?? "image/jpeg";
    const file = await requested(owner, "dispute_evidence", type, c.send, c.declared);
    t.is((await put(file.uploadUrl!, c.send, { "content-type": type })).status, 200, c.name);
    t.like((await complete(owner, file.rowId)).data?.completeUpload.file, { status: "uploaded" }, c.name);
    await work();
    const seen = await view(file.rowId);
    t.like(seen, { status: "rejected", rejectedCode: c.code, downloadUrl: null }, c.name);
    t.regex(seen.rejectedReason!, c.reason, c.name);
    t.deepEqual(await inBucket(file.rowId), { final: null, staged: null }, c.name);
  }
});

test.serial("the size: the presigned URL signs the length; an object of another size is refused, a longer one without being read", async (t) => {
  const { bytes } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes, { size: bytes.length + 10 });
  const res = await put(file.uploadUrl!, bytes, { "content-type": "image/png" });
  t.is(res.status, 403, "the bucket refuses a body of another length than signed");
  t.regex(await res.text(), /SignatureDoesNotMatch/);
  t.is((await put(file.uploadUrl!, Buffer.concat([bytes, Buffer.alloc(10)]), { "content-type": "text/plain" })).status, 403,
    "nor another content type than signed");
  t.deepEqual(await inBucket(file.rowId), { final: null, staged: null });

  // A bucket that did not enforce the signed length (or a client with the keys) could stage anything: the job
  // checks the size from a HEAD before reading.
  for (const [name, staged, reason] of [
    ["longer", Buffer.alloc(bytes.length + 1000), /^byte_size: the body is longer than the \d+ bytes declared$/],
    ["shorter", bytes, /^byte_size: \d+ bytes were declared and \d+ received$/],
  ] as const) {
    const sized = await requested(owner, "avatar", "image/png", bytes, { size: bytes.length + 10 });
    s3.objects.set(`incoming/${sized.rowId}`, { body: staged, contentType: "image/png" });
    await complete(owner, sized.rowId);
    s3.requests.length = 0;
    await work();
    const seen = await view(sized.rowId);
    t.like(seen, { status: "rejected", rejectedCode: "size" }, name);
    t.regex(seen.rejectedReason!, reason, name);
    t.deepEqual(s3.requests.filter((r) => r.key === `incoming/${sized.rowId}`).map((r) => r.method), ["HEAD", "DELETE"],
      `${name}: the staged object is looked at, never read, then removed`);
    t.deepEqual(await inBucket(sized.rowId), { final: null, staged: null }, name);
  }
});

test.serial("presigned URLs: a tampered signature, another file's key and an expired URL are refused by the bucket", async (t) => {
  const { bytes } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes);
  const headers = { "content-type": "image/png" };
  const tampered = file.uploadUrl!.replace(/X-Amz-Signature=(.)/, (_m, c: string) => `X-Amz-Signature=${c === "a" ? "b" : "a"}`);
  t.is((await put(tampered, bytes, headers)).status, 403);
  const second = await requested(owner, "avatar", "image/png", bytes);
  t.is((await put(file.uploadUrl!.replace(file.rowId, second.rowId), bytes, headers)).status, 403, "a URL is good for its own key only");
  t.is((await fetch(file.uploadUrl!)).status, 403, "an upload URL does not download");

  // The SDK itself, as the driver signs (path style, the fake's keys), with a signing time an hour ago.
  const client = new S3Client({ region: s3.region, endpoint: s3.url, forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
  s3.objects.set("avatar/2000/01/00000000-0000-0000-0000-000000000000", { body: bytes, contentType: "image/png" });
  const get = new GetObjectCommand({ Bucket: s3.bucket, Key: "avatar/2000/01/00000000-0000-0000-0000-000000000000" });
  t.is((await fetch(await getSignedUrl(client, get, { expiresIn: 60 }))).status, 200, "a fresh URL works");
  const expired = await fetch(await getSignedUrl(client, get, { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) }));
  t.is(expired.status, 403);
  t.regex(await expired.text(), /Request has expired/);
  t.is((await fetch(`${s3.url}/${s3.bucket}/avatar/2000/01/00000000-0000-0000-0000-000000000000`)).status, 403, "no anonymous reads");
  s3.objects.delete("avatar/2000/01/00000000-0000-0000-0000-000000000000");
  t.deepEqual(await inBucket(file.rowId), { final: null, staged: null });
});

test.serial("completeUpload: only the owner's file, once; before the bytes were sent the file is rejected as missing", async (t) => {
  const { bytes, withoutMetadata } = pngWithText();
  const file = await requested(owner, "avatar", "image/png", bytes);
  t.is((await put(file.uploadUrl!, bytes, { "content-type": "image/png" })).status, 200);
  t.is(errorCode(await complete(other, file.rowId)), "NTFND", "another user's file is not theirs to complete");
  t.is(errorCode(await server.gql(COMPLETE_UPLOAD, { variables: { id: file.rowId } })), "DNIED", "visitors may not");
  t.like((await complete(owner, file.rowId)).data?.completeUpload.file, { status: "uploaded" });
  t.like((await complete(owner, file.rowId)).data?.completeUpload.file, { status: "uploaded" }, "twice: a no-op");
  const jobs = await queryAsRoot(db, "select 1 from graphile_worker.jobs where key = $1", [`files__process_upload:${file.rowId}`]);
  t.is(jobs.length, 1, "one job");
  await work();
  t.like((await complete(owner, file.rowId)).data?.completeUpload.file, { status: "ready" }, "once ready: returned unchanged");
  t.deepEqual(await inBucket(file.rowId), { final: withoutMetadata, staged: null });

  const early = await requested(owner, "avatar", "image/png", bytes);
  t.like((await complete(owner, early.rowId)).data?.completeUpload.file, { status: "uploaded" });
  await work();
  t.like(await view(early.rowId), { status: "rejected", rejectedCode: "missing" });
  t.is((await put(early.uploadUrl!, bytes, { "content-type": "image/png" })).status, 200, "the bucket still takes the URL's PUT…");
  await work();
  t.like(await view(early.rowId), { status: "rejected" }, "…but the file stays rejected");
  await queryAsRoot(db, "delete from app_public.files where id = $1", [early.rowId]);
  await work();
  t.deepEqual(s3.objects.has(`incoming/${early.rowId}`), false, "and its bytes go with the file");
});

test.serial("a scanner that cannot answer fails the job: the file stays uploaded with its staged bytes, and the retry makes it ready", async (t) => {
  const file = await requested(owner, "dispute_evidence", "application/pdf", PDF);
  t.is((await put(file.uploadUrl!, PDF, { "content-type": "application/pdf" })).status, 200);
  await complete(owner, file.rowId);
  clamd.broken = true;
  try {
    await work();
  } finally {
    clamd.broken = false;
  }
  t.like(await view(file.rowId), { status: "uploaded" });
  t.deepEqual(await inBucket(file.rowId), { final: null, staged: PDF });
  const [job] = await queryAsRoot<{ id: string; attempts: number; last_error: string }>(db,
    "select id, attempts, last_error from graphile_worker.jobs where key = $1", [`files__process_upload:${file.rowId}`]);
  t.is(job!.attempts, 1);
  await queryAsRoot(db, "select graphile_worker.reschedule_jobs(array[$1::bigint], run_at => now())", [job!.id]);
  await work();
  t.like(await view(file.rowId), { status: "ready" });
  t.deepEqual(await inBucket(file.rowId), { final: PDF, staged: null });
});

test.serial("expiry: uploads put in the bucket but never completed are forgotten and their staged objects removed", async (t) => {
  const { bytes } = pngWithText();
  const expired = await requested(owner, "avatar", "image/png", bytes);
  const waiting = await requested(owner, "avatar", "image/png", bytes);
  for (const file of [expired, waiting]) t.is((await put(file.uploadUrl!, bytes, { "content-type": "image/png" })).status, 200);
  await queryAsRoot(db, "update app_public.files set upload_expires_at = now() - interval '1 minute' where id = $1", [expired.rowId]);
  t.is(errorCode(await complete(owner, expired.rowId)), "EXPRD");

  await runTask(db, "files__expire_uploads", { taskList });

  t.deepEqual(await queryAsRoot(db, "select id from app_public.files where id = any ($1)", [[expired.rowId, waiting.rowId]]),
    [{ id: waiting.rowId }]);
  t.false(s3.objects.has(`incoming/${expired.rowId}`), "files__remove_objects removed the staged object");
  t.true(s3.objects.has(`incoming/${waiting.rowId}`));
  t.deepEqual(await queryAsRoot(db, "select * from app_private.file_removals"), [], "the queue is drained");
});
