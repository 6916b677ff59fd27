// user_statistics.response_time_minutes (docs/offers.md, Response time): the mean, in whole minutes, of the time
// between an offer version awaiting the user and their answer to it (a counter-offer, an acceptance or a decline of
// their own), maintained by the answering transaction. Expiry, auto-accept, the platform's declines and a customer
// declining while the traveler's answer is awaited are not answers.
import test from "ava";
import { tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { createMember, createRequest, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;
async function gql(query: string, token: string, variables: Record<string, unknown>) {
  const res = await server.gql(query, { token, variables });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}
const SUBMIT = `mutation ($r: UUID!, $t: UUID!, $p: BigInt!) {
  submitOffer(input: { requestId: $r, tripId: $t, price: $p }) { deliveryOffer { rowId status } } }`;
const COUNTER = `mutation ($o: UUID!, $p: BigInt!) { counterOffer(input: { offerId: $o, price: $p }) { deliveryOffer { currentVersion } } }`;
const ACCEPT = `mutation ($o: UUID!, $v: Int!) { acceptOffer(input: { offerId: $o, version: $v }) { delivery { rowId } } }`;
const DECLINE = `mutation ($o: UUID!) { declineOffer(input: { offerId: $o, reason: price_too_high }) { deliveryOffer { status } } }`;

/** Moves a version's creation back in time (versions are append-only, so the owner's triggers are bypassed). */
const backdate = (offerId: string, version: number, minutes: number) => asRoot(db, async (c) => {
  await c.query("begin");
  await c.query("set local session_replication_role = replica");
  await c.query("update app_public.offer_versions set created_at = created_at - make_interval(mins => $3) where offer_id = $1 and version = $2",
    [offerId, version, minutes]);
  await c.query("commit");
});
const stats = (userId: string) => asRoot(db, async (c) => (await c.query(
  "select response_time_minutes as minutes, offer_answers as answers from app_public.user_statistics where user_id = $1", [userId])).rows[0]);

async function parties() {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  return { customer, traveler, customerToken: await tokenFor(db, customer), travelerToken: await tokenFor(db, traveler),
    trip: await createTrip(db, traveler) };
}

test("counters and an acceptance are answers: the mean of their minutes, rounded, kept by each answer", async (t) => {
  const p = await parties();
  const offer = (await gql(SUBMIT, p.travelerToken, { r: await createRequest(db, p.customer), t: p.trip, p: "4000" }))
    .submitOffer.deliveryOffer.rowId as string;
  t.like(await stats(p.customer), { minutes: null, answers: 0 }, "nothing answered yet");

  await backdate(offer, 1, 10);
  await gql(COUNTER, p.customerToken, { o: offer, p: "3000" });                       // the customer answers after 10 min
  t.like(await stats(p.customer), { minutes: 10, answers: 1 });
  await backdate(offer, 2, 30);
  await gql(COUNTER, p.travelerToken, { o: offer, p: "3500" });                       // the traveler after 30 min
  t.like(await stats(p.traveler), { minutes: 30, answers: 1 });
  await backdate(offer, 3, 21);
  await gql(ACCEPT, p.customerToken, { o: offer, v: 3 });                              // the customer after 21 min
  t.like(await stats(p.customer), { minutes: 16, answers: 2 }, "(10 + 21) / 2 = 15.5, rounded to 16");

  const profile = await gql(`query ($id: UUID!) { userProfile(rowId: $id) { responseTimeMinutes } }`, p.travelerToken, { id: p.customer });
  t.is(profile.userProfile.responseTimeMinutes, 16, "shown on the profile (statistics are shared by default)");
});

test("a decline of one's own turn is an answer; declining while the other side is awaited, auto-accept and refusals are not", async (t) => {
  const p = await parties();
  // The customer declines a traveler's offer awaiting them, after 40 minutes: an answer.
  const first = (await gql(SUBMIT, p.travelerToken, { r: await createRequest(db, p.customer), t: p.trip, p: "4000" }))
    .submitOffer.deliveryOffer.rowId as string;
  await backdate(first, 1, 40);
  await gql(DECLINE, p.customerToken, { o: first });
  t.like(await stats(p.customer), { minutes: 40, answers: 1 });

  // The customer counters (an answer, 0 minutes), then takes it back by declining while the traveler is awaited.
  const second = (await gql(SUBMIT, p.travelerToken, { r: await createRequest(db, p.customer), t: p.trip, p: "4000" }))
    .submitOffer.deliveryOffer.rowId as string;
  await gql(COUNTER, p.customerToken, { o: second, p: "3000" });
  await backdate(second, 2, 60);
  await gql(DECLINE, p.customerToken, { o: second });
  t.like(await stats(p.customer), { minutes: 20, answers: 2 }, "(40 + 0) / 2: the decline was not an answer to the traveler's turn");
  t.like(await stats(p.traveler), { minutes: null, answers: 0 }, "the traveler never answered");

  // An offer accepted automatically (at or under the request's autoAcceptPrice) is nobody's answer.
  const auto = await gql(SUBMIT, p.travelerToken, { r: await createRequest(db, p.customer, { autoAcceptPrice: 3000 }), t: p.trip, p: "2500" });
  t.is(auto.submitOffer.deliveryOffer.status, "accepted");
  // A refused answer changes nothing.
  const third = (await gql(SUBMIT, p.travelerToken, { r: await createRequest(db, p.customer), t: p.trip, p: "4000" }))
    .submitOffer.deliveryOffer.rowId as string;
  t.is(code(await server.gql(ACCEPT, { token: p.customerToken, variables: { o: third, v: 2 } })), "STALE");
  t.like(await stats(p.customer), { minutes: 20, answers: 2 });
  t.like(await stats(p.traveler), { minutes: null, answers: 0 });
});
