// Subscription.deliveryTrackingEvents(deliveryId): a delivery's live location and status, over websockets
// (server/websocket.ts admits the socket exactly like an HTTP request). SQL announces each stored batch of points and
// each status change with NOTIFY on the delivery's channel, tracking:<delivery id>, keys only
// (db/functions/tracking/record_locations.sql, geofence_rules.sql). The channel is handed out by
// app_hidden.tracking_subscription_channel under the subscriber's own settings, which applies the same checks as
// reading the points (NTFND for a delivery the subscriber may not see, EXPRD after the customer's window); each
// event's point is read back through app_public.current_location as the subscriber, so the traveler's privacy level
// applies to pushed points exactly as to queried ones, and the delivery under its row level security.
import type { PgSelectSingleStep } from "postgraphile/@dataplan/pg";
import { loadOneWithPgClient } from "postgraphile/@dataplan/pg";
import { context, type ExecutableStep, type FieldArgs, lambda, listen } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";

interface TrackingEvent {
  kind: "location" | "status";
  delivery_id: string;
}

export const DeliveryTrackingEventsPlugin = extendSchema((build) => {
  const { deliveries, current_location: currentLocation } = build.input.pgRegistry.pgResources;
  const { executor } = deliveries!;
  const uuidCodec = currentLocation!.parameters![0]!.codec;
  return {
    typeDefs: gql`
      """
      What changed on a followed delivery.
      """
      enum DeliveryTrackingEventKind {
        """
        The traveler sent new points.
        """
        LOCATION
        """
        The delivery's status changed.
        """
        STATUS
      }
      """
      One change of a followed delivery, with its latest point as the subscriber may see it.
      """
      type DeliveryTrackingEvent {
        kind: DeliveryTrackingEventKind!
        deliveryId: UUID!
        """
        The latest point, as precise as the subscriber may see it (as currentLocation).
        """
        location: TrackedPoint
        """
        The delivery as it is now.
        """
        delivery: Delivery
      }
      extend type Subscription {
        """
        A delivery's live location and status, for its parties (while live and 24 h after, at the traveler's privacy
        level) and admins with deliveries.read. Over websockets at /graphql (graphql-transport-ws), the bearer token in
        the connection_init payload. Errors: LOGIN, NTFND, EXPRD.
        """
        deliveryTrackingEvents(deliveryId: UUID!): DeliveryTrackingEvent
      }
    `,
    plans: {
      Subscription: {
        deliveryTrackingEvents: {
          subscribePlan(_$root: ExecutableStep, fieldArgs: FieldArgs) {
            const $deliveryId = fieldArgs.getRaw("deliveryId") as ExecutableStep<string>;
            const $topic = loadOneWithPgClient(executor, $deliveryId, async (client, ids) => {
              const topics: string[] = [];
              for (const id of ids) {
                const { rows } = await client.query<{ channel: string }>({
                  text: "select app_hidden.tracking_subscription_channel($1) as channel",
                  values: [id],
                });
                topics.push(rows[0]!.channel);
              }
              return topics;
            });
            const $pgSubscriber = context().get("pgSubscriber");
            return listen($pgSubscriber as never, $topic, ($payload) =>
              lambda($payload, (text) => JSON.parse(String(text)) as TrackingEvent)
            );
          },
          plan($event: ExecutableStep) {
            return $event;
          },
        },
      },
      DeliveryTrackingEvent: {
        kind($event: ExecutableStep<TrackingEvent>) {
          return lambda($event, (e) => e.kind.toUpperCase());
        },
        deliveryId($event: ExecutableStep<TrackingEvent>) {
          return lambda($event, (e) => e.delivery_id);
        },
        location($event: ExecutableStep<TrackingEvent>) {
          return currentLocation!.execute([{ step: lambda($event, (e) => e.delivery_id), pgCodec: uuidCodec }]);
        },
        delivery($event: ExecutableStep<TrackingEvent>): PgSelectSingleStep {
          return deliveries!.get({ id: lambda($event, (e) => e.delivery_id) });
        },
      },
    },
  };
});
