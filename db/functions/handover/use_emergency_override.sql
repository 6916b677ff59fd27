-- The assigned traveler uses an approved emergency override (docs/handover.md, Emergency overrides): before
-- valid_until, with a location (accurate and fresh as for a bound code; within restrictions.radius_m of the handover
-- point when the admin set one) and the evidence a scan would need. Consumption is one conditional UPDATE; the
-- active code of the handover is revoked, and app_hidden.complete_handover makes the same transition as a scan
-- (source emergency_override, method override). Answers an outcome like a scan, and logs every attempt.
create or replace function app_public.use_emergency_override(
  override_id uuid,
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
  v_user_id uuid := app_hidden.require_user('unverified', 'use emergency overrides');
  v_row record;
  v_override app_public.qr_emergency_overrides;
  v_delivery app_public.deliveries;
  v_request app_public.delivery_requests;
  v_result app_public.scan_result;
  v_reason text;
  v_scan_id uuid;
  v_point geography;
  v_evidence jsonb := app_private.handover_evidence(photo_id, signature_id, recipient_name);
begin
  select o as override, d as delivery, r as request into v_row
    from app_public.qr_emergency_overrides o
    join app_public.deliveries d on d.id = o.delivery_id
    join app_public.delivery_requests r on r.id = d.request_id
   where o.id = use_emergency_override.override_id;
  v_override := v_row.override;
  v_delivery := v_row.delivery;
  v_request := v_row.request;
  if lat between -90 and 90 and lng between -180 and 180 then
    v_point := public.st_setsrid(public.st_makepoint(lng, lat), 4326)::geography;
  end if;

  if v_override.id is null then
    v_result := 'invalid_data';
    v_reason := 'this override is unknown';
  elsif v_user_id is distinct from v_delivery.traveler_id then
    v_result := 'unauthorized';
    v_reason := 'only the traveler assigned to this delivery can use its override';
  elsif v_override.status = 'used' then
    v_result := 'already_used';
    v_reason := 'this override was already used';
  elsif v_override.status = 'expired' or (v_override.status = 'approved' and v_override.valid_until <= now()) then
    v_result := 'expired';
    v_reason := 'this override has expired';
  elsif v_override.status <> 'approved' then
    v_result := 'unauthorized';
    v_reason := format('this override is %s, not approved', v_override.status);
  elsif (v_override.qr_type = 'pickup' and not app_hidden.pickup_allowed(v_delivery))
        or (v_override.qr_type = 'delivery' and not app_hidden.dropoff_allowed(v_delivery)) then
    v_result := 'wrong_state';
    v_reason := format('the delivery is %s: its %s cannot be confirmed now', replace(v_delivery.status::text, '_', ' '),
                       v_override.qr_type);
  else
    v_reason := app_private.handover_location_problem(true,
      case v_override.qr_type when 'pickup' then v_request.pickup_point else v_request.delivery_point end,
      coalesce((v_override.restrictions ->> 'radius_m')::numeric::int, 30000000), lat, lng, accuracy_m, fix_time);
    if v_reason is not null then
      v_result := 'invalid_location';
    else
      v_reason := app_private.handover_evidence_problem(v_override.qr_type, 'standard', v_request.requires_signature,
                                                        photo_id, signature_id, recipient_name);
      if v_reason is not null then
        v_result := 'failed';
      end if;
    end if;
    if v_result is null then
      begin
        begin
          perform app_private.attach_handover_evidence(v_delivery.id, v_override.qr_type, photo_id, signature_id);
        exception when sqlstate 'INVAL' or sqlstate 'BADST' then
          v_result := 'failed';
          v_reason := sqlerrm;
        end;
        if v_result is null then
          update app_public.qr_emergency_overrides o
             set status = 'used', used_by = v_user_id, used_at = now(), use_location = v_point
           where o.id = v_override.id and o.status = 'approved' and o.valid_until > now();
          if not found then
            raise exception 'consumed by another attempt' using errcode = 'BADTK';
          end if;
          update app_public.qr_codes c set status = 'revoked', revoked_at = now(), revoke_reason = 'other'
           where c.delivery_id = v_delivery.id and c.qr_type = v_override.qr_type and c.status = 'active';
          v_scan_id := app_private.log_handover_attempt(null, v_override.id, v_delivery.id, v_override.qr_type, v_user_id,
            'override', 'success', 'handover confirmed by an approved emergency override', lat, lng, accuracy_m, fix_time,
            device_info, v_evidence, null, false);
          perform app_hidden.complete_handover(v_delivery.id, v_override.qr_type, 'emergency_override', v_user_id,
                                               'override', v_scan_id, v_point, false);
          v_result := 'success';
          v_reason := 'handover confirmed by an approved emergency override';
        end if;
      exception
        when sqlstate 'BADTK' then
          v_result := 'already_used';
          v_reason := 'this override was just used';
        when sqlstate 'BADST' then
          v_result := 'wrong_state';
          v_reason := sqlerrm;
      end;
    end if;
  end if;

  if v_result <> 'success' then
    perform app_private.log_handover_attempt(null, v_override.id, v_delivery.id, v_override.qr_type, v_user_id, 'override',
      v_result, v_reason, lat, lng, accuracy_m, fix_time, device_info, v_evidence, null, false);
  end if;
  return row(v_result, v_reason)::app_public.scan_outcome;
end;
$$;
comment on function app_public.use_emergency_override(uuid, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) is
  E'@resultFieldName outcome\nThe assigned traveler uses an approved emergency override before its valid_until, with a location (lat, lng, accuracy_m, fix_time) and the evidence a scan needs (photo_id; signature_id when the request requires a signature). A success makes the same transition as a scan and revokes the handover''s active code. Answers an outcome like scanQrCode; every attempt is logged. Errors: LOGIN only.';
grant execute on function app_public.use_emergency_override(uuid, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) to app_user;
