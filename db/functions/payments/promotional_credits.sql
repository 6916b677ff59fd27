-- Promotional credits (docs/payments.md, Credits): granted, spent oldest first at payment time, restored by a void or
-- a full refund. A credit row is never changed after it is spent; what is left of it, or given back, is a new credit
-- naming it (reissue_of_id), once per reason (a unique index), which keeps every step idempotent.
-- The ledger: a grant is Dr promo_expense / Cr promo_liability (credit-grant:<credit>); the spend posts at the capture,
-- when the credits pay part of the charge (credit-spend:<payment>, Dr promo_liability / Cr platform_cash, beside the
-- capture's Dr platform_cash of the full charge); a full refund gives them back (credit-restore:<refund>, the reverse).
-- A void posts nothing: nothing was posted for the credits before the capture.

-- Grants a credit and posts it. Returns it, or null when a referral bonus for this user and referee exists already.
create or replace function app_private.grant_credit(
  user_id uuid,
  type app_public.credit_type,
  amount bigint,
  currency text,
  expires_at timestamptz,
  referee_id uuid default null,
  granted_by uuid default null,
  note text default null,
  delivery_id uuid default null
)
returns app_public.promotional_credits
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
#variable_conflict use_column
declare
  v_credit app_public.promotional_credits;
begin
  insert into app_public.promotional_credits (user_id, type, amount, currency, expires_at, referee_id, granted_by, note)
  values (grant_credit.user_id, grant_credit.type, grant_credit.amount, grant_credit.currency, grant_credit.expires_at,
          grant_credit.referee_id, grant_credit.granted_by, grant_credit.note)
  on conflict (referee_id, user_id) where type = 'referral_bonus' and reissue_of_id is null do nothing
  returning * into v_credit;
  if v_credit.id is null then
    return null;
  end if;
  perform app_private.post_ledger_transaction('credit', 'credit-grant:' || v_credit.id, grant_credit.delivery_id,
    v_credit.currency,
    jsonb_build_array(jsonb_build_object('code', 'promo_expense', 'amount', v_credit.amount),
                      jsonb_build_object('code', 'promo_liability', 'amount', -v_credit.amount)),
    format('Credit %s (%s) granted to user %s', v_credit.id, v_credit.type, v_credit.user_id));
  return v_credit;
end;
$$;
comment on function app_private.grant_credit(uuid, app_public.credit_type, bigint, text, timestamptz, uuid, uuid, text, uuid) is
  'Grants a promotional credit and posts it to the ledger (promo expense / promo liability); a referral bonus once per user and referee.';

-- Locks and sums the credits a user may spend now in a currency. Called before the charge is computed, in the
-- transaction that spends them: the row locks make two payments racing for the same credits wait for each other,
-- and the later one, re-reading the rows, finds them spent.
create or replace function app_private.lock_spendable_credits(user_id uuid, currency text)
returns bigint
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce(sum(l.amount), 0)::bigint
    from (select c.amount from app_public.promotional_credits c
           where c.user_id = lock_spendable_credits.user_id and c.currency = lock_spendable_credits.currency
             and c.used_at is null and c.expires_at > now()
           order by c.expires_at, c.created_at, c.id
             for update) l;
$$;
comment on function app_private.lock_spendable_credits(uuid, text) is 'Locks a user''s spendable credits in a currency and returns their sum.';

-- Spends up to total of a user's credits on a payment, oldest expiry first (then oldest grant): each credit taken is
-- marked used with the part the payment took; the part of the last one not needed is re-issued as a new credit with
-- the same expiry. Returns what was spent.
create or replace function app_private.spend_credits(payment_intent_id uuid, total bigint)
returns bigint
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_intent app_public.payment_intents;
  v_credit app_public.promotional_credits;
  v_left bigint := spend_credits.total;
  v_take bigint;
begin
  select * into v_intent from app_public.payment_intents p where p.id = spend_credits.payment_intent_id;
  for v_credit in
    select * from app_public.promotional_credits c
     where c.user_id = v_intent.customer_id and c.currency = v_intent.currency
       and c.used_at is null and c.expires_at > now()
     order by c.expires_at, c.created_at, c.id
       for update
  loop
    exit when v_left <= 0;
    v_take := least(v_left, v_credit.amount);
    update app_public.promotional_credits c
       set used_at = now(), used_amount = v_take, used_for_delivery_id = v_intent.delivery_id,
           payment_intent_id = v_intent.id
     where c.id = v_credit.id;
    if v_take < v_credit.amount then
      insert into app_public.promotional_credits (user_id, type, amount, currency, expires_at, reissue_of_id,
                                                  reissue_reason, referee_id, granted_by, note)
      values (v_credit.user_id, v_credit.type, v_credit.amount - v_take, v_credit.currency, v_credit.expires_at,
              v_credit.id, 'remainder', v_credit.referee_id, v_credit.granted_by, v_credit.note);
    end if;
    v_left := v_left - v_take;
  end loop;
  return spend_credits.total - v_left;
end;
$$;
comment on function app_private.spend_credits(uuid, bigint) is 'Spends up to total of the customer''s credits on a payment, oldest first; re-issues the unused part of the last one.';

-- A void or a full refund gives back the credits a payment used: each as a new credit of the part used, with its
-- old expiry (an expired one stays expired). Once per credit (the unique re-issue). Returns the sum given back.
create or replace function app_private.restore_credits(payment_intent_id uuid)
returns bigint
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with restored as (
    insert into app_public.promotional_credits (user_id, type, amount, currency, expires_at, reissue_of_id,
                                                reissue_reason, referee_id, granted_by, note)
    select c.user_id, c.type, c.used_amount, c.currency, c.expires_at, c.id, 'restored', c.referee_id, c.granted_by,
           c.note
      from app_public.promotional_credits c
     where c.payment_intent_id = restore_credits.payment_intent_id
    on conflict (reissue_of_id, reissue_reason) do nothing
    returning amount
  )
  select coalesce(sum(amount), 0)::bigint from restored;
$$;
comment on function app_private.restore_credits(uuid) is 'Gives back, as new credits, the credits a voided or fully refunded payment used (once).';

-- A payment voided before its capture gives its credits back (nothing was posted for them yet).
create or replace function app_private.tg_payment_intents__restore_credits()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_private.restore_credits(NEW.id);
  return null;
end;
$$;
comment on function app_private.tg_payment_intents__restore_credits() is 'Gives back the credits of a payment cancelled before its capture.';

create or replace trigger _500_restore_credits after update of status on app_public.payment_intents
  for each row when (NEW.status = 'canceled' and OLD.status <> 'canceled' and NEW.credits_applied > 0)
  execute function app_private.tg_payment_intents__restore_credits();
