-- An admin asks for a data export (docs/operations.md, Exports): reports.export in a two-factor session. The rows
-- are written by exports__create (streamed through a cursor) into EXPORT_DIR and downloaded from /exports/<id> by
-- the admin who asked, until retention.exports_days have passed. Exports of personal data are flagged contains_pii.
-- Audited: high when the export holds personal data, medium otherwise.
create or replace function app_public.request_data_export(export_type app_public.export_type,
                                                          format app_public.export_format,
                                                          filters jsonb default '{}')
returns app_public.data_exports
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('reports.export', 'export data');
  v_filters jsonb := coalesce(request_data_export.filters, '{}');
  v_key text;
  v_export app_public.data_exports;
begin
  if request_data_export.export_type is null then
    raise exception 'export_type is required' using errcode = 'INVAL';
  end if;
  if request_data_export.format is null then
    raise exception 'format is required' using errcode = 'INVAL';
  end if;
  if jsonb_typeof(v_filters) <> 'object' then
    raise exception 'filters must be a JSON object such as {"from": "2026-01-01", "to": "2026-02-01"}' using errcode = 'INVAL';
  end if;
  for v_key in select jsonb_object_keys(v_filters) loop
    if v_key not in ('from', 'to') then
      raise exception 'filters may hold only from and to, not %', v_key using errcode = 'INVAL';
    end if;
    if jsonb_typeof(v_filters -> v_key) <> 'string' or (v_filters ->> v_key) !~ '^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$' then
      raise exception 'filters.% must be a date or a timestamp (ISO 8601)', v_key using errcode = 'INVAL';
    end if;
    begin
      perform (v_filters ->> v_key)::timestamptz;
    exception when others then
      raise exception 'filters.% must be a date or a timestamp (ISO 8601)', v_key using errcode = 'INVAL';
    end;
  end loop;
  if (v_filters ->> 'from')::timestamptz >= (v_filters ->> 'to')::timestamptz then
    raise exception 'filters.from must be before filters.to' using errcode = 'INVAL';
  end if;
  insert into app_public.data_exports (export_type, format, filters, contains_pii, requested_by, expires_at)
  values (request_data_export.export_type, request_data_export.format, v_filters,
          request_data_export.export_type = 'users', v_admin,
          now() + make_interval(days => (app_hidden.config_value('retention.exports_days'))::integer))
  returning * into v_export;
  perform graphile_worker.add_job('exports__create', json_build_object('id', v_export.id),
    job_key := 'exports__create:' || v_export.id, max_attempts := 3);
  perform app_hidden.log_admin_action('request_data_export', 'data_export', v_export.id::text,
    case when v_export.contains_pii then 'high' else 'medium' end::app_public.activity_severity, null,
    jsonb_build_object('export_type', v_export.export_type, 'format', v_export.format, 'filters', v_export.filters,
                       'contains_pii', v_export.contains_pii));
  return v_export;
end;
$$;
comment on function app_public.request_data_export(app_public.export_type, app_public.export_format, jsonb) is E'@resultFieldName dataExport\nExports rows (users, deliveries, requests, trips, payments or reviews) as CSV or JSON in a moment; filters {"from", "to"} bound their creation time. Download the file from /exports/<rowId> with your token once it is completed, until expiresAt. Needs reports.export and a two-factor session. Errors: LOGIN, DNIED, INVAL (filters).';
grant execute on function app_public.request_data_export(app_public.export_type, app_public.export_format, jsonb) to app_user;
