-- The other party of a conversation reports a message for moderators (content.moderate), once (EXIST).
create or replace function app_public.report_message(message_id uuid, reason app_public.report_reason,
                                                     note text default null)
returns app_public.conversation_message_reports
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('report messages');
  v_message app_public.conversation_messages;
  v_report app_public.conversation_message_reports;
begin
  select * into v_message from app_public.conversation_messages m where m.id = report_message.message_id;
  if v_message.id is null then
    raise exception 'Message not found' using errcode = 'NTFND';
  end if;
  perform app_hidden.conversation_of_party(v_message.conversation_id, v_user_id);
  if v_message.author_id = v_user_id then
    raise exception 'You cannot report your own message' using errcode = 'DNIED';
  end if;
  insert into app_public.conversation_message_reports (message_id, reporter_id, reason, note)
  values (v_message.id, v_user_id, report_message.reason, report_message.note)
  returning * into v_report;
  return v_report;
end;
$$;
comment on function app_public.report_message(uuid, app_public.report_reason, text) is E'@resultFieldName conversationMessageReport\nReports a message of the other party to the moderators. Errors: LOGIN, NTFND (not in your conversations), DNIED (your own message), EXIST (already reported), INVAL.';
grant execute on function app_public.report_message(uuid, app_public.report_reason, text) to app_user;
