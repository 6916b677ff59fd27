-- Monitoring (docs/operations.md): app_hidden.database_performance for admins with system.read, as a JSON array (the view is not
-- in the API's schema). Security definer so that the statistics are read as the owner, whatever the caller's rights.
create or replace function app_public.admin_database_performance()
returns jsonb
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.require_user('unverified', 'read database statistics');
  if not app_hidden.current_user_has_permission('system.read') then
    raise exception 'Only admins with system.read may read database statistics' using errcode = 'DNIED';
  end if;
  return coalesce((select jsonb_agg(to_jsonb(v) order by coalesce(v.seq_tup_read, 0) + coalesce(v.idx_tup_fetch, 0) desc) from app_hidden.database_performance v), '[]');
end;
$$;
comment on function app_public.admin_database_performance() is 'Per table: scans, tuples read and written, live and dead rows, last vacuum and analyze (pg_stat_user_tables), busiest first. Needs system.read. Errors: LOGIN, DNIED.';
grant execute on function app_public.admin_database_performance() to app_user;
