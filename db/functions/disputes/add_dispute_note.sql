-- An internal note on a dispute (docs/disputes.md, Messages): admins with disputes.write write them, admins with
-- disputes.read read them; the parties never see them (they stay in dispute_messages, never in the conversation).
create or replace function app_public.add_dispute_note(dispute_id uuid, body text)
returns app_public.dispute_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('write dispute notes');
  v_dispute app_public.disputes := app_private.lock_dispute_for(add_dispute_note.dispute_id, v_user_id, 'disputes.write');
  v_message app_public.dispute_messages;
begin
  if v_user_id in (v_dispute.complainant_id, v_dispute.respondent_id) then
    raise exception 'Only admins may write internal notes' using errcode = 'DNIED';
  end if;
  if v_dispute.status = 'closed' then
    raise exception 'This dispute is closed' using errcode = 'BADST';
  end if;
  insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal)
  values (v_dispute.id, v_user_id, nullif(trim(add_dispute_note.body), ''), true)
  returning * into v_message;
  perform app_hidden.log_admin_action('add_dispute_note', 'dispute', v_dispute.id::text, 'low', null,
    jsonb_build_object('message_id', v_message.id));
  return v_message;
end;
$$;
comment on function app_public.add_dispute_note(uuid, text) is
  E'@resultFieldName disputeMessage\nWrites an internal note on a dispute, read by admins with disputes.read only. Errors: LOGIN, SUSPD, NTFND, DNIED (not an admin with disputes.write), BADST (closed), INVAL.';
grant execute on function app_public.add_dispute_note(uuid, text) to app_user;
