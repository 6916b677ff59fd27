// Verification documents and the verification ladder (docs/identity.md): submission rules, the upload limit, admin
// review, and the level derived from what is actually verified — including its drop when a document expires.
import test from "ava";
import { actAs, createUser, makeAdmin, tokenFor, user, verifyEmail, verifyPhone } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
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
const PASSPORT = { documentType: "passport", frontImageKey: "docs/p-front.jpg", selfieImageKey: "docs/p-selfie.jpg", expiresOn: nextYear };

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

  const passport = await server.gql(SUBMIT, { token, variables: { input: PASSPORT } });
  t.is(passport.errors, undefined);
  t.like(passport.data!.submitVerificationDocument.userVerificationDocument, { userId: id, documentType: "passport", status: "pending" });
  t.is(await level(id), "phone_verified", "a pending document counts for nothing");

  const claimed = await server.gql(`mutation ($id: UUID!) { startDocumentReview(input: { documentId: $id }) {
      userVerificationDocument { status verifiedBy } } }`,
  { token: adminToken, variables: { id: passport.data!.submitVerificationDocument.userVerificationDocument.rowId } });
  t.deepEqual(claimed.data!.startDocumentReview.userVerificationDocument, { status: "under_review", verifiedBy: reviewer });
  const approved = await server.gql(REVIEW, { token: adminToken,
    variables: { id: passport.data!.submitVerificationDocument.userVerificationDocument.rowId, approve: true } });
  t.is(approved.errors, undefined);
  t.like(approved.data!.reviewVerificationDocument.userVerificationDocument, { status: "approved", verifiedBy: reviewer,
    rejectionReason: null });
  t.truthy(approved.data!.reviewVerificationDocument.userVerificationDocument.reviewedAt);
  t.is(await level(id), "id_verified");

  const bill = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageKey: "docs/bill.pdf" } } });
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
  const docId = await asRoot(db, async (c) => (await c.query(
    "insert into app_public.user_verification_documents (user_id, document_type, front_image_key) values ($1, 'bank_statement', 'docs/s.pdf') returning id", [id])).rows[0].id as string);
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
  const docId = await asRoot(db, async (c) => (await c.query(
    "insert into app_public.user_verification_documents (user_id, document_type, front_image_key) values ($1, 'other', 'docs/o.jpg') returning id", [id])).rows[0].id as string);
  const moderator = (await createUser(db)).id;
  await makeAdmin(db, moderator, "moderator");
  for (const who of [id, moderator]) {
    const res = await server.gql(REVIEW, { token: await tokenFor(db, who), variables: { id: docId, approve: true } });
    t.is(errorCode(res), "DNIED");
  }
  const ownDoc = await asRoot(db, async (c) => (await c.query(
    "insert into app_public.user_verification_documents (user_id, document_type, front_image_key) values ($1, 'other', 'docs/o.jpg') returning id", [reviewer])).rows[0].id as string);
  const own = await server.gql(REVIEW, { token: await tokenFor(db, reviewer), variables: { id: ownDoc, approve: true } });
  t.is(errorCode(own), "DNIED");
  const claim = await server.gql(`mutation ($id: UUID!) { startDocumentReview(input: { documentId: $id }) { userVerificationDocument { status } } }`,
    { token: await tokenFor(db, moderator), variables: { id: docId } });
  t.is(errorCode(claim), "DNIED");
  const missing = await server.gql(REVIEW, { token: await tokenFor(db, reviewer), variables: { id: "00000000-0000-4000-8000-000000000000", approve: true } });
  t.is(errorCode(missing), "NTFND");
  t.is(await asRoot(db, async (c) => (await c.query("select status from app_public.user_verification_documents where id = $1", [docId])).rows[0].status), "pending");
});

for (const [label, input, code] of [
  ["a passport without a selfie", { ...PASSPORT, selfieImageKey: null }, "INVAL"],
  ["a driving licence without its back", { ...PASSPORT, documentType: "driving_license" }, "INVAL"],
  ["an identity document without an expiry date", { ...PASSPORT, expiresOn: null }, "INVAL"],
  ["an expired document", { ...PASSPORT, expiresOn: "2020-01-01" }, "INVAL"],
  ["a malformed image key", { ...PASSPORT, frontImageKey: "/etc/passwd" }, "INVAL"],
] as const) {
  test(`submitVerificationDocument refuses ${label} with ${code}`, async (t) => {
    const { id } = await createUser(db);
    const res = await server.gql(SUBMIT, { token: await tokenFor(db, id), variables: { input } });
    t.is(errorCode(res), code);
    t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_public.user_verification_documents where user_id = $1", [id])).rows[0].n), 0);
  });
}

test("the table's CHECKs refuse a licence without a back or an ID without a selfie on a direct insert (23514)", async (t) => {
  const { id } = await createUser(db);
  await actAs(db, user(id), async (c) => {
    await c.query("savepoint s");
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_key, selfie_image_key) values ('driving_license', 'a.jpg', 'b.jpg')")), "23514");
    await c.query("rollback to savepoint s");
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_key) values ('national_id', 'a.jpg')")), "23514");
  });
});

test("a second live document of a type is refused with BADST; a pending account cannot submit", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  t.is((await server.gql(SUBMIT, { token, variables: { input: PASSPORT } })).errors, undefined);
  const second = await server.gql(SUBMIT, { token, variables: { input: PASSPORT } });
  t.is(errorCode(second), "BADST");
  const { id: pending } = await createUser(db, { status: "pending" });
  const res = await server.gql(SUBMIT, { token: await tokenFor(db, pending), variables: { input: PASSPORT } });
  t.is(errorCode(res), "BADST");
});

test("at most verification.uploads_per_30d documents per type in 30 days (LIMIT), whatever the path", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const adminToken = await tokenFor(db, reviewer);
  for (let i = 0; i < 3; i++) {
    const res = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageKey: `docs/b${i}.pdf` } } });
    t.is(res.errors, undefined);
    await server.gql(REVIEW, { token: adminToken, variables: { id: res.data!.submitVerificationDocument.userVerificationDocument.rowId,
      approve: false, reason: "Not a utility bill at all" } });
  }
  const fourth = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageKey: "docs/b3.pdf" } } });
  t.is(errorCode(fourth), "LIMIT");
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("insert into app_public.user_verification_documents (document_type, front_image_key) values ('utility_bill', 'x.pdf')")), "LIMIT");
  });
  const otherType = await server.gql(SUBMIT, { token, variables: { input: { documentType: "bank_statement", frontImageKey: "docs/s.pdf" } } });
  t.is(otherType.errors, undefined, "the limit is per type");
  // Uploads older than 30 days no longer count.
  await asRoot(db, (c) => c.query("update app_public.user_verification_documents set created_at = now() - interval '31 days' where user_id = $1 and document_type = 'utility_bill'", [id]));
  const later = await server.gql(SUBMIT, { token, variables: { input: { documentType: "utility_bill", frontImageKey: "docs/b4.pdf" } } });
  t.is(later.errors, undefined);
});

test("documents are visible to their owner and users.verify admins only", async (t) => {
  const { id } = await createUser(db);
  const { id: stranger } = await createUser(db);
  await asRoot(db, (c) => c.query("insert into app_public.user_verification_documents (user_id, document_type, front_image_key) values ($1, 'other', 'docs/x.jpg')", [id]));
  const query = `query ($id: UUID!) { userVerificationDocuments(condition: { userId: $id }) { nodes { documentType } } }`;
  const seen = async (who: string) => (await server.gql(query, { token: await tokenFor(db, who), variables: { id } })).data!.userVerificationDocuments.nodes;
  t.deepEqual(await seen(id), [{ documentType: "other" }]);
  t.deepEqual(await seen(reviewer), [{ documentType: "other" }]);
  t.deepEqual(await seen(stranger), []);
});
