// Verification documents and the verification ladder (docs/identity.md): submission rules, the upload limit, admin
// review, and the level derived from what is actually verified — including its drop when a document expires.
import test from "ava";
import { actAs, createUser, makeAdmin, tokenFor, user, verifyEmail, verifyPhone } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
let reviewer: string;
// Serial, like useTestServer's hook: it runs after the database exists.
test.serial.before(async () => {
  reviewer = (await createUser(db)).id;
  await makeAdmin(db, reviewer, "admin");
});

const SUBMIT = `mutation ($input: SubmitVerificationDocumentInput!) {
  submitVerificationDocument(input: $input) { userVerificationDocument { rowId userId documentType status } } }`;
const REVIEW = `mutation ($id: UUID!, $approve: Boolean!, $reason: String) {
  reviewVerificationDocument(input: { documentId: $id, approve: $approve, rejectionReason: $reason }) {
    userVerificationDocument { rowId status verifiedBy rejectionReason reviewedAt } } }`;
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
/** A ready verification_document file of the user's (the upload itself: test/files/attachments.test.ts). */
const image = (userId: string) => readyFile(db, userId, "verification_document");
const passport = async (userId: string) =>
  ({ documentType: "passport", frontImageId: await image(userId), selfieImageId: await image(userId), expiresOn: nextYear });
/** A document inserted as the owner of the database, bypassing submitVerificationDocument's rules. */
const insertDocument = async (userId: string, type: string) => {
  const front = await image(userId);
  return asRoot(db, async (c) => (await c.query(
    "insert into app_public.user_verification_documents (user_id, document_type, front_image_id) values ($1, $2, $3) returning id",
    [userId, type, front])).rows[0].id as string);
};

const level = (id: string) => asRoot(db, async (c) =>
  (await c.query("select verification_level from app_public.users where id = $1", [id])).rows[0].verification_level as string);

test("the ladder: email, then phone, then an approved ID with selfie, then a recent proof of address", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const adminToken = await tokenFor(db, reviewer);
  t.is(await level(id), "unverified");
  await verifyPhone(db, id);
  t.is(await level(id), "unverified", "a phone without an email does not skip the first step");
  await verifyEmail(db, id);
  t.is(await level(id), "phone_verified");

  const passportDoc = await server.gql(SUBMIT, { token, variables: { input: await passport(id) } });
  t.is(passportDoc.errors, undefined);
  t.like(passportDoc.data!.submitVerificationDocument.userVerificationDocument, { userId: id, documentType: "passport", status: "pending" });
  t.is(await level(id), "phone_verified", "a pending document counts for nothing");

  const claimed = await server.gql(`mutation ($id: UUID!) { startDocumentReview(input: { documentId: $id }) {
      userVerificationDocument { status verifiedBy } } }`,
  { token: adminToken, variables: { id: passportDoc.data!.submitVerificationDocument.userVerificationDocument.rowId } });
  t.deepEqual(claimed.data!.startDocumentReview.userVerificationDocument, { status: "under_review", verifiedBy: reviewer });
  const approved = await server.gql(REVIEW, { token: adminToken,
    variables: { id: passportDoc.data!.submitVerificationDocument.userVerificationDocument.rowId, approve: true } });
  t.is(approved.errors, undefined);
  t.like(approved.data!.reviewVerificationDocument.userVerificationDocument, { status: "approved", verifiedBy: reviewer,
    rejectionReason: null });
  t.truthy(approved.data!.reviewVerificationDocument.userVerificationDocument.reviewedAt);
  t.is(await level(id), "id_verified");

  const bill = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageId: await image(id) } } });
  await server.gql(REVIEW, { token: adminToken, variables: { id: bill.data!.submitVerificationDocument.userVerificationDocument.rowId, approve: true } });
  t.is(await level(id), "fully_verified");
  const me = await server.gql("{ currentUser { verificationLevel } }", { token });
  t.is(me.data!.currentUser.verificationLevel, "fully_verified");

  // A proof of address older than verification.address_doc_max_age_days stops counting (the daily job notices).
  await asRoot(db, async (c) => {
    await c.query("update app_public.user_verification_documents set created_at = now() - interval '91 days' where user_id = $1 and document_type = 'utility_bill'", [id]);
    t.like((await c.query("select app_private.cleanup_expired_data() as r")).rows[0].r,
      { documents_expired: 0, verification_levels_refreshed: 1 });
  });
  t.is(await level(id), "id_verified");

  // An identity document past its expiry date drops the level at once, and the job marks it expired.
  await asRoot(db, (c) => c.query("update app_public.user_verification_documents set expires_on = current_date - 1 where user_id = $1 and document_type = 'passport'", [id]));
  t.is(await level(id), "phone_verified");
  await asRoot(db, async (c) => {
    t.is((await c.query("select app_private.expire_verification_documents() as n")).rows[0].n, 1);
    t.is((await c.query("select status from app_public.user_verification_documents where user_id = $1 and document_type = 'passport'", [id])).rows[0].status, "expired");
  });
});

test("a rejection needs a reason of at least 10 characters and records the reviewer", async (t) => {
  const { id } = await createUser(db);
  const docId = await insertDocument(id, "bank_statement");
  const adminToken = await tokenFor(db, reviewer);
  const short = await server.gql(REVIEW, { token: adminToken, variables: { id: docId, approve: false, reason: "blurry" } });
  t.is(errorCode(short), "INVAL");
  const rejected = await server.gql(REVIEW, { token: adminToken, variables: { id: docId, approve: false, reason: "The scan is too blurry to read" } });
  t.like(rejected.data!.reviewVerificationDocument.userVerificationDocument, { status: "rejected", verifiedBy: reviewer,
    rejectionReason: "The scan is too blurry to read" });
  const again = await server.gql(REVIEW, { token: adminToken, variables: { id: docId, approve: true } });
  t.is(errorCode(again), "BADST", "a decided document stays decided");
});

test("review is refused with DNIED without users.verify (even for other admins) and for one's own document", async (t) => {
  const { id } = await createUser(db);
  const docId = await insertDocument(id, "other");
  const moderator = (await createUser(db)).id;
  await makeAdmin(db, moderator, "moderator");
  for (const who of [id, moderator]) {
    const res = await server.gql(REVIEW, { token: await tokenFor(db, who), variables: { id: docId, approve: true } });
    t.is(errorCode(res), "DNIED");
  }
  const ownDoc = await insertDocument(reviewer, "other");
  const own = await server.gql(REVIEW, { token: await tokenFor(db, reviewer), variables: { id: ownDoc, approve: true } });
  t.is(errorCode(own), "DNIED");
  const claim = await server.gql(`mutation ($id: UUID!) { startDocumentReview(input: { documentId: $id }) { userVerificationDocument { status } } }`,
    { token: await tokenFor(db, moderator), variables: { id: docId } });
  t.is(errorCode(claim), "DNIED");
  const missing = await server.gql(REVIEW, { token: await tokenFor(db, reviewer), variables: { id: "00000000-0000-4000-8000-000000000000", approve: true } });
  t.is(errorCode(missing), "NTFND");
  t.is(await asRoot(db, async (c) => (await c.query("select status from app_public.user_verification_documents where id = $1", [docId])).rows[0].status), "pending");
});

// Each case builds its input for a fresh user, whose files are theirs unless the case says otherwise.
const refusals: Array<[string, (id: string) => Promise<Record<string, unknown>>, string, string]> = [
  ["a passport without a selfie", async (id) => ({ ...(await passport(id)), selfieImageId: null }), "INVAL", "selfie_image_id"],
  ["a driving licence without its back", async (id) => ({ ...(await passport(id)), documentType: "driving_license" }), "INVAL", "back_image_id"],
  ["an identity document without an expiry date", async (id) => ({ ...(await passport(id)), expiresOn: null }), "INVAL", "expiry"],
  ["an expired document", async (id) => ({ ...(await passport(id)), expiresOn: "2020-01-01" }), "INVAL", "expired"],
  ["another user's file", async (id) => ({ ...(await passport(id)), frontImageId: await image(reviewer) }), "INVAL", "front_image_id"],
  ["a file uploaded as an avatar", async (id) => ({ ...(await passport(id)), selfieImageId: await readyFile(db, id, "avatar") }), "INVAL", "selfie_image_id"],
  ["a file that does not exist", async (id) => ({ ...(await passport(id)), frontImageId: "00000000-0000-4000-8000-000000000000" }), "INVAL", "front_image_id"],
  ["a file whose upload has not completed", async (id) => {
    const input = await passport(id);
    await asRoot(db, (c) => c.query("update app_public.files set status = 'pending', ready_at = null where id = $1", [input.frontImageId]));
    return input;
  }, "BADST", "front_image_id"],
];
for (const [label, input, code, field] of refusals) {
  test(`submitVerificationDocument refuses ${label} with ${code}, naming ${field}`, async (t) => {
    const { id } = await createUser(db);
    const res = await server.gql(SUBMIT, { token: await tokenFor(db, id), variables: { input: await input(id) } });
    t.is(errorCode(res), code);
    t.regex(res.errors![0]!.message, new RegExp(field));
    t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_public.user_verification_documents where user_id = $1", [id])).rows[0].n), 0);
  });
}

test("the table's CHECKs refuse a licence without a back or an ID without a selfie on a direct insert (23514)", async (t) => {
  const { id } = await createUser(db);
  const [front, selfie] = [await image(id), await image(id)];
  await actAs(db, user(id), async (c) => {
    await c.query("savepoint s");
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_id, selfie_image_id) values ('driving_license', $1, $2)", [front, selfie])), "23514");
    await c.query("rollback to savepoint s");
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_id) values ('national_id', $1)", [front])), "23514");
  });
});

test("a second live document of a type is refused with BADST; a pending account cannot submit", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  t.is((await server.gql(SUBMIT, { token, variables: { input: await passport(id) } })).errors, undefined);
  const second = await server.gql(SUBMIT, { token, variables: { input: await passport(id) } });
  t.is(errorCode(second), "BADST");
  const { id: pending } = await createUser(db, { status: "pending" });
  const res = await server.gql(SUBMIT, { token: await tokenFor(db, pending), variables: { input: await passport(pending) } });
  t.is(errorCode(res), "BADST");
});

test("at most verification.uploads_per_30d documents per type in 30 days (LIMIT), whatever the path", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const adminToken = await tokenFor(db, reviewer);
  for (let i = 0; i < 3; i++) {
    const res = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageId: await image(id) } } });
    t.is(res.errors, undefined);
    await server.gql(REVIEW, { token: adminToken, variables: { id: res.data!.submitVerificationDocument.userVerificationDocument.rowId,
      approve: false, reason: "Not a utility bill at all" } });
  }
  const bill = await image(id);
  const fourth = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageId: await image(id) } } });
  t.is(errorCode(fourth), "LIMIT");
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_id) values ('utility_bill', $1)", [bill])), "LIMIT");
  });
  const otherType = await server.gql(SUBMIT, { token, variables: { input: { documentType: "bank_statement", frontImageId: await image(id) } } });
  t.is(otherType.errors, undefined, "the limit is per type");
  // Uploads older than 30 days no longer count.
  await asRoot(db, (c) => c.query("update app_public.user_verification_documents set created_at = now() - interval '31 days' where user_id = $1 and document_type = 'utility_bill'", [id]));
  const later = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageId: await image(id) } } });
  t.is(later.errors, undefined);
});

test("documents are visible to their owner and users.verify admins only", async (t) => {
  const { id } = await createUser(db);
  const { id: stranger } = await createUser(db);
  await insertDocument(id, "other");
  const query = `query ($id: UUID!) { userVerificationDocuments(condition: { userId: $id }) { nodes { documentType } } }`;
  const seen = async (who: string) => (await server.gql(query, { token: await tokenFor(db, who), variables: { id } })).data!.userVerificationDocuments.nodes;
  t.deepEqual(await seen(id), [{ documentType: "other" }]);
  t.deepEqual(await seen(reviewer), [{ documentType: "other" }]);
  t.deepEqual(await seen(stranger), []);
});
