-- The hourly request budget (issue 9), kept in PostgreSQL so that it holds across every API process. The server
-- calls app_private.admit_api_request once per GraphQL request, on the round trip that already checks the session of
-- a signed-in request; an anonymous request pays one cheap upsert of its own.

-- Counts one request of the subject in the current hour and answers 0 while it is within max_requests, otherwise
-- the seconds until the next hour (the Retry-After). Fixed hourly windows: one row per subject, reset in place.
create or replace function app_private.take_api_request(subject text, max_requests integer)
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  insert into app_private.api_request_budgets as b (subject, window_start, requests)
  values (take_api_request.subject, date_trunc('hour', now()), 1)
  on conflict (subject) do update
    set requests = case when b.window_start = excluded.window_start then b.requests + 1 else 1 end,
        window_start = excluded.window_start
  returning case when b.requests > take_api_request.max_requests
                 then greatest(1, ceil(extract(epoch from b.window_start + interval '1 hour' - now())))::integer
                 else 0 end;
$$;
comment on function app_private.take_api_request(text, integer) is
  'Counts a request of subject in the current hour; 0 when within max_requests, else seconds until the budget resets.';

-- live: null without a session, else whether the session is live (touch_session). retry_after: 0 when admitted,
-- else seconds until the budget of the user (signed in) or of the client address (anonymous) resets.
create or replace function app_private.admit_api_request(session_id uuid, client_ip text,
                                                         out live boolean, out retry_after integer)
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
begin
  if admit_api_request.session_id is null then
    retry_after := app_private.take_api_request('ip:' || left(coalesce(admit_api_request.client_ip, 'unknown'), 60),
      (app_hidden.config_value('platform.api_anonymous_rate_limit_per_hour'))::integer);
    return;
  end if;
  live := app_private.touch_session(admit_api_request.session_id);
  retry_after := 0;
  if live then
    select s.user_id into v_user_id from app_private.sessions s where s.id = admit_api_request.session_id;
    retry_after := app_private.take_api_request('user:' || v_user_id,
      (app_hidden.config_value('platform.api_rate_limit_per_hour'))::integer);
  end if;
end;
$$;
comment on function app_private.admit_api_request(uuid, text) is
  'Per request: whether its session is live (null when anonymous) and, counting it, whether the hourly budget allows it.';

-- Rows of past hours: removed hourly by the worker (api_request_budgets__prune).
create or replace function app_private.prune_api_request_budgets()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_private.api_request_budgets b where b.window_start < date_trunc('hour', now()) returning 1
  )
  select count(*)::integer from gone;
$$;
comment on function app_private.prune_api_request_budgets() is 'Deletes request budgets of past hours; returns how many.';
