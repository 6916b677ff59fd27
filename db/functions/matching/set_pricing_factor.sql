-- An admin sets a pricing factor (docs/matching.md, Pricing): finance.write in a two-factor session. A supported
-- currency; route_hash, category and urgency each optional (null: any); a base price and multipliers (0.5–3, the
-- table's CHECKs); from valid_from (now by default, not in the past) until valid_until (open-ended by default). The
-- row it replaces (same currency, route, category and urgency, started before, still open at valid_from) ends at
-- valid_from. Audited.
create or replace function app_public.set_pricing_factor(
  currency text,
  note text,
  route_hash text default null,
  category app_public.item_category default null,
  urgency app_public.urgency_level default null,
  base_price bigint default null,
  category_multiplier numeric default 1,
  demand_multiplier numeric default 1,
  valid_from timestamptz default null,
  valid_until timestamptz default null
)
returns app_public.pricing_factors
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_money_admin('finance.write', 'set pricing factors');
  v_from timestamptz := coalesce(set_pricing_factor.valid_from, now());
  v_factor app_public.pricing_factors;
begin
  if set_pricing_factor.currency is null
     or not app_hidden.config_value('platform.supported_currencies') ? set_pricing_factor.currency then
    raise exception 'currency must be a supported currency' using errcode = 'INVAL';
  end if;
  if v_from < now() - interval '1 minute' then
    raise exception 'valid_from must not be in the past' using errcode = 'INVAL';
  end if;
  if set_pricing_factor.note is null or btrim(set_pricing_factor.note) = '' then
    raise exception 'note must say why the factor is set' using errcode = 'INVAL';
  end if;
  update app_public.pricing_factors f set valid_until = v_from
   where f.currency = set_pricing_factor.currency
     and f.route_hash is not distinct from set_pricing_factor.route_hash
     and f.category is not distinct from set_pricing_factor.category
     and f.urgency is not distinct from set_pricing_factor.urgency
     and f.valid_from < v_from and (f.valid_until is null or f.valid_until > v_from);
  insert into app_public.pricing_factors (currency, route_hash, category, urgency, base_price, category_multiplier,
                                          demand_multiplier, valid_from, valid_until, created_by, note)
  values (set_pricing_factor.currency, set_pricing_factor.route_hash, set_pricing_factor.category,
          set_pricing_factor.urgency, set_pricing_factor.base_price, set_pricing_factor.category_multiplier,
          set_pricing_factor.demand_multiplier, v_from, set_pricing_factor.valid_until, v_admin, set_pricing_factor.note)
  returning * into v_factor;
  perform app_hidden.log_admin_action('set_pricing_factor', 'pricing_factor', v_factor.id::text, 'high', null,
    jsonb_build_object('currency', v_factor.currency, 'base_price', v_factor.base_price, 'route_hash', v_factor.route_hash,
      'category', v_factor.category, 'urgency', v_factor.urgency, 'category_multiplier', v_factor.category_multiplier,
      'demand_multiplier', v_factor.demand_multiplier, 'valid_from', v_factor.valid_from,
      'valid_until', v_factor.valid_until),
    v_factor.note);
  return v_factor;
end;
$$;
comment on function app_public.set_pricing_factor(text, text, text, app_public.item_category, app_public.urgency_level, bigint, numeric, numeric, timestamptz, timestamptz) is E'@resultFieldName pricingFactor\nSets a pricing factor of the default rates for a currency and, each optional, a route (routeHash, "u09-u33"), a category and an urgency: a base price and category and demand multipliers (0.5 to 3), from validFrom (now) until validUntil (open-ended); the factor it replaces ends then. Needs finance.write and a two-factor session; audited. Errors: LOGIN, DNIED, INVAL (unsupported currency, multiplier out of range, malformed route hash, period, no note), EXIST (a factor of the same key starts at the same time).';
grant execute on function app_public.set_pricing_factor(text, text, text, app_public.item_category, app_public.urgency_level, bigint, numeric, numeric, timestamptz, timestamptz) to app_user;
