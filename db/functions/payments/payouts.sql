-- Payout accounts and payouts (docs/payments.md, Payouts). Stripe is called by the worker only:
--   - onboarding: payouts__onboard reads app_private.payout_onboarding_plan, creates the traveler's Express account
--     once (key account:<payout account id>, recorded by record_payout_account) and an Account Link (key
--     account-link:<request id>, recorded by record_onboarding_link); account.updated (re-fetched) is applied by
--     apply_stripe_account;
--   - payouts: request_instant_payout (the traveler) and schedule_standard_payouts (daily) decide a payouts row,
--     pending, and enqueue payouts__create, which pays it out from the connected account (key payout:<id>) and
--     records it (record_payout, or record_payout_failure when Stripe refuses it); payout.* events move it forward
--     (apply_stripe_payout).
-- A traveler's available balance is what was released to them, less what was taken back by reversals and what was
-- paid out or is being paid out (payout_available).

-- Available for payouts: Σ released − Σ payouts (neither failed nor cancelled) − the collected fees of instant payouts
-- the bank failed (the net came back to the connected account, the fee stayed with the platform: the balance follows
-- what the account holds), in one currency. released_amount is
-- already net of what refunds took back (reversed, or owed by the traveler when the reversal was refused: that part
-- stays on the connected account and is withheld from payouts, so the balance may be negative until later releases
-- cover it).
create or replace function app_private.payout_available(user_id uuid, currency text)
returns bigint
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((select sum(e.released_amount) from app_public.escrow_accounts e
                    where e.traveler_id = payout_available.user_id and e.currency = payout_available.currency), 0)
       - coalesce((select sum(case when p.status not in ('failed', 'canceled') then p.amount
                                   when p.fee_collected_at is not null then p.fee
                                   else 0 end)
                     from app_public.payouts p
                    where p.user_id = payout_available.user_id and p.currency = payout_available.currency), 0);
$$;
comment on function app_private.payout_available(uuid, text) is 'What a traveler may pay out in a currency: released (net of refunds taken back) − payouts not failed or cancelled − the fees collected for instant payouts the bank then failed.';

-- What payouts__onboard needs for a request: the account to create (or the one created), the link to make.
create or replace function app_private.payout_onboarding_plan(request_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'request_id', l.id,
           'payout_account_id', pa.id,
           'user_id', pa.user_id,
           'account', (select r.stripe_id from app_private.stripe_refs r where r.payout_account_id = pa.id and r.kind = 'account'),
           'account_key', 'account:' || pa.id,
           'link_key', 'account-link:' || l.id,
           'country', pa.country,
           'email', (select c.email::text from app_public.user_contacts c where c.user_id = pa.user_id),
           'return_url', l.return_url,
           'refresh_url', l.refresh_url,
           'done', l.url is not null)
    from app_private.payout_onboarding_links l
    join app_public.payout_accounts pa on pa.id = l.payout_account_id
   where l.id = payout_onboarding_plan.request_id;
$$;
comment on function app_private.payout_onboarding_plan(uuid) is 'payouts__onboard: the Express account to create (or the one created) and the Account Link to make for a request.';

-- Records the Express account created for a payout account (once) and applies its state.
create or replace function app_private.record_payout_account(payout_account_id uuid, account jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_private.stripe_refs (stripe_id, kind, payout_account_id)
  values (record_payout_account.account ->> 'id', 'account', record_payout_account.payout_account_id)
  on conflict do nothing;
  return app_private.apply_stripe_account(record_payout_account.account);
end;
$$;
comment on function app_private.record_payout_account(uuid, jsonb) is 'Records a payout account''s Express account id (once) and applies its state.';

create or replace function app_private.record_onboarding_link(request_id uuid, link jsonb)
returns boolean
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_private.payout_onboarding_links l
     set url = record_onboarding_link.link ->> 'url',
         expires_at = to_timestamp((record_onboarding_link.link ->> 'expires_at')::double precision)
   where l.id = record_onboarding_link.request_id and l.url is null
  returning true;
$$;
comment on function app_private.record_onboarding_link(uuid, jsonb) is 'Stores the Account Link obtained for an onboarding request (once).';

-- A Stripe account's state on its payout account: active once payouts are enabled and transfers may reach it,
-- restricted when details were submitted but Stripe disabled it, inactive when rejected, pending before. Applied
-- from the current object (the worker re-fetches it for account.updated), so the latest state wins.
create or replace function app_private.apply_stripe_account(account jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_status app_public.payout_account_status;
  v_id uuid;
begin
  select r.payout_account_id into v_id from app_private.stripe_refs r
   where r.stripe_id = apply_stripe_account.account ->> 'id' and r.kind = 'account';
  if v_id is null then
    return 'unknown account';
  end if;
  v_status := case
    when coalesce(account #>> '{requirements,disabled_reason}', '') like 'rejected%' then 'inactive'
    when (account ->> 'payouts_enabled')::boolean and coalesce(account #>> '{capabilities,transfers}', 'active') = 'active'
      then 'active'
    when coalesce((account ->> 'details_submitted')::boolean, false) then 'restricted'
    else 'pending' end;
  update app_public.payout_accounts pa
     set status = v_status,
         payouts_enabled = coalesce((account ->> 'payouts_enabled')::boolean, false),
         country = coalesce(upper(account ->> 'country'), pa.country),
         default_currency = coalesce(upper(account ->> 'default_currency'), pa.default_currency)
   where pa.id = v_id;
  return 'account ' || v_status;
end;
$$;
comment on function app_private.apply_stripe_account(jsonb) is 'Applies a Stripe account''s current state to its payout account (status, payouts_enabled, country, currency).';

-- Order of payout states: pending → in_transit → paid | failed | canceled (final).
create or replace function app_private.payout_status_rank(status app_public.payout_status)
returns integer
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select case payout_status_rank.status when 'pending' then 0 when 'in_transit' then 1 else 2 end;
$$;
comment on function app_private.payout_status_rank(app_public.payout_status) is 'Order of payout states; a state is applied only when it ranks higher.';

-- Decides a payout: the row, pending, and its job. Amount leaves the balance; net reaches the bank.
create or replace function app_private.decide_payout(payout_account_id uuid, amount bigint, fee bigint, currency text,
                                                     type app_public.payout_type)
returns app_public.payouts
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_payout app_public.payouts;
begin
  insert into app_public.payouts (user_id, payout_account_id, amount, fee, net, currency, type)
  select pa.user_id, pa.id, decide_payout.amount, decide_payout.fee, decide_payout.amount - decide_payout.fee,
         decide_payout.currency, decide_payout.type
    from app_public.payout_accounts pa where pa.id = decide_payout.payout_account_id
  returning * into v_payout;
  perform graphile_worker.add_job('payouts__create', json_build_object('id', v_payout.id),
    job_key := 'payouts__create:' || v_payout.id, max_attempts := 25);
  return v_payout;
end;
$$;
comment on function app_private.decide_payout(uuid, bigint, bigint, text, app_public.payout_type) is 'Records a pending payout and enqueues payouts__create.';

-- The daily standard payouts: each active account's available balance per currency, at least
-- payments.payout_min_standard, free, unless a payout of it is still pending. Batches of max_rows.
create or replace function app_private.schedule_standard_payouts(max_rows integer default 500)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_min bigint := app_hidden.config_value('payments.payout_min_standard')::bigint;
  v_row record;
  v_count integer := 0;
begin
  for v_row in
    select pa.id as account_id, c.currency, app_private.payout_available(pa.user_id, c.currency) as available
      from app_public.payout_accounts pa
     cross join lateral (select distinct e.currency from app_public.escrow_accounts e
                          where e.traveler_id = pa.user_id and e.released_amount > 0) c
     where pa.status = 'active' and pa.payouts_enabled
       and not exists (select 1 from app_public.payouts p where p.payout_account_id = pa.id
                          and p.currency = c.currency and p.status = 'pending')
     order by pa.id
     for update of pa skip locked
  loop
    continue when v_row.available < v_min;
    perform app_private.decide_payout(v_row.account_id, v_row.available, 0, v_row.currency, 'standard');
    v_count := v_count + 1;
    exit when v_count >= schedule_standard_payouts.max_rows;
  end loop;
  return v_count;
end;
$$;
comment on function app_private.schedule_standard_payouts(integer) is 'payouts__schedule (daily): decides the standard payout of each active account''s available balance of at least payments.payout_min_standard.';

-- What payouts__create sends to Stripe for a pending payout not yet made; null otherwise.
create or replace function app_private.payout_to_create(payout_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'payout_id', p.id,
           'account', acct.stripe_id,
           'amount', p.net,
           'currency', lower(p.currency),
           'method', p.type,
           'idempotency_key', 'payout:' || p.id)
    from app_public.payouts p
    join app_private.stripe_refs acct on acct.payout_account_id = p.payout_account_id and acct.kind = 'account'
   where p.id = payout_to_create.payout_id and p.status = 'pending'
     and not exists (select 1 from app_private.stripe_refs r where r.payout_id = p.id and r.kind = 'payout');
$$;
comment on function app_private.payout_to_create(uuid) is 'payouts__create: the Stripe payout to make for a pending payout (null when made or no longer pending).';

-- Applies a Stripe payout (the answer of the create, or a payout.* event of the connected account): found by its
-- Stripe id, or by its metadata's payout_id (an event before the answer was recorded), or else mirrored as a new row
-- (a payout made at Stripe directly). Its state only moves forward.
create or replace function app_private.apply_stripe_payout(payout jsonb, account text default null)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_id uuid;
  v_status app_public.payout_status;
  v_account uuid;
begin
  if apply_stripe_payout.payout ->> 'status' not in ('pending', 'in_transit', 'paid', 'failed', 'canceled') then
    return 'ignored status';
  end if;
  v_status := (apply_stripe_payout.payout ->> 'status')::app_public.payout_status;
  select r.payout_id into v_id from app_private.stripe_refs r
   where r.stripe_id = apply_stripe_payout.payout ->> 'id' and r.kind = 'payout';
  if v_id is null then
    select p.id into v_id from app_public.payouts p
     where p.id::text = apply_stripe_payout.payout #>> '{metadata,payout_id}';
    if v_id is null then
      select r.payout_account_id into v_account from app_private.stripe_refs r
       where r.stripe_id = apply_stripe_payout.account and r.kind = 'account';
      if v_account is null then
        return 'unknown payout';
      end if;
      insert into app_public.payouts (user_id, payout_account_id, amount, fee, net, currency, type)
      select pa.user_id, pa.id, (payout ->> 'amount')::bigint, 0, (payout ->> 'amount')::bigint,
             upper(payout ->> 'currency'), case when payout ->> 'method' = 'instant' then 'instant' else 'standard' end::app_public.payout_type
        from app_public.payout_accounts pa where pa.id = v_account
      returning id into v_id;
    end if;
    insert into app_private.stripe_refs (stripe_id, kind, payout_id)
    values (apply_stripe_payout.payout ->> 'id', 'payout', v_id)
    on conflict do nothing;
  end if;
  update app_public.payouts p
     set status = v_status,
         arrival_date = coalesce(to_timestamp((payout ->> 'arrival_date')::double precision)::date, p.arrival_date),
         failure_message = case when v_status = 'failed'
                                then left(coalesce(payout ->> 'failure_message', payout ->> 'failure_code', 'failed'), 1000)
                                else p.failure_message end
   where p.id = v_id and app_private.payout_status_rank(v_status) > app_private.payout_status_rank(p.status);
  return case when found then 'payout ' || v_status else 'payout unchanged' end;
end;
$$;
comment on function app_private.apply_stripe_payout(jsonb, text) is 'Applies a Stripe payout to its row (found by id or metadata, or mirrored), forward only.';

-- Stripe refused to make the payout (not enough balance, payouts disabled): it failed, its money is available again.
create or replace function app_private.record_payout_failure(payout_id uuid, message text)
returns boolean
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.payouts p set status = 'failed', failure_message = left(record_payout_failure.message, 1000)
   where p.id = record_payout_failure.payout_id and p.status = 'pending'
  returning true;
$$;
comment on function app_private.record_payout_failure(uuid, text) is 'Marks a pending payout failed when Stripe refused to make it.';

-- The fee of an instant payout stays on the connected account when net is paid out; payouts__create then moves it to
-- the platform by an account debit (a Transfer made on the connected account, to the platform's account, key
-- payout-fee:<payout id>, then payout-fee:<payout id>:<n> after n refusals: Stripe answers a key it has seen with the
-- same refusal, and a refusal moved no money). What to debit: only once the payout was made at Stripe (it may still fail at the bank;
-- see docs/payments.md), not for a payout Stripe refused or one cancelled, and not twice. Null otherwise.
create or replace function app_private.payout_fee_to_collect(payout_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
           'payout_id', p.id,
           'account', acct.stripe_id,
           'amount', p.fee,
           'currency', lower(p.currency),
           'idempotency_key', 'payout-fee:' || p.id || coalesce(':' || nullif(p.fee_debit_refusals, 0), ''))
    from app_public.payouts p
    join app_private.stripe_refs acct on acct.payout_account_id = p.payout_account_id and acct.kind = 'account'
   where p.id = payout_fee_to_collect.payout_id and p.type = 'instant' and p.fee > 0 and p.fee_collected_at is null
     and p.status not in ('failed', 'canceled')
     and exists (select 1 from app_private.stripe_refs r where r.payout_id = p.id and r.kind = 'payout');
$$;
comment on function app_private.payout_fee_to_collect(uuid) is 'payouts__create: the account debit to make for an instant payout''s fee (null when none is due or it was collected).';

-- Records the account debit of a payout's fee once (under the payout's row lock): its Stripe id, when, and the ledger
-- transaction payout-fee:<payout id> (Dr traveler_payable, the traveler's money it took / Cr instant_payout_fee_revenue).
-- False when it was recorded already.
create or replace function app_private.record_payout_fee(payout_id uuid, transfer jsonb)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_payout app_public.payouts;
begin
  select * into v_payout from app_public.payouts p where p.id = record_payout_fee.payout_id for update;
  if v_payout.id is null or v_payout.fee_collected_at is not null then
    return false;
  end if;
  insert into app_private.stripe_refs (stripe_id, kind, payout_id)
  values (record_payout_fee.transfer ->> 'id', 'account_debit', v_payout.id);
  update app_public.payouts p set fee_collected_at = now() where p.id = v_payout.id;
  perform app_private.post_ledger_transaction('payout', 'payout-fee:' || v_payout.id, null, v_payout.currency,
    jsonb_build_array(
      jsonb_build_object('code', 'traveler_payable', 'user_id', v_payout.user_id, 'amount', v_payout.fee),
      jsonb_build_object('code', 'instant_payout_fee_revenue', 'amount', -v_payout.fee)),
    format('Fee of instant payout %s', v_payout.id));
  return true;
end;
$$;
comment on function app_private.record_payout_fee(uuid, jsonb) is 'Records the account debit that collected an instant payout''s fee (once): Stripe id, fee_collected_at, ledger payout-fee:<payout>.';

-- Stripe refused the account debit of a payout's fee (the connected account's balance is short, debits not allowed):
-- counted, so that the retry asks with a new key; finance hears of the first refusal. The job retries.
create or replace function app_private.record_payout_fee_refusal(payout_id uuid, message text)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_payout app_public.payouts;
begin
  update app_public.payouts p set fee_debit_refusals = p.fee_debit_refusals + 1
   where p.id = record_payout_fee_refusal.payout_id and p.fee_collected_at is null
  returning * into v_payout;
  if v_payout.fee_debit_refusals = 1 then
    perform app_private.alert_admins('finance.read', 'payout_fee_refused_alert',
      jsonb_build_object('payout_id', v_payout.id, 'traveler_id', v_payout.user_id,
                         'fee', app_hidden.notification_amount(v_payout.fee), 'currency', v_payout.currency,
                         'error', left(record_payout_fee_refusal.message, 500)));
  end if;
end;
$$;
comment on function app_private.record_payout_fee_refusal(uuid, text) is 'Counts a refused account debit of an instant payout''s fee (the retry uses a new key); alerts finance of the first.';
