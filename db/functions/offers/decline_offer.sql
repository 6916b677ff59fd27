-- Declining a thread: the customer at any time, the traveler a customer's proposal.
create or replace function app_public.decline_offer(
  offer_id uuid,
  reason app_public.offer_decline_reason,
  note text default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('decline offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(decline_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if decline_offer.reason is null
     or decline_offer.reason in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked') then
    raise exception 'Give a reason for declining (the platform''s own reasons are not available)' using errcode = 'INVAL';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  -- The customer may decline at any time; the traveler declines only a customer's proposal (else: withdraw).
  if v_party = 'traveler' and v_offer.awaiting_party <> 'traveler' then
    raise exception 'Withdraw your own offer instead of declining it' using errcode = 'DNIED';
  end if;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = decline_offer.reason, closing_note = nullif(trim(decline_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;
comment on function app_public.decline_offer(uuid, app_public.offer_decline_reason, text) is
  E'@resultFieldName deliveryOffer\nEnds an offer thread: the customer at any time, the traveler when answering the customer''s proposal. Errors: LOGIN, NTFND, DNIED (traveler on their own proposal: withdraw instead), BADST (not pending), INVAL (no reason, or a platform reason).';
grant execute on function app_public.decline_offer(uuid, app_public.offer_decline_reason, text) to app_user;
