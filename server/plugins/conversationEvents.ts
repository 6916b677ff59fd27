// Subscription.myConversationEvents: what happens in the signed-in user's conversations, live, over websockets
// (server/websocket.ts admits the socket exactly as for myNotificationEvents). SQL announces each message sent,
// edited, deleted or hidden, and each moved read position, with NOTIFY on both parties' own channels,
// conversations:<user id>, keys only (db/functions/conversations/conversation_events.sql). The channel comes from
// app_public.current_user_id() under the subscriber's own settings, so nobody can name another user's; the message
// and the conversation are read back under row level security, as the subscriber.
import { loadOneWithPgClient } from "postgraphile/@dataplan/pg";
import { constant, context, type ExecutableStep, lambda, listen } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { AuthError } from "../auth.ts";

/** The channel (at most 63 bytes) of a user's conversation events; the SQL names it the same way. */
export const conversationTopic = (userId: string) => `conversations:${userId}`;

interface ConversationEvent {
  event: "created" | "edited" | "deleted" | "hidden" | "read";
  conversation_id: string;
  message_id: string | null;
  user_id: string;
}

export const ConversationEventsPlugin = extendSchema((build) => {
  const { conversations, conversation_messages: messages } = build.input.pgRegistry.pgResources;
  const { executor } = conversations!;
  return {
    typeDefs: gql`
      """
      What happened in one of the signed-in user's conversations.
      """
      enum ConversationEventKind {
        """
        A message was sent.
        """
        MESSAGE_CREATED
        """
        A message was edited by its author.
        """
        MESSAGE_EDITED
        """
        A message was deleted by its author (it stays as a tombstone).
        """
        MESSAGE_DELETED
        """
        A message was hidden by a moderator.
        """
        MESSAGE_HIDDEN
        """
        A participant's read position moved (a read receipt): userId read everything sent up to readAt.
        """
        READ
      }
      """
      One change in one of the signed-in user's conversations.
      """
      type ConversationEvent {
        kind: ConversationEventKind!
        conversationId: UUID!
        """
        The conversation as it is now (its unreadCount and latestMessage included).
        """
        conversation: Conversation
        """
        The message concerned (null for READ).
        """
        messageId: UUID
        """
        The message as it is now (null for READ).
        """
        message: ConversationMessage
        """
        Who acted: the message's author, or the participant who read.
        """
        userId: UUID!
      }
      extend type Subscription {
        """
        The signed-in user's conversations, live: an event when a message is sent, edited, deleted or hidden, and when
        a participant reads (read receipts). Over websockets at /graphql (graphql-transport-ws), the bearer token in
        the connection_init payload as {"authorization": "Bearer <token>"}.
        """
        myConversationEvents: ConversationEvent
      }
    `,
    plans: {
      Subscription: {
        myConversationEvents: {
          subscribePlan() {
            const $userId = loadOneWithPgClient(executor, constant(true), async (client, lookups) => {
              const { rows } = await client.query<{ id: string | null }>({
                text: "select app_public.current_user_id() as id",
              });
              return lookups.map(() => rows[0]?.id ?? null);
            });
            const $topic = lambda($userId, (userId) => {
              if (!userId) throw new AuthError("Sign in to subscribe", "LOGIN");
              return conversationTopic(userId);
            });
            const $pgSubscriber = context().get("pgSubscriber");
            return listen($pgSubscriber as never, $topic, ($payload) =>
              lambda($payload, (text) => JSON.parse(String(text)) as ConversationEvent)
            );
          },
          plan($event: ExecutableStep) {
            return $event;
          },
        },
      },
      ConversationEvent: {
        kind($event: ExecutableStep<ConversationEvent>) {
          return lambda($event, (e) => (e.event === "read" ? "READ" : `MESSAGE_${e.event.toUpperCase()}`));
        },
        conversationId($event: ExecutableStep<ConversationEvent>) {
          return lambda($event, (e) => e.conversation_id);
        },
        conversation($event: ExecutableStep<ConversationEvent>) {
          return conversations!.get({ id: lambda($event, (e) => e.conversation_id) });
        },
        messageId($event: ExecutableStep<ConversationEvent>) {
          return lambda($event, (e) => e.message_id);
        },
        message($event: ExecutableStep<ConversationEvent>) {
          return messages!.get({ id: lambda($event, (e) => e.message_id) });
        },
        userId($event: ExecutableStep<ConversationEvent>) {
          return lambda($event, (e) => e.user_id);
        },
      },
    },
  };
});
