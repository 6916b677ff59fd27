// Subscription.myNotificationEvents: the signed-in user's in-app inbox, live, over websockets (server/websocket.ts
// admits the socket). SQL announces changes with NOTIFY on the user's own channel, notifications:<user id>, the row's key only
// (db/functions/notifications/notifications__events.sql); PostGraphile LISTENs through its pgSubscriber. The
// channel comes from app_public.current_user_id() under the subscriber's own settings, so nobody can name another
// user's; each event's row and the unread count are read back under row level security, as the subscriber.
import type { PgSelectSingleStep } from "postgraphile/@dataplan/pg";
import { loadOneWithPgClient } from "postgraphile/@dataplan/pg";
import { constant, context, type ExecutableStep, lambda, listen } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { AuthError } from "../auth.ts";

/** The channel (at most 63 bytes) of a user's inbox events; the trigger names it the same way. */
export const notificationTopic = (userId: string) => `notifications:${userId}`;

interface InboxEvent {
  event: "created" | "read" | "deleted";
  id: string;
  created_at: string;
}

export const NotificationEventsPlugin = extendSchema((build) => {
  const notifications = build.input.pgRegistry.pgResources.notifications!;
  const { executor } = notifications;
  return {
    typeDefs: gql`
      """
      What happened in the signed-in user's in-app inbox.
      """
      enum NotificationEventKind {
        """
        A new in-app notification arrived.
        """
        CREATED
        """
        A notification was marked read (here or on another device).
        """
        READ
        """
        A notification was deleted.
        """
        DELETED
      }
      """
      One change of the signed-in user's in-app inbox, with the unread count after it.
      """
      type NotificationEvent {
        kind: NotificationEventKind!
        """
        The notification concerned.
        """
        notificationId: UUID!
        """
        The notification as it is now (null once deleted).
        """
        notification: Notification
        """
        How many in-app notifications are unread now.
        """
        unreadNotificationCount: Int!
      }
      extend type Subscription {
        """
        The signed-in user's in-app inbox, live: an event when a notification arrives, is read or is deleted, with the
        unread count. Over websockets at /graphql (graphql-transport-ws), the bearer token in the connection_init
        payload as {"authorization": "Bearer <token>"}.
        """
        myNotificationEvents: NotificationEvent
      }
    `,
    plans: {
      Subscription: {
        myNotificationEvents: {
          subscribePlan() {
            const $userId = loadOneWithPgClient(executor, constant(true), async (client, lookups) => {
              const { rows } = await client.query<{ id: string | null }>({
                text: "select app_public.current_user_id() as id",
              });
              return lookups.map(() => rows[0]?.id ?? null);
            });
            const $topic = lambda($userId, (userId) => {
              if (!userId) throw new AuthError("Sign in to subscribe", "LOGIN");
              return notificationTopic(userId);
            });
            const $pgSubscriber = context().get("pgSubscriber");
            return listen($pgSubscriber as never, $topic, ($payload) =>
              lambda($payload, (text) => JSON.parse(String(text)) as InboxEvent)
            );
          },
          plan($event: ExecutableStep) {
            return $event;
          },
        },
      },
      NotificationEvent: {
        kind($event: ExecutableStep<InboxEvent>) {
          return lambda($event, (e) => e.event.toUpperCase());
        },
        notificationId($event: ExecutableStep<InboxEvent>) {
          return lambda($event, (e) => e.id);
        },
        notification($event: ExecutableStep<InboxEvent>): PgSelectSingleStep {
          // The whole key (the table is partitioned by created_at): one partition's index, one row.
          return notifications.get({
            id: lambda($event, (e) => e.id),
            created_at: lambda($event, (e) => e.created_at),
          });
        },
        unreadNotificationCount($event: ExecutableStep<InboxEvent>) {
          // One read per event (its id keeps events apart), as the subscriber.
          return loadOneWithPgClient(
            executor,
            lambda($event, (e) => e.id),
            async (client, ids) => {
              const { rows } = await client.query<{ count: number }>({
                text: "select app_public.unread_notification_count() as count",
              });
              return ids.map(() => rows[0]?.count ?? 0);
            }
          );
        },
      },
    },
  };
});
