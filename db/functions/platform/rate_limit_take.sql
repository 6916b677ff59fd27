-- Sliding-window rate limits for actions without a table of their own to count (docs/platform.md, Rate limits: sign-ups per
-- IP, verification and reset emails per address, phone codes per user). Takes one slot when fewer than max_hits
-- were taken within the window and says whether it did. The advisory lock serialises takers of one bucket and
-- subject, so parallel requests cannot all squeeze under the limit.
create or replace function app_hidden.rate_limit_take(bucket text, subject text, max_hits integer, window_length interval)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('rate_limit:' || rate_limit_take.bucket || ':' || rate_limit_take.subject, 0));
  if (select count(*) from app_private.rate_limit_hits h
       where h.bucket = rate_limit_take.bucket and h.subject = rate_limit_take.subject
         and h.created_at > now() - rate_limit_take.window_length) >= rate_limit_take.max_hits then
    return false;
  end if;
  insert into app_private.rate_limit_hits (bucket, subject) values (rate_limit_take.bucket, rate_limit_take.subject);
  return true;
end;
$$;
comment on function app_hidden.rate_limit_take(text, text, integer, interval) is
  'Takes a slot of a sliding-window limit (bucket, subject) if one is free; returns whether it did.';
