-- Either party asks for an emergency override while a handover is due (docs/handover.md, Emergency overrides): no
-- code is made; an admin decides. At most override.max_open_per_user open (pending or approved) per requester, one
-- pending per delivery and type (a unique index). Admins holding qr.override are emailed.
create or replace function app_public.request_emergency_override(
  delivery_id uuid,
  qr_type app_public.qr_type,
  reason app_public.override_reason,
  description text,
  alternative_verification text default null
)
returns app_public.qr_emergency_overrides
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'request emergency overrides');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(request_emergency_override.delivery_id, v_user_id);
  v_override app_public.qr_emergency_overrides;
begin
  if request_emergency_override.qr_type is null or request_emergency_override.reason is null then
    raise exception 'qr_type and reason are required' using errcode = 'INVAL';
  end if;
  if (request_emergency_override.qr_type = 'pickup' and not app_hidden.pickup_allowed(v_delivery))
     or (request_emergency_override.qr_type = 'delivery' and not app_hidden.dropoff_allowed(v_delivery)) then
    raise exception 'No % is due while the delivery is %', request_emergency_override.qr_type, v_delivery.status
      using errcode = 'BADST';
  end if;
  perform 1 from app_public.users u where u.id = v_user_id for update;  -- one open-override count at a time per user
  if (select count(*) from app_public.qr_emergency_overrides o
       where o.requester_id = v_user_id
         and ((o.status = 'pending' and o.expires_at > now()) or (o.status = 'approved' and o.valid_until > now())))
     >= (app_hidden.config_value('override.max_open_per_user'))::int then
    raise exception 'You may have at most % open emergency overrides', app_hidden.config_value('override.max_open_per_user')
      using errcode = 'LIMIT';
  end if;
  -- A pending request past its expiry no longer holds the delivery's place.
  update app_public.qr_emergency_overrides o set status = 'expired'
   where o.delivery_id = v_delivery.id and o.qr_type = request_emergency_override.qr_type and o.status = 'pending'
     and o.expires_at <= now();
  insert into app_public.qr_emergency_overrides (delivery_id, qr_type, requester_id, reason, description,
                                                 alternative_verification, expires_at)
  values (v_delivery.id, request_emergency_override.qr_type, v_user_id, request_emergency_override.reason,
          trim(request_emergency_override.description), nullif(trim(request_emergency_override.alternative_verification), ''),
          now() + make_interval(hours => (app_hidden.config_value('override.pending_ttl_hours'))::int))
  returning * into v_override;
  perform app_private.alert_admins('qr.override', 'override_requested_alert',
    jsonb_build_object('pickup', v_override.qr_type = 'pickup', 'delivery_number', v_delivery.delivery_number,
                       'reason', v_override.reason, 'override_id', v_override.id));
  return v_override;
end;
$$;
comment on function app_public.request_emergency_override(uuid, app_public.qr_type, app_public.override_reason, text, text) is
  E'@resultFieldName qrEmergencyOverride\nA party asks an admin to let the handover (pickup or drop-off) be confirmed without its code, with a reason, a description (10 to 1000 characters) and how else it can be verified. Expires after override.pending_ttl_hours unless decided. Errors: LOGIN, NTFND, BADST (no such handover due now), LIMIT (override.max_open_per_user open), EXIST (one is pending already), INVAL.';
grant execute on function app_public.request_emergency_override(uuid, app_public.qr_type, app_public.override_reason, text, text) to app_user;
