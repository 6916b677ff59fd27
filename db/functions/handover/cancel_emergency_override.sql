-- The requester withdraws an override that is pending or approved but unused.
create or replace function app_public.cancel_emergency_override(override_id uuid)
returns app_public.qr_emergency_overrides
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'cancel emergency overrides');
  v_override app_public.qr_emergency_overrides;
begin
  select o.* into v_override from app_public.qr_emergency_overrides o
    join app_public.deliveries d on d.id = o.delivery_id
   where o.id = cancel_emergency_override.override_id and v_user_id in (d.customer_id, d.traveler_id)
     for update of o;
  if v_override.id is null then
    raise exception 'Emergency override not found' using errcode = 'NTFND';
  end if;
  if v_override.requester_id <> v_user_id then
    raise exception 'Only the requester cancels an emergency override' using errcode = 'DNIED';
  end if;
  if v_override.status not in ('pending', 'approved') then
    raise exception 'This override is % already', v_override.status using errcode = 'BADST';
  end if;
  update app_public.qr_emergency_overrides o set status = 'cancelled', cancelled_at = now()
   where o.id = v_override.id
  returning * into v_override;
  return v_override;
end;
$$;
comment on function app_public.cancel_emergency_override(uuid) is
  E'@resultFieldName qrEmergencyOverride\nThe requester withdraws a pending or approved (unused) emergency override. Errors: LOGIN, NTFND, DNIED (not the requester), BADST.';
grant execute on function app_public.cancel_emergency_override(uuid) to app_user;
