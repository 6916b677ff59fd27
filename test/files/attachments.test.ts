// Files attached to what they are for (docs/files.md, Attaching files and Who reads a file), end to end through the
// real server: uploads over the signed URLs, attached by the GraphQL mutations, read back through File.downloadUrl
// by exactly the people the files policy allows, and kept or removed by the retention rules.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createSignedInMember, createUser, DEFAULT_PASSWORD, makeAdmin, type SignedInUser, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { issueCode, PICKUP_AT, scanCode } from "../helpers/handover.ts";
import { type AcceptedDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { fileClient } from "./client.ts";
import { GPS_TEXT, jpegWithGps, PDF, pngWithText, webpWithExif } from "./fixtures.ts";

const filesDir = await mkdtemp(join(tmpdir(), "p2p-attachments-"));
const { db, server } = useTestServer(test, { FILES_DIR: filesDir });
const { requested, put } = fileClient(server);

/** A file uploaded for real: requested, its bytes PUT to the signed URL; its id once ready. */
async function uploaded(user: SignedInUser, purpose: string, contentType: string, bytes: Buffer): Promise<string> {
  const file = await requested(user, purpose, contentType, bytes);
  const res = await put(file.uploadUrl!, bytes);
  if (res.status !== 200) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  return file.rowId;
}

/** The bytes a user gets for a file through fileUrl, or null when the file is not theirs to read. */
async function download(user: SignedInUser, fileId: string): Promise<Buffer | null> {
  const res = await server.gql<{ fileUrl: string | null }>(
    "query ($id: UUID!) { fileUrl(fileId: $id) }", { token: user.token, variables: { id: fileId } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const url = res.data!.fileUrl;
  if (!url) return null;
  const got = await fetch(`${server.url}${url}`);
  if (got.status !== 200) throw new Error(`download refused: ${got.status}`);
  return Buffer.from(await got.arrayBuffer());
}

const asMember = (d: AcceptedDelivery, who: "customer" | "traveler"): SignedInUser =>
  who === "customer" ? { id: d.customer, token: d.customerToken } : { id: d.traveler, token: d.travelerToken };

async function admin(role: string): Promise<SignedInUser> {
  const { id } = await createUser(db);
  await makeAdmin(db, id, role);
  return { id, token: await tokenFor(db, id, { mfaVerified: true }) };
}

const REFUSE = `mutation ($id: UUID!, $photo: UUID) {
  refusePickup(input: { deliveryId: $id, reason: item_not_as_described, pickupPhotoId: $photo }) {
    delivery { status pickupPhoto { rowId purpose } } } }`;

test("verification documents: real uploads, submitted, read and downloaded by a users.verify admin only", async (t) => {
  const member = await createSignedInMember(db);
  const stranger = await createSignedInMember(db);
  const [verifier, moderator] = [await admin("admin"), await admin("moderator")];
  const front = jpegWithGps();
  const frontId = await uploaded(member, "verification_document", "image/jpeg", front.bytes);
  const selfieId = await uploaded(member, "verification_document", "image/png", pngWithText().bytes);
  const submitted = await server.gql<{ submitVerificationDocument: { userVerificationDocument: { rowId: string } } }>(
    `mutation ($front: UUID!, $selfie: UUID!, $expires: Date!) { submitVerificationDocument(input: { documentType: passport,
      frontImageId: $front, selfieImageId: $selfie, expiresOn: $expires }) { userVerificationDocument { rowId } } }`,
    { token: member.token, variables: { front: frontId, selfie: selfieId, expires: `${new Date().getUTCFullYear() + 2}-01-31` } });
  t.is(submitted.errors, undefined, JSON.stringify(submitted.errors));
  const documentId = submitted.data!.submitVerificationDocument.userVerificationDocument.rowId;

  const DOCUMENT = `query ($id: UUID!) { userVerificationDocument(rowId: $id) {
    frontImage { rowId downloadUrl } selfieImage { rowId } } }`;
  const seen = await server.gql<{ userVerificationDocument: { frontImage: { rowId: string; downloadUrl: string } } | null }>(
    DOCUMENT, { token: verifier.token, variables: { id: documentId } });
  t.is(seen.data!.userVerificationDocument!.frontImage.rowId, frontId);
  const bytes = Buffer.from(await (await fetch(`${server.url}${seen.data!.userVerificationDocument!.frontImage.downloadUrl}`)).arrayBuffer());
  t.deepEqual(bytes, front.withoutMetadata, "the reviewer sees the document as stored: without where it was photographed");
  t.false(bytes.includes(GPS_TEXT));

  for (const reader of [stranger, moderator]) {
    t.is(await download(reader, frontId), null, "nobody else reads the images");
  }
  t.is((await server.gql<{ userVerificationDocument: null }>(DOCUMENT, { token: stranger.token, variables: { id: documentId } }))
    .data!.userVerificationDocument, null);
  t.deepEqual(await download(member, selfieId), pngWithText().withoutMetadata);
});

test("a refused pickup: the traveler's real photo, seen by the customer for the dispute window only", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const [traveler, customer] = [asMember(d, "traveler"), asMember(d, "customer")];
  const stranger = await createSignedInMember(db);
  const support = await admin("support");
  const photo = webpWithExif();

  // What the photo must be: the traveler's own, uploaded, of a pickup purpose. Each refusal leaves the delivery live.
  const pending = await requested(traveler, "refused_pickup", "image/webp", photo.bytes);
  const refusals: Array<[string, string, string]> = [
    ["not uploaded yet", pending.rowId, "BADST"],
    ["uploaded as an avatar", await uploaded(traveler, "avatar", "image/png", pngWithText().bytes), "INVAL"],
    ["someone else's", await uploaded(stranger, "refused_pickup", "image/webp", photo.bytes), "INVAL"],
  ];
  for (const [label, file, code] of refusals) {
    const res = await server.gql(REFUSE, { token: traveler.token, variables: { id: d.id, photo: file } });
    t.is(errorCode(res), code, label);
    t.regex(res.errors![0]!.message, /^pickup_photo_id: /, label);
  }
  const status = async () => (await queryAsRoot(db, "select status from app_public.deliveries where id = $1", [d.id]))[0]!.status;
  t.is(await status(), "accepted");

  const photoId = await uploaded(traveler, "refused_pickup", "image/webp", photo.bytes);
  const refused = await server.gql<{ refusePickup: { delivery: { status: string; pickupPhoto: { rowId: string } } } }>(
    REFUSE, { token: traveler.token, variables: { id: d.id, photo: photoId } });
  t.like(refused.data?.refusePickup.delivery, { status: "cancelled", pickupPhoto: { rowId: photoId, purpose: "refused_pickup" } });

  const DELIVERY = `query ($id: UUID!) { delivery(rowId: $id) { pickupPhoto { downloadUrl } } }`;
  const url = (await server.gql<{ delivery: { pickupPhoto: { downloadUrl: string } } }>(
    DELIVERY, { token: customer.token, variables: { id: d.id } })).data!.delivery.pickupPhoto.downloadUrl;
  t.deepEqual(Buffer.from(await (await fetch(`${server.url}${url}`)).arrayBuffer()), photo.withoutMetadata);
  t.deepEqual(await download(support, photoId), photo.withoutMetadata, "support reads it through deliveries.read");
  t.is(await download(stranger, photoId), null);

  // After the dispute window (deliveries.dispute_window_hours, 48) the customer no longer reads it; the traveler does.
  await queryAsRoot(db, "update app_public.deliveries set cancelled_at = now() - interval '49 hours' where id = $1", [d.id]);
  t.is(await download(customer, photoId), null);
  t.deepEqual(await download(traveler, photoId), photo.withoutMetadata);
  t.deepEqual((await server.gql(DELIVERY, { token: customer.token, variables: { id: d.id } })).data,
    { delivery: { pickupPhoto: null } }, "the delivery stays the customer's, its photo no longer");
});

test("who reads a file: the policy's matrix, through file(rowId) and the download route", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const [traveler, customer] = [asMember(d, "traveler"), asMember(d, "customer")];
  const stranger = await createSignedInMember(db);
  const [verifier, moderator] = [await admin("admin"), await admin("moderator")];
  const png = pngWithText().bytes;
  const files = {
    avatar: await uploaded(traveler, "avatar", "image/png", png),
    pendingAvatar: (await requested(traveler, "avatar", "image/png", png)).rowId,
    document: await uploaded(traveler, "verification_document", "application/pdf", PDF),
    pickupPhoto: await uploaded(traveler, "pickup_evidence", "image/png", png),
    itemPhoto: await uploaded(traveler, "item_photo", "image/png", png),
    disputeEvidence: await uploaded(traveler, "dispute_evidence", "application/pdf", PDF),
  };
  // The pickup scan attaches the uploaded photo (a scan references evidence by file id).
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  t.deepEqual(await scanCode(server, traveler.token, code.token, { at: PICKUP_AT, photoId: files.pickupPhoto }),
    { result: "success", message: "handover confirmed" });

  const readers = { traveler, customer, stranger, verifier, moderator };
  // Who reads each file: the owner always; a ready avatar everyone signed in; the pickup photo the other party while
  // the delivery is live; documents users.verify (the admin, not the moderator); photos deliveries.read and dispute
  // evidence disputes.read (both roles).
  const expected: Record<keyof typeof files, Array<keyof typeof readers>> = {
    avatar: ["traveler", "customer", "stranger", "verifier", "moderator"],
    pendingAvatar: ["traveler"],
    document: ["traveler", "verifier"],
    pickupPhoto: ["traveler", "customer", "verifier", "moderator"],
    itemPhoto: ["traveler", "verifier", "moderator"],
    disputeEvidence: ["traveler", "verifier", "moderator"],
  };
  for (const [file, id] of Object.entries(files) as Array<[keyof typeof files, string]>) {
    const readBy: string[] = [];
    for (const [name, reader] of Object.entries(readers)) {
      const res = await server.gql<{ file: { rowId: string; downloadUrl: string | null } | null; fileUrl: string | null }>(
        "query ($id: UUID!) { file(rowId: $id) { rowId downloadUrl } fileUrl(fileId: $id) }",
        { token: reader.token, variables: { id } });
      t.is(res.data!.fileUrl === null, res.data!.file?.downloadUrl == null, `fileUrl agrees with file() for ${file} by ${name}`);
      if (!res.data!.file) continue;
      readBy.push(name);
      if (file === "pendingAvatar") {
        t.is(res.data!.file.downloadUrl, null, "nothing to download before the upload");
        continue;
      }
      t.is((await fetch(`${server.url}${res.data!.file.downloadUrl}`)).status, 200, `${file} by ${name}`);
    }
    t.deepEqual(readBy, expected[file], file);
  }
  for (const query of ["query ($id: UUID!) { file(rowId: $id) { rowId } }", "query ($id: UUID!) { fileUrl(fileId: $id) }"]) {
    const anonymous = await server.gql(query, { variables: { id: files.avatar } });
    t.is(errorCode(anonymous), "DNIED", "visitors read no file");
  }
});

test("retention: a deleted account's files go at its anonymisation, but evidence a delivery holds stays", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const traveler = asMember(d, "traveler");
  const photoId = await uploaded(traveler, "refused_pickup", "image/webp", webpWithExif().bytes);
  t.is((await server.gql(REFUSE, { token: traveler.token, variables: { id: d.id, photo: photoId } })).errors, undefined);
  const avatar = await uploaded(traveler, "avatar", "image/png", pngWithText().bytes);
  t.is((await server.gql(`mutation ($p: UUID!) { updateProfile(input: { pictureId: $p }) { user { pictureId } } }`,
    { token: traveler.token, variables: { p: avatar } })).errors, undefined);
  const loose = await readyFile(db, traveler.id, "item_photo");

  // Evidence cannot be removed while a delivery names it, whoever tries.
  t.is(await sqlstate(queryAsRoot(db, "delete from app_public.files where id = $1", [photoId])), "23503");

  await queryAsRoot(db, "update app_public.deliveries set cancelled_at = now() - interval '49 hours' where id = $1", [d.id]);
  const deleted = await server.gql(`mutation ($p: String!) { deleteAccount(input: { password: $p, reason: "Moving away" }) { success } }`,
    { token: traveler.token, variables: { p: DEFAULT_PASSWORD } });
  t.deepEqual(deleted.data, { deleteAccount: { success: true } });
  const left = async () => (await queryAsRoot<{ id: string }>(db,
    "select id from app_public.files where owner_id = $1 order by id", [traveler.id])).map((r) => r.id);
  t.deepEqual(await left(), [photoId, loose].sort(), "the picture goes with the deletion");
  await queryAsRoot(db, "update app_public.users set deleted_at = now() - interval '31 days' where id = $1", [traveler.id]);
  t.is((await queryAsRoot(db, "select app_private.anonymise_deleted_users() as n"))[0]!.n, 1);
  t.deepEqual(await left(), [photoId], "the refused pickup's photo stays with the delivery");
});
