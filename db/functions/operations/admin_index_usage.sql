-- Monitoring (docs/operations.md): app_hidden.index_usage for admins with system.read, as a JSON array (the view is not
-- in the API's schema). Security definer so that the statistics are read as the owner, whatever the caller's rights.
create or replace function app_public.admin_index_usage()
returns jsonb
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.require_user('unverified', 'read database statistics');
  if not app_hidden.current_user_has_permission('system.read') then
    raise exception 'Only admins with system.read may read database statistics' using errcode = 'DNIED';
  end if;
  return coalesce((select jsonb_agg(to_jsonb(v) order by v.idx_scan, v.size_bytes desc) from app_hidden.index_usage v), '[]');
end;
$$;
comment on function app_public.admin_index_usage() is 'Per index: table, index, scans and size in bytes (pg_stat_user_indexes), least used first; an index never scanned is a candidate for removal. Needs system.read. Errors: LOGIN, DNIED.';
grant execute on function app_public.admin_index_usage() to app_user;
