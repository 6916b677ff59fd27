-- The one fee formula (docs/payments.md, Fees). The traveler gets the final price; the customer pays
--   final price + platform fee + processing fee − credits, where
--   platform fee   = payments.platform_fee_rate × final price,
--   processing fee = payments.processing_fee_rate × (final price + platform fee) + payments.processing_fee_fixed,
-- each rounded half-up to a whole minor unit, and credits never push the charge below payments.min_charge. The fee
-- is charged to the customer only, never taken from the traveler. Worked example: 2000 → 200 + 94 → 2294.
-- accept_offer stores the platform fee on the delivery with it; the payment's amounts come from it too.
create or replace function app_hidden.charge_amounts(
  traveler_amount bigint,
  credits bigint default 0,
  out platform_fee bigint,
  out processing_fee bigint,
  out credits_applied bigint,
  out amount bigint
)
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_min_charge bigint := (app_hidden.config_value('payments.min_charge'))::bigint;
  v_total bigint;
begin
  if charge_amounts.traveler_amount is null or charge_amounts.traveler_amount <= 0
     or coalesce(charge_amounts.credits, 0) < 0 then
    raise exception 'final_price must be more than 0 (and credits not negative)' using errcode = 'INVAL';
  end if;
  -- round(numeric) rounds halves away from zero: half-up for these positive amounts.
  platform_fee := round(charge_amounts.traveler_amount
                        * (app_hidden.config_value('payments.platform_fee_rate'))::numeric)::bigint;
  processing_fee := round((charge_amounts.traveler_amount + platform_fee)
                          * (app_hidden.config_value('payments.processing_fee_rate'))::numeric
                          + (app_hidden.config_value('payments.processing_fee_fixed'))::numeric)::bigint;
  v_total := charge_amounts.traveler_amount + platform_fee + processing_fee;
  if v_total < v_min_charge then
    raise exception 'final_price is too small: the charge (%) would be below the minimum charge of %', v_total, v_min_charge
      using errcode = 'INVAL';
  end if;
  credits_applied := least(coalesce(charge_amounts.credits, 0), v_total - v_min_charge);
  amount := v_total - credits_applied;
end;
$$;
comment on function app_hidden.charge_amounts(bigint, bigint) is
  'The customer''s charge for a traveler''s price: platform fee, processing fee, credits applied and amount (payments.* settings, half-up). Raises INVAL below payments.min_charge.';
grant execute on function app_hidden.charge_amounts(bigint, bigint) to app_user;
