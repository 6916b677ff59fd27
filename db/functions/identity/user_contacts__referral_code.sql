-- Every account gets its referral code when its contact row is written, whichever path creates it (register, admin
-- tools, tests). The code lives in the owner-only user_contacts (docs/identity.md, Sign-up): on users, which every
-- signed-in user reads, anyone could have collected everyone's code.
create or replace function app_hidden.tg_user_contacts__referral_code()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if NEW.referral_code is null then
    NEW.referral_code := upper(encode(public.gen_random_bytes(5), 'hex'));
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_contacts__referral_code() is 'Gives a new account a random referral code (40 bits from a CSPRNG).';
grant execute on function app_hidden.tg_user_contacts__referral_code() to app_anonymous;

create or replace trigger _100_referral_code before insert on app_public.user_contacts
  for each row execute function app_hidden.tg_user_contacts__referral_code();
