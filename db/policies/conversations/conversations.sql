-- Conversations (docs/conversations.md): their two parties, and moderators (content.moderate) and dispute handlers
-- (disputes.read). Writes only through the conversation functions. One policy whose every arm is an index condition
-- (db/README.md, Policies).
drop policy if exists select_visible on app_public.conversations;
create policy select_visible on app_public.conversations for select to app_user
  using (customer_id = (select app_public.current_user_id())
         or traveler_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('content.moderate', 'disputes.read'))
                        and (select app_hidden.permitted_ids_to('content.moderate', 'disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.conversations from app_anonymous, app_user;
grant select on app_public.conversations to app_user;
