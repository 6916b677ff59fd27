-- pricing factors: finance (finance.read) reads them; quotes apply them through security definer functions. Nobody
-- writes but setPricingFactor. One policy whose arm is an index condition (db/README.md, Policies).
drop policy if exists select_finance on app_public.pricing_factors;
create policy select_finance on app_public.pricing_factors for select to app_user
  using (id between (select app_hidden.permitted_ids_from('finance.read'))
                and (select app_hidden.permitted_ids_to('finance.read'))
         and length(id::text) = 36);

revoke all on app_public.pricing_factors from app_anonymous, app_user;
grant select on app_public.pricing_factors to app_user;
