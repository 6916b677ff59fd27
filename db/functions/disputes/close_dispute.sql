-- Closing a resolved dispute (docs/disputes.md, Handling): an admin with disputes.write. A closed dispute takes no
-- more messages; a party may still appeal within disputes.appeal_days of the resolution.
create or replace function app_public.close_dispute(dispute_id uuid)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('disputes.write', 'close disputes');
  v_dispute app_public.disputes;
begin
  update app_public.disputes s set status = 'closed', closed_at = now()
   where s.id = close_dispute.dispute_id and s.status = 'resolved'
  returning * into v_dispute;
  if v_dispute.id is null then
    select * into v_dispute from app_public.disputes s where s.id = close_dispute.dispute_id;
    if v_dispute.id is null then
      raise exception 'Dispute not found' using errcode = 'NTFND';
    end if;
    raise exception 'Only a resolved dispute can be closed (this one is %)', v_dispute.status using errcode = 'BADST';
  end if;
  perform app_hidden.log_admin_action('close_dispute', 'dispute', v_dispute.id::text, 'medium',
    jsonb_build_object('status', 'resolved'), jsonb_build_object('status', v_dispute.status));
  return v_dispute;
end;
$$;
comment on function app_public.close_dispute(uuid) is
  E'@resultFieldName dispute\nCloses a resolved dispute. Needs disputes.write in a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (not resolved).';
grant execute on function app_public.close_dispute(uuid) to app_user;
