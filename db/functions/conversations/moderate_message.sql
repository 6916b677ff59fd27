-- A moderator (content.moderate) hides a message — its text leaves the parties' view (the original stays for
-- moderators) and its pending reports are resolved — or leaves it (hide false): the pending reports are dismissed.
create or replace function app_public.moderate_message(message_id uuid, hide boolean)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_private.require_admin('content.moderate', 'moderate messages');
  v_message app_public.conversation_messages;
  v_was_hidden boolean;
begin
  select * into v_message from app_public.conversation_messages m where m.id = moderate_message.message_id for update;
  if v_message.id is null then
    raise exception 'Message not found' using errcode = 'NTFND';
  end if;
  v_was_hidden := v_message.hidden_at is not null;
  if moderate_message.hide and v_message.hidden_at is null then
    if v_message.body is not null then
      insert into app_private.conversation_message_originals (message_id, body) values (v_message.id, v_message.body)
      on conflict on constraint conversation_message_originals_pkey do nothing;
    end if;
    update app_public.conversation_messages m
       set body = null, attachment_id = null, hidden_at = now(), hidden_by = v_user_id
     where m.id = v_message.id
    returning * into v_message;
  end if;
  update app_public.conversation_message_reports r
     set status = case when moderate_message.hide then 'resolved' else 'dismissed' end::app_public.report_status,
         handled_by = v_user_id, handled_at = now()
   where r.message_id = v_message.id and r.status = 'pending';
  perform app_hidden.log_admin_action('moderate_message', 'conversation_message', v_message.id::text, 'medium',
    jsonb_build_object('hidden', v_was_hidden), jsonb_build_object('hidden', v_message.hidden_at is not null));
  return v_message;
end;
$$;
comment on function app_public.moderate_message(uuid, boolean) is E'@resultFieldName conversationMessage\nModerators (content.moderate, two-factor session): hide a message (hide true; its reports are resolved) or keep it (its reports are dismissed). Errors: LOGIN, DNIED, NTFND.';
grant execute on function app_public.moderate_message(uuid, boolean) to app_user;
