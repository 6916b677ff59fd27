-- The assigned traveler types the backup code when the QR image cannot be scanned: the active code of the delivery
-- and type (or its latest one, so that a used or revoked code answers as such), then steps 3 to 10, the backup code
-- checked after step 4 (app_private.attempt_handover). Never raises after the caller check.
create or replace function app_public.redeem_backup_code(
  delivery_id uuid,
  qr_type app_public.qr_type,
  code text,
  lat double precision default null,
  lng double precision default null,
  accuracy_m double precision default null,
  fix_time timestamptz default null,
  device_info jsonb default null,
  photo_id uuid default null,
  signature_id uuid default null,
  recipient_name text default null
)
returns app_public.scan_outcome
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'redeem backup codes');
  v_code_id uuid;
begin
  select c.id into v_code_id from app_public.qr_codes c
   where c.delivery_id = redeem_backup_code.delivery_id and c.qr_type = redeem_backup_code.qr_type
   order by c.status = 'active' desc, c.created_at desc
   limit 1;
  if v_code_id is null then
    perform app_private.log_handover_attempt(null, null,
      (select d.id from app_public.deliveries d where d.id = redeem_backup_code.delivery_id),
      redeem_backup_code.qr_type, v_user_id, 'backup_code', 'invalid_data', 'no code was issued for this handover',
      lat, lng, accuracy_m, fix_time, device_info, app_private.handover_evidence(photo_id, signature_id, recipient_name),
      null, false);
    return row('invalid_data', 'no code was issued for this handover')::app_public.scan_outcome;
  end if;
  return app_private.attempt_handover(v_code_id, 'backup_code', v_user_id, redeem_backup_code.code, lat, lng, accuracy_m,
                                      fix_time, device_info, photo_id, signature_id, recipient_name);
end;
$$;
comment on function app_public.redeem_backup_code(uuid, app_public.qr_type, text, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) is
  E'@resultFieldName outcome\nThe assigned traveler types the customer''s backup code (XXX-XXX-XXX-XXX, case and dashes ignored) for the pickup or the drop-off, with the same location, device and evidence as a scan; same checks, counters and outcome. Errors: LOGIN only.';
grant execute on function app_public.redeem_backup_code(uuid, app_public.qr_type, text, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) to app_user;
