-- Monitoring (docs/operations.md): app_hidden.table_sizes for admins with system.read, as a JSON array (the view is not
-- in the API's schema). Security definer so that the statistics are read as the owner, whatever the caller's rights.
create or replace function app_public.admin_table_sizes()
returns jsonb
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.require_user('unverified', 'read database statistics');
  if not app_hidden.current_user_has_permission('system.read') then
    raise exception 'Only admins with system.read may read database statistics' using errcode = 'DNIED';
  end if;
  return coalesce((select jsonb_agg(to_jsonb(v) order by v.total_bytes desc) from app_hidden.table_sizes v), '[]');
end;
$$;
comment on function app_public.admin_table_sizes() is 'Per table: bytes of the table, its indexes and its TOAST data, largest first. Needs system.read. Errors: LOGIN, DNIED.';
grant execute on function app_public.admin_table_sizes() to app_user;
