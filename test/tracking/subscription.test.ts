// Live tracking over websockets (server/plugins/deliveryTrackingEvents.ts) with a real graphql-ws client: the customer
// following a delivery receives the traveler's new point within a second, blurred to the traveler's level exactly as
// currentLocation; status changes arrive too; a user who is no party is refused (NTFND) and receives nothing.
import test from "ava";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { createMember, tokenFor } from "../helpers/actors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { useTestServer } from "../helpers/server.ts";
import { createTrackedDelivery, fixAt, recordLocations } from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

const SUBSCRIPTION = `subscription ($d: UUID!) { deliveryTrackingEvents(deliveryId: $d) {
  kind deliveryId location { latitude longitude accuracyM speedKmh precision } delivery { status } } }`;

interface Event {
  kind: string;
  deliveryId: string;
  location: { latitude: number; longitude: number; accuracyM: number; speedKmh: number | null; precision: string } | null;
  delivery: { status: string } | null;
}

const clients: Client[] = [];
test.afterEach.always(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

function connect(token: string): Client {
  const client = createClient({
    url: `${server.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
  clients.push(client);
  return client;
}

async function follow(client: Client, deliveryId: string) {
  const events: Event[] = [];
  const errors: Array<{ message: string; extensions?: { code?: string } }> = [];
  client.subscribe<{ deliveryTrackingEvents: Event }>({ query: SUBSCRIPTION, variables: { d: deliveryId } }, {
    next: (value) => {
      if (value.errors) errors.push(...(value.errors as typeof errors));
      if (value.data?.deliveryTrackingEvents) events.push(value.data.deliveryTrackingEvents);
    },
    error: (err) => errors.push(...(Array.isArray(err) ? err : [err as { message: string }])),
    complete: () => {},
  });
  // The LISTEN starts asynchronously once the operation is planned.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    events,
    errors,
    async waitFor(n: number, ms = 1000): Promise<Event[]> {
      const deadline = Date.now() + ms;
      while (events.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      if (events.length < n) throw new Error(`only ${events.length} of ${n} events after ${ms} ms`);
      return events.slice(0, n);
    },
  };
}

test.serial("the customer receives a new point within a second, at the traveler's privacy level; status changes too", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const customer = await follow(connect(d.customerToken), d.id);
  const stranger = await follow(connect(await tokenFor(db, await createMember(db, "traveler"))), d.id);

  const sent = Date.now();
  await recordLocations(server, d.travelerToken, d.id, [fixAt([2.3522, 48.8566], 5, { speedKmh: 30 })]);
  const [event] = await customer.waitFor(1, 1000);
  t.true(Date.now() - sent < 1500, "within a second of the commit");
  t.deepEqual(customer.errors, []);
  t.deepEqual(event, { kind: "LOCATION", deliveryId: d.id, delivery: { status: "accepted" },
    location: { latitude: 48.856899, longitude: 2.35179, accuracyM: 500, speedKmh: null, precision: "approximate" } });

  await gqlData(server, `mutation ($id: UUID!) { cancelDelivery(input: { deliveryId: $id, reason: found_alternative }) {
    delivery { status } } }`, { token: d.customerToken, variables: { id: d.id } });
  const [, status] = await customer.waitFor(2, 1000);
  t.like(status, { kind: "STATUS", delivery: { status: "cancelled" } });

  t.deepEqual(stranger.events, [], "nothing for a user who is no party");
  t.deepEqual(stranger.errors.map((e) => e.extensions?.code), ["NTFND"]);
});
