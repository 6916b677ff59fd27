// Reviews (docs/reviews.md): both parties of a delivered delivery review each other over GraphQL, the
// reviewee's rating statistics follow in the same transaction, every refusal has its code, reports hide a review
// until moderation, anonymity hides the author from others; plus the delivery_analytics and route_popularity views.
import test from "ava";
import type pg from "pg";
import { actAs, anonymous, createMember, createSignedInMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { createAcceptedDelivery, createDeliveredDelivery, createRequest } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);
let moderator: string;
let moderatorToken: string;
// Serial, like useTestServer's hook: it runs after the database exists.
test.serial.before(async () => {
  moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  moderatorToken = await tokenFor(db, moderator);
});

const REVIEW = "rowId reviewerId revieweeId reviewerRole overallRating careRating comment isAnonymous isVerified status moderationStatus response";
const SUBMIT = `mutation ($d: UUID!, $r: Int!, $care: Int, $comment: String, $anon: Boolean) {
  submitReview(input: { deliveryId: $d, overallRating: $r, careRating: $care, comment: $comment, isAnonymous: $anon }) {
    review { ${REVIEW} } } }`;
const UPDATE = `mutation ($id: UUID!, $r: Int) { updateReview(input: { reviewId: $id, overallRating: $r }) { review { ${REVIEW} editedAt } } }`;
const RESPOND = `mutation ($id: UUID!, $text: String!) { respondToReview(input: { reviewId: $id, response: $text }) { review { ${REVIEW} } } }`;
const REPORT = `mutation ($id: UUID!) { reportReview(input: { reviewId: $id, reason: spam, details: "Advertising" }) {
  reviewReport { rowId status reason } } }`;
const MODERATE = `mutation ($id: UUID!, $d: ModerationStatus!) { moderateReview(input: { reviewId: $id, decision: $d, note: "Checked" }) {
  review { ${REVIEW} moderatedBy } } }`;
const PUBLIC = `query ($u: UUID!) { userReviews(userId: $u) { nodes { rowId reviewerId reviewerName reviewerRole overallRating comment isAnonymous } } }`;

const submit = (token: string, deliveryId: string, rating: number, extra: Record<string, unknown> = {}) =>
  server.gql(SUBMIT, { token, variables: { d: deliveryId, r: rating, ...extra } });
const stats = (userId: string) => asRoot(db, async (c) => (await c.query<{ average_rating: string | null; total_ratings: number }>(
  "select average_rating, total_ratings from app_public.user_statistics where user_id = $1", [userId])).rows[0]);

test("both parties review each other over GraphQL; the reviewee is the other party; statistics follow", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const byCustomer = await submit(d.customerToken, d.id, 5, { care: 4, comment: "  Careful and on time  " });
  t.is(byCustomer.errors, undefined);
  t.like(byCustomer.data?.submitReview.review, {
    reviewerId: d.customer, revieweeId: d.traveler, reviewerRole: "customer", overallRating: 5, careRating: 4,
    comment: "Careful and on time", isAnonymous: false, isVerified: true, status: "active", moderationStatus: "approved",
  });
  t.deepEqual(await stats(d.traveler), { average_rating: "5.00", total_ratings: 1 });
  t.deepEqual(await stats(d.customer), { average_rating: null, total_ratings: 0 });

  const byTraveler = await submit(d.travelerToken, d.id, 4);
  t.like(byTraveler.data?.submitReview.review, { reviewerId: d.traveler, revieweeId: d.customer, reviewerRole: "traveler" });
  t.deepEqual(await stats(d.customer), { average_rating: "4.00", total_ratings: 1 });

  // Further ratings of the same traveler (inserted as root: the path is tested above): two decimals.
  const other = await createDeliveredDelivery(db, server);
  const rate = (reviewer: string, rating: number) => asRoot(db, (c) => c.query(
    `insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating)
     values ($1, $2, $3, 'customer', $4)`, [other.id, reviewer, d.traveler, rating]));
  await rate(other.customer, 2);
  t.deepEqual(await stats(d.traveler), { average_rating: "3.50", total_ratings: 2 });
  await rate(await createMember(db, "customer"), 4);
  t.deepEqual(await stats(d.traveler), { average_rating: "3.67", total_ratings: 3 });

  // The author edits within 24 hours; the average follows.
  const edited = await server.gql(UPDATE, { token: d.customerToken,
    variables: { id: byCustomer.data!.submitReview.review.rowId, r: 3 } });
  t.is(edited.errors, undefined);
  t.truthy(edited.data?.updateReview.review.editedAt);
  t.deepEqual(await stats(d.traveler), { average_rating: "3.00", total_ratings: 3 });
});

test("statistics are updated in the transaction that writes the review (visible before commit, gone on rollback)", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const inside = await actAs(db, user(d.customer), async (c) => {
    await c.query("select id from app_public.submit_review($1, 4)", [d.id]);
    await c.query("reset role");
    return (await c.query("select average_rating, total_ratings from app_public.user_statistics where user_id = $1",
      [d.traveler])).rows[0];
  });
  t.deepEqual(inside, { average_rating: "4.00", total_ratings: 1 });
  t.deepEqual(await stats(d.traveler), { average_rating: null, total_ratings: 0 }, "rolled back with the review");
});

test("refusals: anonymous, non-party, not delivered, twice, self (CHECK), after the window, bad input", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const other = await createSignedInMember(db);
  t.truthy(errorCode(await server.gql(SUBMIT, { variables: { d: d.id, r: 5 } })), "visitors are refused over GraphQL");
  t.is(await sqlstate(actAs(db, anonymous, (c) => c.query("select app_public.submit_review($1, 5)", [d.id]))), "42501",
    "visitors have no grant");
  t.is(errorCode(await submit(other.token, d.id, 5)), "NTFND", "a stranger is no party");
  t.is(errorCode(await submit(d.customerToken, d.id, 6)), "INVAL", "ratings are 1–5");
  t.is(errorCode(await submit(d.customerToken, d.id, 5, { care: 0 })), "INVAL", "sub-ratings are 1–5");
  t.is(errorCode(await submit(d.customerToken, d.id, 5, { comment: "x".repeat(1001) })), "INVAL", "comments are at most 1000 characters");

  const live = await createAcceptedDelivery(db, server);
  t.is(errorCode(await submit(live.customerToken, live.id, 5)), "BADST", "not delivered yet");

  t.is(errorCode(await submit(d.customerToken, d.id, 5)), undefined);
  t.is(errorCode(await submit(d.customerToken, d.id, 4)), "BADST", "once per party");
  t.is(await sqlstate(asRoot(db, (c) => c.query(
    `insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating)
     values ($1, $2, $3, 'customer', 4)`, [d.id, d.customer, d.traveler]))), "23505", "uq(delivery, reviewer)");
  t.is(await sqlstate(asRoot(db, (c) => c.query(
    `insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating)
     values ($1, $2, $2, 'traveler', 5)`, [d.id, d.traveler]))), "23514", "never of oneself (CHECK)");

  await setTimesAgo(db, "app_public.deliveries", d.id, { delivered_at: "31 days" });
  t.is(errorCode(await submit(d.travelerToken, d.id, 5)), "EXPRD", "30 days after delivery");
  await setTimesAgo(db, "app_public.deliveries", d.id, { delivered_at: "29 days" });
  t.is(errorCode(await submit(d.travelerToken, d.id, 5)), undefined, "still within the window");
});

test("edits: only the author, only within 24 hours", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const review = (await submit(d.customerToken, d.id, 4)).data!.submitReview.review.rowId as string;
  t.is(errorCode(await server.gql(UPDATE, { token: d.travelerToken, variables: { id: review, r: 1 } })), "NTFND");
  t.is(errorCode(await server.gql(UPDATE, { token: d.customerToken, variables: { id: review, r: 9 } })), "INVAL");
  await setTimesAgo(db, "app_public.reviews", review, { created_at: "25 hours" });
  t.is(errorCode(await server.gql(UPDATE, { token: d.customerToken, variables: { id: review, r: 5 } })), "EXPRD");
  t.deepEqual(await stats(d.traveler), { average_rating: "4.00", total_ratings: 1 });
});

test("the reviewee answers once; nobody else may", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const review = (await submit(d.customerToken, d.id, 2)).data!.submitReview.review.rowId as string;
  t.is(errorCode(await server.gql(RESPOND, { token: d.customerToken, variables: { id: review, text: "Me again" } })), "DNIED");
  t.is(errorCode(await server.gql(RESPOND, { token: (await createSignedInMember(db)).token, variables: { id: review, text: "Hi" } })), "NTFND");
  t.is(errorCode(await server.gql(RESPOND, { token: d.travelerToken, variables: { id: review, text: "x".repeat(501) } })), "INVAL");
  const answer = await server.gql(RESPOND, { token: d.travelerToken, variables: { id: review, text: "The train was late, sorry." } });
  t.is(answer.data?.respondToReview.review.response, "The train was late, sorry.");
  t.is(errorCode(await server.gql(RESPOND, { token: d.travelerToken, variables: { id: review, text: "Again" } })), "BADST");
});

test("three reports hide a review and the statistics drop it; approval restores it, rejection removes it", async (t) => {
  const d = await createDeliveredDelivery(db, server);
  const review = (await submit(d.customerToken, d.id, 1, { comment: "Buy cheap watches at example.test" })).data!.submitReview.review.rowId as string;
  await submit(d.travelerToken, d.id, 5);
  t.deepEqual(await stats(d.traveler), { average_rating: "1.00", total_ratings: 1 });

  t.is(errorCode(await server.gql(REPORT, { token: d.customerToken, variables: { id: review } })), "DNIED", "not one's own review");
  const reporters = [d.travelerToken, (await createSignedInMember(db)).token, (await createSignedInMember(db)).token];
  const first = await server.gql(REPORT, { token: reporters[0]!, variables: { id: review } });
  t.like(first.data?.reportReview.reviewReport, { status: "pending", reason: "spam" });
  t.is(errorCode(await server.gql(REPORT, { token: reporters[0]!, variables: { id: review } })), "BADST", "once per reporter");
  await server.gql(REPORT, { token: reporters[1]!, variables: { id: review } });
  const status = () => asRoot(db, async (c) => (await c.query(
    "select status, moderation_status from app_public.reviews where id = $1", [review])).rows[0]);
  t.deepEqual(await status(), { status: "active", moderation_status: "approved" }, "two reports are not enough");
  await server.gql(REPORT, { token: reporters[2]!, variables: { id: review } });
  t.deepEqual(await status(), { status: "hidden", moderation_status: "pending" });
  t.deepEqual(await stats(d.traveler), { average_rating: null, total_ratings: 0 }, "a hidden review does not count");
  const outsider = await createSignedInMember(db);
  t.deepEqual((await server.gql(PUBLIC, { token: outsider.token, variables: { u: d.traveler } })).data?.userReviews.nodes, []);
  t.is(errorCode(await server.gql(REPORT, { token: outsider.token, variables: { id: review } })), "NTFND", "hidden reviews cannot be reported");

  // Moderation: only with content.moderate.
  t.is(errorCode(await server.gql(MODERATE, { token: outsider.token, variables: { id: review, d: "approved" } })), "DNIED");
  t.is(errorCode(await server.gql(MODERATE, { token: moderatorToken, variables: { id: review, d: "pending" } })), "INVAL");
  const approved = await server.gql(MODERATE, { token: moderatorToken, variables: { id: review, d: "approved" } });
  t.like(approved.data?.moderateReview.review, { status: "active", moderationStatus: "approved", moderatedBy: moderator });
  t.deepEqual(await stats(d.traveler), { average_rating: "1.00", total_ratings: 1 });
  const reports = () => asRoot(db, async (c) => (await c.query(
    "select status::text, count(*)::int as n from app_public.review_reports where review_id = $1 group by 1", [review])).rows);
  t.deepEqual(await reports(), [{ status: "dismissed", n: 3 }]);

  const rejected = await server.gql(MODERATE, { token: moderatorToken, variables: { id: review, d: "rejected" } });
  t.like(rejected.data?.moderateReview.review, { status: "deleted", moderationStatus: "rejected" });
  t.deepEqual(await stats(d.traveler), { average_rating: null, total_ratings: 0 });
  t.is(errorCode(await server.gql(UPDATE, { token: d.customerToken, variables: { id: review, r: 2 } })), "BADST", "a removed review stays removed");
});

test("anonymous reviews never show their author to other users; blind reveal waits for the other party", async (t) => {
  const d = await createDeliveredDelivery(db, server, { customer: { lastName: "User" }, traveler: { lastName: "User" } });
  const outsider = await createSignedInMember(db);
  const anon = await submit(d.customerToken, d.id, 4, { comment: "Fine", anon: true });
  t.is(anon.errors, undefined);
  const read = async (token: string) =>
    (await server.gql(PUBLIC, { token, variables: { u: d.traveler } })).data?.userReviews.nodes as Array<Record<string, unknown>>;
  t.deepEqual(await read(outsider.token), [], "hidden until the traveler reviews too (or 14 days pass)");
  await submit(d.travelerToken, d.id, 5);
  const seen = await read(outsider.token);
  t.is(seen.length, 1);
  t.like(seen[0], { reviewerId: null, reviewerName: null, reviewerRole: "customer", overallRating: 4, isAnonymous: true });
  t.like((await read(d.customerToken))[0], { reviewerId: d.customer, reviewerName: "Claire U." }, "the author sees their own name");
  t.like((await read(moderatorToken))[0], { reviewerId: d.customer }, "moderators see everything");
  // The table itself is closed to other users, so reviewer_id does not leak through it either.
  const direct = await server.gql(`query ($u: UUID!) { reviews(condition: { revieweeId: $u }) { nodes { reviewerId } } }`,
    { token: outsider.token, variables: { u: d.traveler } });
  t.deepEqual(direct.data?.reviews.nodes, []);
  // The traveler's named review of the customer shows its author.
  const named = (await server.gql(PUBLIC, { token: outsider.token, variables: { u: d.customer } })).data?.userReviews.nodes;
  t.like(named[0], { reviewerId: d.traveler, reviewerName: "Tom U.", isAnonymous: false });
  t.truthy(errorCode(await server.gql(PUBLIC, { variables: { u: d.customer } })), "visitors are refused");
  // After 14 days a review shows even without the other party's.
  const lone = await createDeliveredDelivery(db, server);
  await submit(lone.customerToken, lone.id, 3);
  t.deepEqual((await server.gql(PUBLIC, { token: outsider.token, variables: { u: lone.traveler } })).data?.userReviews.nodes, []);
  await asRoot(db, (c) => c.query("update app_public.reviews set created_at = now() - interval '15 days' where delivery_id = $1", [lone.id]));
  t.is((await server.gql(PUBLIC, { token: outsider.token, variables: { u: lone.traveler } })).data?.userReviews.nodes.length, 1);
});

test("delivery_analytics and route_popularity after a few deliveries", async (t) => {
  // GBP keeps these figures apart from the other tests' deliveries (EUR).
  const a = await createDeliveredDelivery(db, server, { currency: "GBP", price: 3000 });
  const b = await createDeliveredDelivery(db, server, { currency: "GBP", price: 5000 });
  const c = await createAcceptedDelivery(db, server, { currency: "GBP", price: 4000 });
  await server.gql(`mutation ($id: UUID!) { cancelDelivery(input: { deliveryId: $id, reason: found_alternative }) { delivery { status } } }`,
    { token: c.customerToken, variables: { id: c.id } });
  const lonely = await createMember(db, "customer");
  await createRequest(db, lonely, { currency: "GBP" });
  await submit(a.customerToken, a.id, 5);
  await submit(a.travelerToken, a.id, 4);
  await submit(b.customerToken, b.id, 3);
  // Fixed times on one past day, so the hour averages are exact.
  await asRoot(db, async (q: pg.Client) => {
    const set = (id: string, accepted: string, picked: string | null, delivered: string | null, cancelled: string | null) => q.query(
      `update app_public.deliveries set accepted_at = $2, picked_up_at = $3, delivered_at = coalesce($4, delivered_at),
         cancelled_at = coalesce($5, cancelled_at) where id = $1`, [id, accepted, picked, delivered, cancelled]);
    await set(a.id, "2026-01-10T08:00:00Z", "2026-01-10T10:00:00Z", "2026-01-10T15:00:00Z", null);
    await set(b.id, "2026-01-10T09:00:00Z", "2026-01-10T13:00:00Z", "2026-01-10T21:00:00Z", null);
    await set(c.id, "2026-01-10T11:00:00Z", null, null, "2026-01-10T12:00:00Z");
  });
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const adminToken = await tokenFor(db, admin);
  const analytics = await server.gql(`{ deliveryAnalytics(condition: { currency: "GBP", day: "2026-01-10" }) { nodes {
    acceptedCount deliveredCount cancelledCount averageFinalPrice revenue averageHoursToPickup averageHoursToDelivery } } }`,
  { token: adminToken });
  t.is(analytics.errors, undefined);
  t.deepEqual(analytics.data?.deliveryAnalytics.nodes, [{ acceptedCount: 3, deliveredCount: 2, cancelledCount: 1,
    averageFinalPrice: "4000", revenue: "800", averageHoursToPickup: "3.00", averageHoursToDelivery: "6.50" }]);
  // A party sees only the figures of their own deliveries (security_invoker).
  const mine = await server.gql(`{ deliveryAnalytics(condition: { currency: "GBP" }) { nodes { acceptedCount revenue } } }`,
    { token: a.customerToken });
  t.deepEqual(mine.data?.deliveryAnalytics.nodes, [{ acceptedCount: 1, revenue: "300" }]);

  const routes = await server.gql(`{ routePopularities(condition: { currency: "GBP" }) { nodes {
    pickupCity pickupCountry deliveryCity deliveryCountry requestCount completedDeliveries averageFinalPrice averageRating } } }`,
  { token: adminToken });
  t.is(routes.errors, undefined);
  t.deepEqual(routes.data?.routePopularities.nodes, [{ pickupCity: "Paris", pickupCountry: "FR", deliveryCity: "Berlin",
    deliveryCountry: "DE", requestCount: 4, completedDeliveries: 2, averageFinalPrice: "4000", averageRating: "4.00" }]);
  t.truthy(errorCode(await server.gql(`{ routePopularities { nodes { requestCount } } }`)), "visitors are refused");
});
