-- Messages of a dispute (docs/disputes.md, Messages). A party posts party-visible messages; an admin with
-- disputes.write posts either kind, an internal note (is_internal: admins only) or a message the parties read. Every
-- party-visible message goes through app_hidden.post_dispute_party_message. The status follows the exchange: an
-- admin's message to the parties makes an open or reviewed dispute awaiting_response, a party's answer puts an
-- awaiting dispute back under_review; an admin's first message is the first response.
create or replace function app_public.post_dispute_message(dispute_id uuid, body text, is_internal boolean default false)
returns app_public.dispute_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('post dispute messages');
  v_dispute app_public.disputes := app_private.lock_dispute_for(post_dispute_message.dispute_id, v_user_id, 'disputes.write');
  v_is_admin boolean := v_user_id not in (v_dispute.complainant_id, v_dispute.respondent_id);
  v_message app_public.dispute_messages;
begin
  if v_dispute.status = 'closed' then
    raise exception 'This dispute is closed' using errcode = 'BADST';
  end if;
  if coalesce(post_dispute_message.is_internal, false) then
    if not v_is_admin then
      raise exception 'Only admins may write internal notes' using errcode = 'DNIED';
    end if;
    insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal)
    values (v_dispute.id, v_user_id, nullif(trim(post_dispute_message.body), ''), true)
    returning * into v_message;
    perform app_hidden.log_admin_action('post_dispute_message', 'dispute', v_dispute.id::text, 'low', null,
      jsonb_build_object('message_id', v_message.id, 'is_internal', true));
    return v_message;
  end if;
  v_message := app_hidden.post_dispute_party_message(v_dispute.id, v_user_id, post_dispute_message.body);
  if v_is_admin then
    update app_public.disputes s
       set status = case when s.status in ('open', 'under_review') then 'awaiting_response' else s.status end,
           first_response_at = coalesce(s.first_response_at, now())
     where s.id = v_dispute.id;
    perform app_hidden.log_admin_action('post_dispute_message', 'dispute', v_dispute.id::text, 'low', null,
      jsonb_build_object('message_id', v_message.id, 'is_internal', false));
  elsif v_dispute.status = 'awaiting_response' then
    update app_public.disputes s set status = 'under_review' where s.id = v_dispute.id;
  end if;
  return v_message;
end;
$$;
comment on function app_public.post_dispute_message(uuid, text, boolean) is
  E'@resultFieldName disputeMessage\nPosts a message on a dispute you take part in, or as an admin with disputes.write (isInternal: a note only admins read). An admin''s message to the parties awaits their response; a party''s answer puts the dispute back under review. Errors: LOGIN, SUSPD, NTFND, DNIED (internal notes are for admins), BADST (closed), INVAL.';
grant execute on function app_public.post_dispute_message(uuid, text, boolean) to app_user;
