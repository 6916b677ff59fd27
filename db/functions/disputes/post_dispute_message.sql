-- Posts a message the parties of a dispute read (docs/disputes.md, Messages): by a party, or an admin with
-- disputes.write (a staff message). It goes into the dispute's conversation through
-- app_hidden.post_dispute_party_message, where the status follows the exchange (app_hidden.dispute_message_posted).
-- Internal notes are addDisputeNote's.
create or replace function app_public.post_dispute_message(dispute_id uuid, body text)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('post dispute messages');
  v_dispute app_public.disputes := app_private.lock_dispute_for(post_dispute_message.dispute_id, v_user_id, 'disputes.write');
  v_message app_public.conversation_messages;
begin
  if v_dispute.status = 'closed' then
    raise exception 'This dispute is closed' using errcode = 'BADST';
  end if;
  v_message := app_hidden.post_dispute_party_message(v_dispute.id, v_user_id, post_dispute_message.body);
  -- A staff message is an admin act (low: it moves no money and the parties read it anyway).
  if v_user_id not in (v_dispute.complainant_id, v_dispute.respondent_id) then
    perform app_hidden.log_admin_action('post_dispute_message', 'dispute', v_dispute.id::text, 'low', null,
      jsonb_build_object('message_id', v_message.id));
  end if;
  return v_message;
end;
$$;
comment on function app_public.post_dispute_message(uuid, text) is
  E'@resultFieldName conversationMessage\nPosts a message in the conversation of a dispute you take part in, or as an admin with disputes.write (marked as staff). An admin''s message to the parties awaits their response; a party''s answer puts the dispute back under review. Errors: LOGIN, SUSPD, NTFND, DNIED, BADST (closed), LIMIT, INVAL.';
grant execute on function app_public.post_dispute_message(uuid, text) to app_user;
