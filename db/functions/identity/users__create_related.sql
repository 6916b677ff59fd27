-- Every account gets its 1:1 rows (preferences, statistics) in the same transaction, whichever path creates it
-- (register, admin tools, tests); its referral code comes with its contact row (user_contacts__referral_code.sql).
-- Money totals (user_earnings) are per currency and appear with the first delivered delivery in each
-- (app_hidden.count_delivery_outcome).
create or replace function app_hidden.tg_users__create_related()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_public.user_preferences (user_id) values (NEW.id);
  insert into app_public.user_statistics (user_id) values (NEW.id);
  insert into app_public.notification_preferences (user_id) values (NEW.id);
  return null;
end;
$$;
comment on function app_hidden.tg_users__create_related() is 'Creates the preferences, notification preferences and statistics of a new account.';
grant execute on function app_hidden.tg_users__create_related() to app_anonymous;

create or replace trigger _500_create_related after insert on app_public.users
  for each row execute function app_hidden.tg_users__create_related();
create or replace trigger _100_timestamps before update on app_public.user_statistics
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.user_earnings
  for each row execute function app_hidden.tg__set_updated_at();
