-- A dispute's messages: the parties read the party-visible ones, admins with disputes.read all of them, internal
-- notes included. Posted through postDisputeMessage only; never changed or removed.
drop policy if exists select_visible on app_public.dispute_messages;
create policy select_visible on app_public.dispute_messages for select to app_user
  using ((dispute_id = any (array(select app_hidden.current_party_dispute_ids())) and not is_internal)
         or (id between (select app_hidden.permitted_ids_from('disputes.read'))
                    and (select app_hidden.permitted_ids_to('disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.dispute_messages from app_anonymous, app_user;
grant select on app_public.dispute_messages to app_user;
