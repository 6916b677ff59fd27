-- An admin releases an escrow to the traveler now (docs/payments.md, Admin money operations), whatever the hold or the
-- review flag: with finance.release in a two-factor session, for an escrow holding something (held, or what a partial
-- refund left), to an active payout account (BADST otherwise). payments__release_manual makes the transfer
-- (transfer:<escrow>, as the automatic release would) and records it with the condition manual_release; audited.
create or replace function app_public.admin_release_escrow(delivery_id uuid, reason text)
returns app_public.escrow_accounts
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_money_admin('finance.release', 'release escrows');
  v_escrow app_public.escrow_accounts;
begin
  select * into v_escrow from app_public.escrow_accounts e where e.delivery_id = admin_release_escrow.delivery_id for update;
  if v_escrow.id is null then
    raise exception 'Delivery % has no escrow', admin_release_escrow.delivery_id using errcode = 'NTFND';
  end if;
  if admin_release_escrow.reason is null or length(admin_release_escrow.reason) not between 1 and 1000 then
    raise exception 'reason must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  if app_private.escrow_to_release_manually(v_escrow.id) is null then
    raise exception 'This escrow cannot be released now (escrow %, or the traveler has no active payout account)', v_escrow.status
      using errcode = 'BADST';
  end if;
  perform graphile_worker.add_job('payments__release_manual', json_build_object('id', v_escrow.id),
    job_key := 'payments__release_manual:' || v_escrow.id, max_attempts := 25);
  perform app_private.audit_money_action(v_admin, 'release_escrow', v_escrow.delivery_id,
    v_escrow.amount - v_escrow.released_amount - v_escrow.refunded_amount, v_escrow.currency, admin_release_escrow.reason,
    jsonb_build_object('escrow_id', v_escrow.id, 'status', v_escrow.status, 'review_required', v_escrow.review_required));
  return v_escrow;
end;
$$;
comment on function app_public.admin_release_escrow(uuid, text) is E'@resultFieldName escrowAccount\nReleases a delivery''s escrow to the traveler now (the transfer follows in a moment), whatever its hold or review flag. Needs finance.release and a two-factor session; audited with the reason. Errors: LOGIN, DNIED, NTFND (no escrow), BADST (nothing held, or no active payout account), INVAL (reason).';
grant execute on function app_public.admin_release_escrow(uuid, text) to app_user;
