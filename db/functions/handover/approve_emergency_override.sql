-- An admin approves a pending emergency override (docs/handover.md, Emergency overrides): qr.override, in a session
-- that passed two-factor authentication (whatever security.admin_requires_2fa says: an override moves money), and
-- not the requester. The approval binds to the delivery's traveler, valid for valid_hours (override.default_valid_hours,
-- at most override.max_valid_hours).
create or replace function app_public.approve_emergency_override(
  override_id uuid,
  notes text,
  valid_hours integer default null,
  restrictions jsonb default null
)
returns app_public.qr_emergency_overrides
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_override app_public.qr_emergency_overrides :=
    app_private.lock_override_for_decision(approve_emergency_override.override_id, 'approve emergency overrides');
  v_hours integer := coalesce(approve_emergency_override.valid_hours,
                              (app_hidden.config_value('override.default_valid_hours'))::int);
begin
  if v_hours not between 1 and (app_hidden.config_value('override.max_valid_hours'))::int then
    raise exception 'valid_hours must be between 1 and %', app_hidden.config_value('override.max_valid_hours')
      using errcode = 'INVAL';
  end if;
  if approve_emergency_override.restrictions is not null
     and (jsonb_typeof(approve_emergency_override.restrictions) <> 'object'
          or exists (select 1 from jsonb_object_keys(approve_emergency_override.restrictions) k where k <> 'radius_m')
          or (approve_emergency_override.restrictions ? 'radius_m'
              and (jsonb_typeof(approve_emergency_override.restrictions -> 'radius_m') <> 'number'
                   or (approve_emergency_override.restrictions ->> 'radius_m')::numeric not between 10 and 10000))) then
    raise exception 'restrictions may only hold radius_m, between 10 and 10000' using errcode = 'INVAL';
  end if;
  update app_public.qr_emergency_overrides o
     set status = 'approved', decided_by = app_public.current_user_id(), decided_at = now(),
         notes = trim(approve_emergency_override.notes), restrictions = approve_emergency_override.restrictions,
         valid_until = now() + make_interval(hours => v_hours)
   where o.id = v_override.id
  returning * into v_override;
  perform app_hidden.notify(u.id, 'override_approved',
    jsonb_build_object('qr_type', v_override.qr_type, 'delivery_number', d.delivery_number,
                       'valid_until', app_hidden.notification_time(v_override.valid_until)),
    'high', d.id)
    from app_public.deliveries d, unnest(array[d.customer_id, d.traveler_id]) as u(id)
   where d.id = v_override.delivery_id;
  perform app_hidden.log_admin_action('approve_emergency_override', 'qr_emergency_override', v_override.id::text, 'high',
    jsonb_build_object('status', 'pending'),
    jsonb_build_object('status', v_override.status, 'delivery_id', v_override.delivery_id, 'qr_type', v_override.qr_type,
                       'valid_until', v_override.valid_until, 'restrictions', v_override.restrictions),
    v_override.notes);
  return v_override;
end;
$$;
comment on function app_public.approve_emergency_override(uuid, text, integer, jsonb) is
  E'@resultFieldName qrEmergencyOverride\nAn admin with qr.override, in a session that passed two-factor authentication, approves a pending override someone else requested: notes (10 characters at least), valid_hours (override.default_valid_hours; at most override.max_valid_hours), restrictions ({"radius_m": n}: the use must happen within n metres of the handover point). Errors: LOGIN, DNIED (no permission, no two-factor session, or the requester), NTFND, BADST (not pending), EXPRD (the request expired), INVAL.';
grant execute on function app_public.approve_emergency_override(uuid, text, integer, jsonb) to app_user;
