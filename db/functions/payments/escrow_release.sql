-- Releasing escrows to travelers (docs/payments.md, Flow 5), every 10 minutes (payments__release). An escrow is
-- due when it is held, its delivery is delivered (not disputed, not cancelled), its hold has elapsed or the customer
-- confirmed receipt, no admin review is pending, and the traveler has an active payout account. A resolved dispute
-- that leaves the traveler a compensation makes it due whatever the hold or the delivery's end (docs/disputes.md).
-- Never while a dispute of the delivery is open (it freezes the escrow), nor while a refund of the payment is
-- pending (what it takes from the share is not recorded yet). The worker transfers
-- the traveler's share from the captured charge (source_transaction) with the key transfer:<escrow id>, then
-- records it: the escrow is released once, and the ledger moves the share from the escrow liability to the
-- traveler's payable. Release never depends on the time since payment.
create or replace function app_private.escrows_to_release(max_rows integer default 100)
returns setof jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'escrow_id', e.id,
           'delivery_id', e.delivery_id,
           'amount', e.amount - e.released_amount - e.refunded_amount,
           'currency', lower(e.currency),
           'destination', acct.stripe_id,
           'source_transaction', ch.stripe_id,
           'transfer_group', 'dlv_' || e.delivery_id,
           'idempotency_key', 'transfer:' || e.id,
           'condition', case when resolved.id is not null then 'dispute_resolved'
                             when d.receipt_confirmed_at is not null and (e.hold_until is null or e.hold_until > now())
                             then 'delivery_confirmed' else 'hold_expired' end)
    from app_public.escrow_accounts e
    join app_public.deliveries d on d.id = e.delivery_id
    join app_public.payout_accounts pa on pa.user_id = e.traveler_id
    join app_private.stripe_refs acct on acct.payout_account_id = pa.id and acct.kind = 'account'
    join app_private.stripe_refs ch on ch.payment_intent_id = e.payment_intent_id and ch.kind = 'charge'
    left join lateral (select s.id from app_public.disputes s
                        where s.delivery_id = e.delivery_id and s.status in ('resolved', 'closed')
                          and s.traveler_compensation > 0
                        order by s.resolved_at desc limit 1) resolved on true
   where (e.status = 'held' or (e.status = 'partially_refunded' and e.released_amount = 0))
     and e.amount - e.refunded_amount > 0
     and not e.review_required
     and ((d.status = 'delivered' and (e.hold_until <= now() or d.receipt_confirmed_at is not null))
          or resolved.id is not null)
     and not app_hidden.delivery_has_open_dispute(e.delivery_id)
     and not exists (select 1 from app_public.refunds r where r.payment_intent_id = e.payment_intent_id and r.status = 'pending')
     and pa.status = 'active'
   order by e.hold_until nulls first, e.id
   limit escrows_to_release.max_rows;
$$;
comment on function app_private.escrows_to_release(integer) is 'payments__release: the held escrows due for release now, with the transfer to make for each.';

-- An escrow an admin releases (admin_release_escrow, payments__release_manual): what is left of it, whatever the
-- hold, the review flag or the delivery's state (the admin decided), to an active payout account, unless a dispute
-- of the delivery is open (it freezes the escrow: the dispute's resolution decides); null otherwise.
create or replace function app_private.escrow_to_release_manually(escrow_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'escrow_id', e.id,
           'delivery_id', e.delivery_id,
           'amount', e.amount - e.released_amount - e.refunded_amount,
           'currency', lower(e.currency),
           'destination', acct.stripe_id,
           'source_transaction', ch.stripe_id,
           'transfer_group', 'dlv_' || e.delivery_id,
           'idempotency_key', 'transfer:' || e.id,
           'condition', 'manual_release')
    from app_public.escrow_accounts e
    join app_public.payout_accounts pa on pa.user_id = e.traveler_id
    join app_private.stripe_refs acct on acct.payout_account_id = pa.id and acct.kind = 'account'
    join app_private.stripe_refs ch on ch.payment_intent_id = e.payment_intent_id and ch.kind = 'charge'
   where e.id = escrow_to_release_manually.escrow_id
     and (e.status = 'held' or (e.status = 'partially_refunded' and e.released_amount = 0))
     and e.amount - e.refunded_amount > 0
     and not app_hidden.delivery_has_open_dispute(e.delivery_id)
     and pa.status = 'active';
$$;
comment on function app_private.escrow_to_release_manually(uuid) is 'payments__release_manual: the transfer to make for an escrow an admin releases (null when not releasable).';

-- Records the transfer made for an escrow: released once (a second call, or a concurrent one, changes nothing).
-- What an admin's partial refund left of a share (partially_refunded, nothing released yet) is released too.
create or replace function app_private.record_escrow_release(escrow_id uuid, transfer jsonb, condition app_public.release_condition)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_escrow app_public.escrow_accounts;
begin
  update app_public.escrow_accounts e
     set status = 'released', released_amount = e.amount - e.refunded_amount, released_at = now(),
         release_condition = record_escrow_release.condition
   where e.id = record_escrow_release.escrow_id
     and (e.status = 'held' or (e.status = 'partially_refunded' and e.released_amount = 0))
     and e.amount - e.refunded_amount > 0
  returning * into v_escrow;
  if v_escrow.id is null then
    return false;
  end if;
  insert into app_private.stripe_refs (stripe_id, kind, escrow_id)
  values (record_escrow_release.transfer ->> 'id', 'transfer', v_escrow.id)
  on conflict do nothing;
  perform app_private.post_ledger_transaction('release', 'release:' || v_escrow.id, v_escrow.delivery_id,
    v_escrow.currency,
    jsonb_build_array(
      jsonb_build_object('code', 'escrow_liability', 'amount', v_escrow.released_amount),
      jsonb_build_object('code', 'traveler_payable', 'user_id', v_escrow.traveler_id, 'amount', -v_escrow.released_amount)),
    format('Release of the escrow of delivery %s', v_escrow.delivery_id));
  return true;
end;
$$;
comment on function app_private.record_escrow_release(uuid, jsonb, app_public.release_condition) is
  'Records an escrow''s transfer to the traveler: released once, ledger Dr escrow liability / Cr traveler payable.';

-- The daily reminder (payouts__remind, workers/crontab): every traveler with money held for them (held escrows, what
-- is left of them) and no active payout account is notified once, with the amounts per currency: release waits for
-- the account. Returns how many were notified. (escrow_accounts_held_idx: held escrows are few next to the table.)
create or replace function app_private.remind_travelers_without_payout_account()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with waiting as (
    select e.traveler_id, e.currency, sum(e.amount - e.released_amount - e.refunded_amount) as held
      from app_public.escrow_accounts e
     where e.status = 'held'
       and not exists (select 1 from app_public.payout_accounts a where a.user_id = e.traveler_id and a.status = 'active')
     group by e.traveler_id, e.currency
    having sum(e.amount - e.released_amount - e.refunded_amount) > 0
  )
  select count(app_hidden.notify(w.traveler_id, 'payout_account_reminder',
                                 jsonb_build_object('amounts', w.amounts)))::integer
    from (select traveler_id,
                 string_agg(app_hidden.notification_amount(held::bigint) || ' ' || currency, ', ' order by currency) as amounts
            from waiting group by traveler_id) w;
$$;
comment on function app_private.remind_travelers_without_payout_account() is
  'payouts__remind (daily): notifies travelers with held money and no active payout account, once each, with the amounts.';
