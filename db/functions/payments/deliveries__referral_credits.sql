-- Referral credits (docs/payments.md, Credits): when a delivery is delivered, each of its parties who signed up with
-- someone's referral code and had no delivery before earns payments.referral_bonus for themselves and for their
-- referrer, in the delivery's currency, valid payments.credit_validity_months. Once per referee and party (a unique
-- index): the referee's later deliveries find the bonus there and grant nothing. A bonus of 0 grants nothing.
-- security definer: the delivery scan runs as a party, who writes no credits and no ledger.
create or replace function app_hidden.tg_deliveries__referral_credits()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_bonus bigint := (app_hidden.config_value('payments.referral_bonus'))::bigint;
  v_expires_at timestamptz := now() + make_interval(months => (app_hidden.config_value('payments.credit_validity_months'))::int);
  v_referee record;
begin
  if v_bonus <= 0 then
    return null;
  end if;
  for v_referee in
    select u.id, u.referred_by_user_id
      from app_public.users u
     where u.id in (NEW.customer_id, NEW.traveler_id) and u.referred_by_user_id is not null
       and not exists (select 1 from app_public.deliveries d
                        where d.id <> NEW.id and d.delivered_at is not null
                          and (d.customer_id = u.id or d.traveler_id = u.id))
  loop
    perform app_private.grant_credit(v_referee.id, 'referral_bonus', v_bonus, NEW.currency, v_expires_at,
                                     referee_id := v_referee.id, delivery_id := NEW.id);
    perform app_private.grant_credit(v_referee.referred_by_user_id, 'referral_bonus', v_bonus, NEW.currency,
                                     v_expires_at, referee_id := v_referee.id, delivery_id := NEW.id);
  end loop;
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__referral_credits() is 'Grants the referral bonus to a referee and their referrer after the referee''s first delivery.';
grant execute on function app_hidden.tg_deliveries__referral_credits() to app_user;

create or replace trigger _500_referral_credits after update of status on app_public.deliveries
  for each row when (NEW.status = 'delivered' and OLD.status <> 'delivered')
  execute function app_hidden.tg_deliveries__referral_credits();
