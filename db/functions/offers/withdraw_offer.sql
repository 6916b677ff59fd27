-- The traveler withdraws their thread.
create or replace function app_public.withdraw_offer(
  offer_id uuid,
  reason app_public.offer_withdraw_reason,
  note text default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('withdraw offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(withdraw_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if withdraw_offer.reason is null then
    raise exception 'Give a reason for withdrawing' using errcode = 'INVAL';
  end if;
  if v_party <> 'traveler' then
    raise exception 'Only the traveler withdraws an offer; customers decline it' using errcode = 'DNIED';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  update app_public.delivery_offers o
     set status = 'withdrawn', withdraw_reason = withdraw_offer.reason, closing_note = nullif(trim(withdraw_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;
comment on function app_public.withdraw_offer(uuid, app_public.offer_withdraw_reason, text) is
  E'@resultFieldName deliveryOffer\nThe traveler takes back a live offer. Errors: LOGIN, NTFND, DNIED (customers decline instead), BADST (not pending), INVAL (no reason).';
grant execute on function app_public.withdraw_offer(uuid, app_public.offer_withdraw_reason, text) to app_user;
