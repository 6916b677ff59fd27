-- The money totals of a profile, one row per currency (docs/identity.md, Profiles: earnings only for the
-- user's own row and for admins). Security invoker: the user_earnings policies decide, so everyone else gets an
-- empty list. A computed field of UserProfile (`earnings`).
create or replace function app_public.user_profiles_earnings(profile app_public.user_profiles)
returns setof app_public.user_earnings
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select e.*
    from app_public.user_earnings e
   where e.user_id = user_profiles_earnings.profile.id
   order by e.currency;
$$;
comment on function app_public.user_profiles_earnings(app_public.user_profiles) is E'@behavior -connection +list\n@listSuffix omit\nMoney totals per currency (earned as a traveler, spent as a customer, in minor units), by currency: only on one''s own profile and for admins, empty otherwise.';
grant execute on function app_public.user_profiles_earnings(app_public.user_profiles) to app_user;
