-- Removes a block the caller made.
create or replace function app_public.unblock_user(user_id uuid)
returns boolean
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('unblock users');
begin
  delete from app_public.user_blocks b where b.blocker_id = v_user_id and b.blocked_id = unblock_user.user_id;
  return found;
end;
$$;
comment on function app_public.unblock_user(uuid) is E'@resultFieldName success\nRemoves a block the signed-in user made; false when there was none. Errors: LOGIN.';
grant execute on function app_public.unblock_user(uuid) to app_user;
