-- Daily maintenance (docs/domain.md §13): email and reset tokens and phone codes are deleted once used, or a day
-- past their expiry (a phone request whose code was never minted, a day after it was made); rate-limit hits once
-- no window can count them any more (the longest is an hour).
create or replace function app_private.prune_account_tokens()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with email_tokens as (
    delete from app_private.email_verification_tokens t
     where t.used_at is not null or t.expires_at < now() - interval '24 hours'
    returning 1
  ), reset_tokens as (
    delete from app_private.password_reset_tokens t
     where t.used_at is not null or t.expires_at < now() - interval '24 hours'
    returning 1
  ), phone_codes as (
    delete from app_private.phone_verification_codes p
     where p.used_at is not null or coalesce(p.expires_at, p.created_at) < now() - interval '24 hours'
    returning 1
  ), hits as (
    delete from app_private.rate_limit_hits h where h.created_at < now() - interval '1 day'
  )
  select ((select count(*) from email_tokens) + (select count(*) from reset_tokens)
          + (select count(*) from phone_codes))::integer;
$$;
comment on function app_private.prune_account_tokens() is 'Deletes used or long-expired email, reset and phone tokens and stale rate-limit hits; returns the tokens deleted.';
