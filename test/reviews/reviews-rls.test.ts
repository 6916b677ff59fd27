// RLS matrix of reviews and review_reports (db/README.md, Checked by npm test): visitor, author, reviewee, stranger and
// moderator × select, insert, update, delete. No role writes directly: every change is a review function.
import test from "ava";
import { actAs, anonymous, commitAs, createMember, makeAdmin, user, type Actor } from "../helpers/actors.ts";
import { asRoot, outcome, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";
import { setTimesAgo } from "../helpers/time.ts";

const db = useTestDatabase(test);
const ids = { author: "", reviewee: "", stranger: "", moderator: "", reporter: "", review: "", report: "", delivery: "" };

test.before(async () => {
  // A delivery created and driven to delivered as root: the path is tested in reviews.test.ts.
  ids.reviewee = await createMember(db, "traveler");
  ids.delivery = await createDeliveryRecord(db, await createTrip(db, ids.reviewee), { reserveCapacity: true });
  ids.stranger = await createMember(db, "both");
  ids.reporter = await createMember(db, "both");
  ids.moderator = await createMember(db, "both");
  await makeAdmin(db, ids.moderator, "moderator");
  await asRoot(db, async (c) => {
    for (const to of ["picked_up", "delivered"]) {
      await c.query("select app_hidden.transition_delivery($1, $2, 'qr_scan', null)", [ids.delivery, to]);
    }
    ids.author = (await c.query("select customer_id from app_public.deliveries where id = $1", [ids.delivery])).rows[0].customer_id;
  });
  // The review is written through the function as the author, committed (actAs would roll it back).
  ids.review = await commitAs(db, user(ids.author), async (c) => (await c.query(
    "select id from app_public.submit_review($1, 4, comment => 'Good', is_anonymous => true)", [ids.delivery])).rows[0].id as string);
  ids.report = await asRoot(db, async (c) => (await c.query(
    "insert into app_public.review_reports (review_id, reporter_id, reason) values ($1, $2, 'spam') returning id",
    [ids.review, ids.reporter])).rows[0].id);
});

const actors: Array<[string, () => Actor]> = [
  ["visitor", () => anonymous],
  ["author", () => user(ids.author)],
  ["reviewee", () => user(ids.reviewee)],
  ["stranger", () => user(ids.stranger)],
  ["reporter", () => user(ids.reporter)],
  ["moderator", () => user(ids.moderator)],
];

// Rows seen (a number) or the SQLSTATE refused with.
const reviewsSeen: Record<string, number | string> = { visitor: "42501", author: 1, reviewee: 1, stranger: 0, reporter: 0, moderator: 1 };
const reportsSeen: Record<string, number | string> = { visitor: "42501", author: 0, reviewee: 0, stranger: 0, reporter: 1, moderator: 1 };

const attempt = (actor: Actor, sql: string, params: unknown[]) => actAs(db, actor, (c) => outcome(c, sql, params));

for (const [name, actor] of actors) {
  test(`reviews as ${name}: select ${reviewsSeen[name]}; insert, update and delete refused`, async (t) => {
    t.is(await attempt(actor(), "select id, reviewer_id from app_public.reviews where id = $1", [ids.review]), reviewsSeen[name]);
    t.is(await attempt(actor(), `insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating)
      values ($1, $2, $2, 'customer', 5)`, [ids.delivery, ids.reviewee]), "42501");
    t.is(await attempt(actor(), "update app_public.reviews set overall_rating = 1 where id = $1", [ids.review]), "42501");
    t.is(await attempt(actor(), "delete from app_public.reviews where id = $1", [ids.review]), "42501");
  });
  test(`review_reports as ${name}: select ${reportsSeen[name]}; insert, update and delete refused`, async (t) => {
    t.is(await attempt(actor(), "select id from app_public.review_reports where id = $1", [ids.report]), reportsSeen[name]);
    t.is(await attempt(actor(), "insert into app_public.review_reports (review_id, reporter_id, reason) values ($1, $2, 'spam')",
      [ids.review, ids.stranger]), "42501");
    t.is(await attempt(actor(), "update app_public.review_reports set status = 'dismissed' where id = $1", [ids.report]), "42501");
    t.is(await attempt(actor(), "delete from app_public.review_reports where id = $1", [ids.report]), "42501");
  });
}

test("the functions are the only writers, and visitors cannot call them", async (t) => {
  for (const sql of ["select app_public.submit_review($1, 5)", "select app_public.update_review($1, 5)",
    "select app_public.respond_to_review($1, 'Hi')", "select app_public.report_review($1, 'spam')",
    "select app_public.moderate_review($1, 'approved')", "select * from app_public.user_reviews($1)"]) {
    t.is(await sqlstate(actAs(db, anonymous, (c) => c.query(sql, [ids.review]))), "42501", sql);
  }
  t.is(await sqlstate(actAs(db, user(ids.stranger), (c) => c.query("select app_public.moderate_review($1, 'rejected')", [ids.review]))), "DNIED");
  t.is(await sqlstate(actAs(db, user(ids.author), (c) => c.query("select app_public.report_review($1, 'spam')", [ids.review]))), "DNIED");
  t.is(await sqlstate(actAs(db, user(ids.reporter), (c) => c.query("select app_public.report_review($1, 'spam')", [ids.review]))), "BADST");
  // The public read hides the anonymous author from the stranger, not from the author or the moderator.
  const authorOf = (who: string) => actAs(db, user(who), async (c) =>
    (await c.query("select reviewer_id from app_public.user_reviews($1)", [ids.reviewee])).rows.map((r) => r.reviewer_id));
  // Blind reveal: the traveler has not reviewed; reveal the review by age for this check.
  await setTimesAgo(db, "app_public.reviews", ids.review, { created_at: "15 days" });
  t.deepEqual(await authorOf(ids.stranger), [null]);
  t.deepEqual(await authorOf(ids.author), [ids.author]);
  t.deepEqual(await authorOf(ids.moderator), [ids.author]);
  t.deepEqual(await authorOf(ids.reviewee), [null]);
});
