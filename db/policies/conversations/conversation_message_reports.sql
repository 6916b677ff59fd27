-- Reports of messages: the reporter and moderators (content.moderate). Made with reportMessage, handled with
-- moderateMessage.
drop policy if exists select_visible on app_public.conversation_message_reports;
create policy select_visible on app_public.conversation_message_reports for select to app_user
  using (reporter_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('content.moderate'))
                        and (select app_hidden.permitted_ids_to('content.moderate'))
             and length(id::text) = 36));

revoke all on app_public.conversation_message_reports from app_anonymous, app_user;
grant select on app_public.conversation_message_reports to app_user;
