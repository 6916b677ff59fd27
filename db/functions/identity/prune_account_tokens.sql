-- Daily maintenance (docs/platform.md, Daily cleanup: auth tokens, codes and challenges go once used, or 24 h past expiry): email
-- and reset tokens, phone codes (a request whose code was never minted counts from when it was made), two-factor
-- login challenges, and two-factor setup records (each counts for the hour of security.rate_2fa_setup_hour, so it
-- expires an hour after it was made); rate-limit hits once no window can count them any more (the longest is an
-- hour). Each statement handles at most retention.batch_size rows; the cleanup job calls again while work is left.
create or replace function app_private.prune_account_tokens()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with batch as (
    select (app_hidden.config_value('retention.batch_size'))::int as size
  ), email_tokens as (
    delete from app_private.email_verification_tokens t
     where t.id in (select e.id from app_private.email_verification_tokens e
                     where e.used_at is not null or e.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), reset_tokens as (
    delete from app_private.password_reset_tokens t
     where t.id in (select r.id from app_private.password_reset_tokens r
                     where r.used_at is not null or r.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), phone_codes as (
    delete from app_private.phone_verification_codes p
     where p.id in (select c.id from app_private.phone_verification_codes c
                     where c.used_at is not null or coalesce(c.expires_at, c.created_at) < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), challenges as (
    delete from app_private.mfa_challenges m
     where m.id in (select c.id from app_private.mfa_challenges c
                     where c.used_at is not null or c.expires_at < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), setups as (
    delete from app_private.two_factor_setups s
     where s.id in (select t.id from app_private.two_factor_setups t
                     where t.created_at + interval '1 hour' < now() - interval '24 hours'
                     limit (select size from batch))
    returning 1
  ), hits as (
    delete from app_private.rate_limit_hits h
     where h.id in (select r.id from app_private.rate_limit_hits r where r.created_at < now() - interval '1 day'
                     limit (select size from batch))
    returning 1
  )
  select ((select count(*) from email_tokens) + (select count(*) from reset_tokens) + (select count(*) from phone_codes)
          + (select count(*) from challenges) + (select count(*) from setups) + (select count(*) from hits))::integer;
$$;
comment on function app_private.prune_account_tokens() is 'Deletes used or long-expired email, reset and phone tokens, two-factor challenges and setup records, and stale rate-limit hits, at most retention.batch_size of each; returns how many.';
