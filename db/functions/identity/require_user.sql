-- The one gate every content-creating function passes (docs/domain.md §1–2): signed in (LOGIN), not suspended
-- (SUSPD, naming when the suspension ends), active and not deleted (DNIED), at least the given verification level
-- (DNIED, naming the level). Returns the caller's id.
-- SECURITY DEFINER so it can read the caller's own row even where a policy would hide it; it only ever reads the
-- caller's row.
create or replace function app_hidden.require_user(
  min_level app_public.verification_level default 'unverified',
  action text default 'do this'
)
returns uuid
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_public.current_user_id();
  v_user app_public.users;
begin
  if v_user_id is null then
    raise exception 'Log in to %', require_user.action using errcode = 'LOGIN';
  end if;
  select * into v_user from app_public.users u where u.id = v_user_id;
  -- Until the hourly job (app_private.end_suspensions) has run, a suspension past its end still holds.
  if v_user.status = 'suspended' and v_user.deleted_at is null then
    raise exception 'Your account is suspended until %; until then you cannot %',
      coalesce(to_char(v_user.suspended_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'an administrator lifts it'),
      require_user.action using errcode = 'SUSPD';
  end if;
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
  'The caller''s id if signed in, active and verified to at least min_level; raises LOGIN, SUSPD or DNIED otherwise.';
grant execute on function app_hidden.require_user(app_public.verification_level, text) to app_user;
