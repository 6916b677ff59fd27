-- Retention steps of cleanup_expired_data (docs/operations.md, Retention) for tables whose domains had none yet.
-- Each touches at most retention.batch_size rows and returns how many; running one again changes nothing.

-- QR scans older than retention.qr_scans_days are deleted, unless their delivery's evidence is held.
create or replace function app_private.prune_qr_code_scans()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_rows integer;
begin
  delete from app_public.qr_code_scans s
   where s.id in (select o.id from app_public.qr_code_scans o
                   where o.created_at < now() - make_interval(days => (app_hidden.config_value('retention.qr_scans_days'))::integer)
                     and (o.delivery_id is null
                          or o.delivery_id not in (select h from app_private.evidence_held_delivery_ids() h))
                   limit (app_hidden.config_value('retention.batch_size'))::integer);
  get diagnostics v_rows = row_count;
  return v_rows;
end;
$$;
comment on function app_private.prune_qr_code_scans() is 'Deletes QR scans past retention.qr_scans_days, keeping held evidence; returns how many.';
