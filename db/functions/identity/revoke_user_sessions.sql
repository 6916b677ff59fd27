-- Ends a user's device sessions (password change or reset, logout everywhere, suspension, deletion); their
-- tokens stop working on the next request.
create or replace function app_private.revoke_user_sessions(user_id uuid, except_session_id uuid default null)
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with revoked as (
    update app_private.sessions s set revoked_at = now()
     where s.user_id = revoke_user_sessions.user_id and s.revoked_at is null
       and s.id is distinct from revoke_user_sessions.except_session_id
    returning 1
  )
  select count(*)::integer from revoked;
$$;
comment on function app_private.revoke_user_sessions(uuid, uuid) is 'Revokes every live session of the user but the one given.';
