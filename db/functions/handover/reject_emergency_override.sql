-- An admin rejects a pending emergency override (same rights as approving).
create or replace function app_public.reject_emergency_override(override_id uuid, notes text)
returns app_public.qr_emergency_overrides
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_override app_public.qr_emergency_overrides :=
    app_private.lock_override_for_decision(reject_emergency_override.override_id, 'reject emergency overrides');
begin
  update app_public.qr_emergency_overrides o
     set status = 'rejected', decided_by = app_public.current_user_id(), decided_at = now(),
         notes = trim(reject_emergency_override.notes)
   where o.id = v_override.id
  returning * into v_override;
  perform app_hidden.notify(v_override.requester_id, 'override_rejected',
    jsonb_build_object('notes', v_override.notes), 'high', v_override.delivery_id);
  perform app_hidden.log_admin_action('reject_emergency_override', 'qr_emergency_override', v_override.id::text, 'medium',
    jsonb_build_object('status', 'pending'),
    jsonb_build_object('status', v_override.status, 'delivery_id', v_override.delivery_id, 'qr_type', v_override.qr_type),
    v_override.notes);
  return v_override;
end;
$$;
comment on function app_public.reject_emergency_override(uuid, text) is
  E'@resultFieldName qrEmergencyOverride\nAn admin with qr.override, in a session that passed two-factor authentication, rejects a pending override someone else requested, with notes (10 characters at least). Errors: LOGIN, DNIED, NTFND, BADST (not pending), EXPRD, INVAL.';
grant execute on function app_public.reject_emergency_override(uuid, text) to app_user;
