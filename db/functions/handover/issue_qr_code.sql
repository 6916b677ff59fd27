-- The customer issues a handover code (docs/handover.md, Issuing): the pickup code once the delivery may be picked
-- up (app_hidden.pickup_allowed: its payment authorised too), the delivery code from acceptance until delivery. The
-- signed token and the backup code are returned once; the database keeps the SHA-256 of the token's nonce and the
-- bcrypt of the backup code (auth.backup_code_bcrypt_cost). An active code of the same delivery and type is revoked
-- (regenerated) first.
create or replace function app_public.issue_qr_code(
  delivery_id uuid,
  qr_type app_public.qr_type,
  expires_in_hours integer default null,
  bind_location boolean default true,
  security_level app_public.security_level default 'standard',
  radius_m integer default null
)
returns app_public.issued_qr_code
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'issue handover codes');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(issue_qr_code.delivery_id, v_user_id);
  v_hours integer := coalesce(issue_qr_code.expires_in_hours, (app_hidden.config_value('qr.default_expiry_hours'))::int);
  v_level app_public.security_level := coalesce(issue_qr_code.security_level, 'standard');
  v_bound boolean := coalesce(issue_qr_code.bind_location, true);
  v_point geography;
  v_key app_private.qr_signing_keys;
  v_nonce bytea := public.gen_random_bytes(16);
  v_backup_code text := app_private.new_qr_backup_code();
  v_code app_public.qr_codes;
begin
  if v_delivery.customer_id <> v_user_id then
    raise exception 'Only the customer issues handover codes' using errcode = 'DNIED';
  end if;
  if issue_qr_code.qr_type is null then
    raise exception 'qr_type is required' using errcode = 'INVAL';
  end if;
  -- The delivery code from acceptance (whatever the payment: it is not scanned before the pickup) until delivery.
  if (issue_qr_code.qr_type = 'pickup' and not app_hidden.pickup_allowed(v_delivery))
     or (issue_qr_code.qr_type = 'delivery'
         and not (v_delivery.status in ('accepted', 'pickup_scheduled') or app_hidden.dropoff_allowed(v_delivery))) then
    raise exception 'A % code cannot be issued while the delivery is %', issue_qr_code.qr_type,
      v_delivery.status || case when issue_qr_code.qr_type = 'pickup' and v_delivery.status in ('accepted', 'pickup_scheduled')
                                then ' and its payment is not authorised' else '' end
      using errcode = 'BADST';
  end if;
  if v_hours not between (app_hidden.config_value('qr.min_expiry_hours'))::int
                     and (app_hidden.config_value('qr.max_expiry_hours'))::int then
    raise exception 'expires_in_hours must be between % and %', app_hidden.config_value('qr.min_expiry_hours'),
      app_hidden.config_value('qr.max_expiry_hours') using errcode = 'INVAL';
  end if;
  if v_level = 'maximum' and v_hours > (app_hidden.config_value('qr.max_expiry_maximum_level'))::int then
    raise exception 'expires_in_hours must be at most % at the maximum security level',
      app_hidden.config_value('qr.max_expiry_maximum_level') using errcode = 'INVAL';
  end if;
  select case issue_qr_code.qr_type when 'pickup' then r.pickup_point else r.delivery_point end into v_point
    from app_public.delivery_requests r where r.id = v_delivery.request_id;

  update app_public.qr_codes c set status = 'revoked', revoked_at = now(), revoke_reason = 'regenerated'
   where c.delivery_id = v_delivery.id and c.qr_type = issue_qr_code.qr_type and c.status = 'active';
  v_key := app_private.active_qr_signing_key();
  -- The binding's own rules (only a standard code unbound, the radius's range) are the table's CHECKs.
  insert into app_public.qr_codes (delivery_id, qr_type, key_id, security_level, expires_at, location_bound,
                                   bound_point, bound_radius_m, issued_by)
  values (v_delivery.id, issue_qr_code.qr_type, v_key.key_id, v_level, now() + make_interval(hours => v_hours), v_bound,
          case when v_bound then v_point end,
          case when v_bound then coalesce(issue_qr_code.radius_m, (app_hidden.config_value('qr.bound_radius_m'))::int) end,
          v_user_id)
  returning * into v_code;
  insert into app_private.qr_code_secrets (qr_code_id, token_hash, backup_code_hash)
  values (v_code.id, sha256(v_nonce),
          public.crypt(app_hidden.normalised_backup_code(v_backup_code),
                       public.gen_salt('bf', (app_hidden.config_value('auth.backup_code_bcrypt_cost'))::int)));
  return row(v_code.id, app_private.sign_qr_token(v_key, v_delivery.id, issue_qr_code.qr_type, v_nonce, v_code.expires_at),
             v_backup_code, v_code.expires_at)::app_public.issued_qr_code;
end;
$$;
comment on function app_public.issue_qr_code(uuid, app_public.qr_type, integer, boolean, app_public.security_level, integer) is
  E'@resultFieldName issuedQrCode\nThe customer issues the pickup code (once the delivery may be picked up: awaiting pickup, its payment authorised) or the delivery code (from acceptance until delivery): the signed token to show as a QR image and the backup code, returned only now. Expiry in hours (qr.default_expiry_hours, between qr.min_expiry_hours and qr.max_expiry_hours; at most qr.max_expiry_maximum_level at maximum level); bound by default to the request''s pickup or drop-off point within radius_m (qr.bound_radius_m; 50 to 10000), unbound only at standard level. Issuing again revokes the active code of that type. Errors: LOGIN, NTFND, DNIED (not the customer), BADST (not now; for a pickup code: also while the payment is not authorised), INVAL.';
grant execute on function app_public.issue_qr_code(uuid, app_public.qr_type, integer, boolean, app_public.security_level, integer) to app_user;
