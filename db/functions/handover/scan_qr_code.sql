-- The assigned traveler scans the customer's code (docs/handover.md, The ten steps). Steps 1 (format, key, MAC) and
-- 2 (the code of the nonce, for the delivery and type the token names) are here; steps 3 to 10 are
-- app_private.attempt_handover's. Never raises after the caller check: every attempt is logged and answered.
create or replace function app_public.scan_qr_code(
  token text,
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
  v_user_id uuid := app_hidden.require_user('unverified', 'scan handover codes');
  v_token record;
  v_code app_public.qr_codes;
  v_reason text;
begin
  select * into v_token from app_private.read_qr_token(scan_qr_code.token);
  if v_token.problem is null then
    select c.* into v_code from app_private.qr_code_secrets s join app_public.qr_codes c on c.id = s.qr_code_id
     where s.token_hash = v_token.token_hash;
    if v_code.id is null then
      v_reason := 'this code is unknown';
    elsif v_code.delivery_id <> v_token.delivery_id or v_code.qr_type <> v_token.qr_type then
      v_reason := 'this code does not belong to the delivery it names';
    end if;
  else
    v_reason := v_token.problem;
  end if;
  if v_reason is not null then
    -- Counted on the code when there is one (a mismatched token); logged against nothing otherwise.
    perform app_private.log_handover_attempt(v_code.id, null, v_code.delivery_id, v_code.qr_type, v_user_id, 'qr',
      'invalid_data', v_reason, lat, lng, accuracy_m, fix_time, device_info,
      app_private.handover_evidence(photo_id, signature_id, recipient_name), null, false);
    return row('invalid_data', v_reason)::app_public.scan_outcome;
  end if;
  return app_private.attempt_handover(v_code.id, 'qr', v_user_id, null, lat, lng, accuracy_m, fix_time, device_info,
                                      photo_id, signature_id, recipient_name);
end;
$$;
comment on function app_public.scan_qr_code(text, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) is
  E'@resultFieldName outcome\nThe assigned traveler scans the customer''s handover code, with the location (lat, lng, accuracy_m, fix_time: required for a bound code), the device (device_id, platform, app_version) and the evidence: photo_id (a ready pickup_evidence or delivery_evidence file of the traveler''s), signature_id and recipient_name when the code asks for them. A success moves the delivery to picked_up or delivered. Answers an outcome instead of raising (success, failed, invalid_location, expired, already_used, unauthorized, invalid_data, revoked, rate_limited, wrong_state), and every attempt is logged. Errors: LOGIN only.';
grant execute on function app_public.scan_qr_code(text, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) to app_user;
