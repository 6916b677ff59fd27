-- Makes one of the caller's addresses the default, atomically (user_addresses.sql keeps one default per user).
create or replace function app_public.set_default_address(address_id uuid)
returns app_public.user_addresses
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('manage your addresses');
  v_address app_public.user_addresses;
begin
  -- Lock all of the user's addresses so concurrent switches serialise.
  perform 1 from app_public.user_addresses a where a.user_id = v_user_id order by a.id for update;
  if not exists (select 1 from app_public.user_addresses a
                  where a.id = set_default_address.address_id and a.user_id = v_user_id) then
    raise exception 'Address not found' using errcode = 'NTFND';
  end if;
  update app_public.user_addresses a set is_default = false
   where a.user_id = v_user_id and a.is_default and a.id <> set_default_address.address_id;
  update app_public.user_addresses a set is_default = true
   where a.id = set_default_address.address_id
  returning a.* into v_address;
  return v_address;
end;
$$;
comment on function app_public.set_default_address(uuid) is E'@resultFieldName userAddress\nMakes one of the signed-in user''s addresses the default (the previous default stops being one). Errors: LOGIN, NTFND.';
grant execute on function app_public.set_default_address(uuid) to app_user;
