// paymentClientSecret(deliveryId): the customer's client secret of the delivery's PaymentIntent, for Stripe.js to
// confirm the card; nobody else's (DNIED for a visitor and the traveler, NTFND for a stranger), null while the
// PaymentIntent is being created, BADST once the payment is no longer open (captured, cancelled, delivery cancelled).
import test from "ava";
import { createMember, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { authorizePayment } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
const SECRET = `query ($d: UUID!) { paymentClientSecret(deliveryId: $d) }`;
const ask = (d: string, token?: string) => server.gql(SECRET, { token, variables: { d } });
const stored = async (d: string) => (await queryAsRoot(db, `select r.client_secret from app_private.stripe_refs r
  join app_public.payment_intents p on p.id = r.payment_intent_id where p.delivery_id = $1 and r.kind = 'payment_intent'`,
  [d]))[0]?.client_secret as string | undefined;

test("the customer gets the client secret; null before the PaymentIntent exists", async (t) => {
  const d = await createAcceptedDelivery(db, server, { payment: "none" });
  t.like(await ask(d.id, d.customerToken), { data: { paymentClientSecret: null } });
  await authorizePayment(db, d.id);
  const secret = await stored(d.id);
  t.regex(secret!, /^pi_\w+_secret_/);
  t.like(await ask(d.id, d.customerToken), { data: { paymentClientSecret: secret } });
});

test("refused: a visitor DNIED (the function is not granted to visitors), a stranger and an unknown delivery NTFND, the traveler DNIED", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const stranger = await tokenFor(db, await createMember(db, "both"));
  t.is(errorCode(await ask(d.id)), "DNIED");
  t.is(errorCode(await ask(d.id, stranger)), "NTFND");
  t.is(errorCode(await ask("00000000-0000-4000-8000-000000000000", d.customerToken)), "NTFND");
  t.is(errorCode(await ask(d.id, d.travelerToken)), "DNIED");
});

test("BADST once the payment is no longer open: captured, or the delivery cancelled", async (t) => {
  const captured = await createAcceptedDelivery(db, server);
  await queryAsRoot(db, `update app_public.payment_intents set status = 'succeeded', captured_amount = amount, captured_at = now()
    where delivery_id = $1`, [captured.id]);
  t.is(errorCode(await ask(captured.id, captured.customerToken)), "BADST");
  const cancelled = await createAcceptedDelivery(db, server);
  t.falsy((await server.gql(`mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) {
    delivery { status } } }`, { token: cancelled.customerToken, variables: { d: cancelled.id } })).errors);
  t.is(errorCode(await ask(cancelled.id, cancelled.customerToken)), "BADST");
});
