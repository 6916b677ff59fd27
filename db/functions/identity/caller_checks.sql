-- The caller checks, in three layers; every function that needs a signed-in user starts with one of them, and the
-- codes are raised here only (a catalog lint fails when another function raises LOGIN itself):
--   require_session        signed in (LOGIN): whatever a suspended account may still do (sign out, manage sessions,
--                          2FA, password, privacy, addresses, deleting the account, reading, blocking, reporting)
--   require_not_suspended  … and not suspended (SUSPD, naming when the suspension ends): what others would see or
--                          rely on, for accounts that need not be active yet (the profile, favorites)
--   require_user           … and active, not deleted, at least a verification level (DNIED): the marketplace
-- Which function takes which layer is a decision listed in README (Decisions worth knowing).

-- The caller's id; LOGIN when the request has no live session. action completes "Log in to …".
create or replace function app_hidden.require_session(action text default null)
returns uuid
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_public.current_user_id();
begin
  if v_user_id is null then
    raise exception '%', coalesce('Log in to ' || require_session.action, 'Log in first') using errcode = 'LOGIN';
  end if;
  return v_user_id;
end;
$$;
comment on function app_hidden.require_session(text) is
  'The signed-in caller''s id; raises LOGIN without a live session. The only place that raises LOGIN.';
grant execute on function app_hidden.require_session(text) to app_anonymous;

-- The caller's id when signed in and not suspended (pending accounts pass). SECURITY DEFINER so it can read the
-- caller's own row even where a policy would hide it; it only ever reads the caller's row.
create or replace function app_hidden.require_not_suspended(action text default 'do this')
returns uuid
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session(require_not_suspended.action);
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = v_user_id;
  -- Until the hourly job (app_private.end_suspensions) has run, a suspension past its end still holds.
  if v_user.status = 'suspended' and v_user.deleted_at is null then
    raise exception 'Your account is suspended until %; until then you cannot %',
      coalesce(to_char(v_user.suspended_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'an administrator lifts it'),
      require_not_suspended.action using errcode = 'SUSPD';
  end if;
  return v_user_id;
end;
$$;
comment on function app_hidden.require_not_suspended(text) is
  'The caller''s id if signed in and not suspended; raises LOGIN or SUSPD (naming the end of the suspension) otherwise.';
grant execute on function app_hidden.require_not_suspended(text) to app_user;

-- The one gate every marketplace function passes (docs/identity.md): signed in (LOGIN), not suspended (SUSPD),
-- active and not deleted (DNIED), at least the given verification level (DNIED, naming the level).
create or replace function app_hidden.require_user(
  min_level app_public.verification_level default 'unverified',
  action text default 'do this'
)
returns uuid
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended(require_user.action);
  v_user app_public.users;
begin
  select * into v_user from app_public.users u where u.id = v_user_id;
  if v_user.status is distinct from 'active' or v_user.deleted_at is not null then
    raise exception 'Only active accounts may %', require_user.action using errcode = 'DNIED';
  end if;
  if v_user.verification_level < require_user.min_level then
    raise exception 'Your account must be % to %', replace(require_user.min_level::text, '_', ' '), require_user.action
      using errcode = 'DNIED';
  end if;
  return v_user_id;
end;
$$;
comment on function app_hidden.require_user(app_public.verification_level, text) is
  'The caller''s id if signed in, not suspended, active and verified to at least min_level; raises LOGIN, SUSPD or DNIED otherwise.';
grant execute on function app_hidden.require_user(app_public.verification_level, text) to app_user;
