-- The handover domain's shared helpers (docs/handover.md): the token format, backup codes, the checks of an attempt
-- (place, evidence, risk), the attempt log and its counters, and steps 3 to 10 of an attempt on a known code, which
-- scan_qr_code (after steps 1 and 2) and redeem_backup_code share. Attempts answer app_public.scan_outcome instead of
-- raising, so that the log row and the counters commit whatever the outcome.

-- base64url without padding (RFC 4648, section 5), as the token writes its parts.
create or replace function app_hidden.b64url_encode(data bytea)
returns text
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select translate(encode(b64url_encode.data, 'base64'), E'+/=\n', '-_');
$$;
comment on function app_hidden.b64url_encode(bytea) is 'base64url of the bytes, without padding.';

-- decode() raises a data exception (class 22) on anything that is not base64url; callers catch it.
create or replace function app_hidden.b64url_decode(data text)
returns bytea
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select decode(translate(b64url_decode.data, '-_', '+/') || repeat('=', (4 - length(b64url_decode.data) % 4) % 4), 'base64');
$$;
comment on function app_hidden.b64url_decode(text) is 'The bytes of an unpadded base64url text (a data exception otherwise).';

-- A token: 'P2PQR1.' || b64url(payload) || '.' || b64url(HMAC-SHA256(secret, 'P2PQR1.' || b64url(payload))). The
-- payload is JSON: k (key id), d (delivery id), t (qr type), n (b64url of a 16-byte nonce), e (expiry, Unix seconds).
create or replace function app_private.sign_qr_token(
  key app_private.qr_signing_keys, delivery_id uuid, qr_type app_public.qr_type, nonce bytea, expires_at timestamptz)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  with signed as (
    select 'P2PQR1.' || app_hidden.b64url_encode(convert_to(jsonb_build_object(
             'k', (sign_qr_token.key).key_id, 'd', sign_qr_token.delivery_id, 't', sign_qr_token.qr_type,
             'n', app_hidden.b64url_encode(sign_qr_token.nonce),
             'e', floor(extract(epoch from sign_qr_token.expires_at))::bigint)::text, 'UTF8')) as body)
  select s.body || '.' || app_hidden.b64url_encode(public.hmac(convert_to(s.body, 'UTF8'), (sign_qr_token.key).secret, 'sha256'))
    from signed s;
$$;
comment on function app_private.sign_qr_token(app_private.qr_signing_keys, uuid, app_public.qr_type, bytea, timestamptz) is 'The signed handover token of a nonce.';

-- Step 1 of a scan: the token's format, its key (known and still verifying) and its MAC. problem is null when all
-- hold; the nonce's SHA-256 (what the database keeps) comes back for step 2.
-- Constant time: bytea equality stops at the first differing byte, which would tell an attacker how much of a forged
-- MAC is right. Both MACs are hashed first and the hashes compared: where they first differ says nothing about the
-- MAC the attacker chose (the double-HMAC comparison).
create or replace function app_private.read_qr_token(
  token text,
  out problem text,
  out key_id text,
  out delivery_id uuid,
  out qr_type app_public.qr_type,
  out token_hash bytea,
  out token_expires_at timestamptz
)
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_parts text[];
  v_payload jsonb;
  v_nonce bytea;
  v_mac bytea;
  v_secret bytea;
begin
  if read_qr_token.token is null or length(read_qr_token.token) > 1000
     or read_qr_token.token !~ '^P2PQR1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' then
    problem := 'this is not a handover code';
    return;
  end if;
  v_parts := string_to_array(read_qr_token.token, '.');
  begin
    v_payload := convert_from(app_hidden.b64url_decode(v_parts[2]), 'UTF8')::jsonb;
    v_mac := app_hidden.b64url_decode(v_parts[3]);
    key_id := v_payload ->> 'k';
    delivery_id := (v_payload ->> 'd')::uuid;
    qr_type := (v_payload ->> 't')::app_public.qr_type;
    v_nonce := app_hidden.b64url_decode(v_payload ->> 'n');
    token_expires_at := to_timestamp((v_payload ->> 'e')::bigint);
  exception when data_exception then
    problem := 'the code is damaged (its content cannot be read)';
    return;
  end;
  if key_id is null or delivery_id is null or qr_type is null or length(v_nonce) is distinct from 16
     or token_expires_at is null then
    problem := 'the code is damaged (a field is missing)';
    return;
  end if;
  v_secret := app_private.verifying_qr_signing_secret(key_id);
  if v_secret is null then
    problem := case when exists (select 1 from app_private.qr_signing_keys k where k.key_id = read_qr_token.key_id)
                    then 'the code was signed with a key that no longer verifies'
                    else 'the code names an unknown signing key' end;
    return;
  end if;
  if sha256(public.hmac(convert_to(v_parts[1] || '.' || v_parts[2], 'UTF8'), v_secret, 'sha256')) <> sha256(v_mac) then
    problem := 'the code''s signature does not match';
    return;
  end if;
  token_hash := sha256(v_nonce);
end;
$$;
comment on function app_private.read_qr_token(text) is 'Parses and verifies a handover token (step 1): a problem, or its fields and the SHA-256 of its nonce.';

-- A backup code: 12 symbols of a 32-symbol alphabet without 0, O, 1 and I (60 bits), shown as XXX-XXX-XXX-XXX.
-- A byte modulo 32 is uniform (256 = 8 × 32).
create or replace function app_private.new_qr_backup_code()
returns text
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', get_byte(b.bytes, i) % 32 + 1, 1)
                      || case when i in (2, 5, 8) then '-' else '' end, '' order by i)
    from (select public.gen_random_bytes(12) as bytes) b, generate_series(0, 11) as i;
$$;
comment on function app_private.new_qr_backup_code() is 'A new random backup code, XXX-XXX-XXX-XXX.';

-- What is compared: upper case, without separators.
create or replace function app_hidden.normalised_backup_code(code text)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select upper(regexp_replace(coalesce(normalised_backup_code.code, ''), '[\s-]', '', 'g'));
$$;
comment on function app_hidden.normalised_backup_code(text) is 'A typed backup code as it is hashed: upper case, no dashes or spaces.';

-- Step 7, place: a bound code needs a location, accurate to qr.max_accuracy_m, fixed at most qr.max_fix_age_s ago,
-- within the code's radius of its point. Null when it holds.
create or replace function app_private.handover_location_problem(
  bound boolean, bound_point geography, radius_m integer,
  lat double precision, lng double precision, accuracy_m double precision, fix_time timestamptz)
returns text
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_distance double precision;
begin
  if not handover_location_problem.bound then
    return null;
  end if;
  if lat is null or lng is null or accuracy_m is null or fix_time is null then
    return 'a location (lat, lng, accuracy_m and fix_time) is required: this code must be scanned at the handover place';
  end if;
  if lat not between -90 and 90 or lng not between -180 and 180 or accuracy_m < 0 then
    return 'the location is not a valid position';
  end if;
  if accuracy_m > (app_hidden.config_value('qr.max_accuracy_m'))::int then
    return format('the location is not accurate enough (%s m; at most %s m)', round(accuracy_m::numeric),
                  app_hidden.config_value('qr.max_accuracy_m'));
  end if;
  if fix_time < now() - make_interval(secs => (app_hidden.config_value('qr.max_fix_age_s'))::int) then
    return format('the location fix is too old (at most %s seconds)', app_hidden.config_value('qr.max_fix_age_s'));
  end if;
  if fix_time > now() + interval '1 minute' then
    return 'the location fix is in the future';
  end if;
  v_distance := public.st_distance(handover_location_problem.bound_point,
                                   public.st_setsrid(public.st_makepoint(lng, lat), 4326)::geography);
  if v_distance > radius_m then
    return format('the scan happened %s m from the handover place (at most %s m)', round(v_distance::numeric), radius_m);
  end if;
  return null;
end;
$$;
comment on function app_private.handover_location_problem(boolean, geography, integer, double precision, double precision, double precision, timestamptz) is 'Why a location does not prove presence at the handover place, or null.';

-- Step 7, evidence: a photo of the item at pickup; at drop-off a photo, a signature when the request requires one
-- or the code is at maximum level, and the recipient's name at high and maximum levels.
create or replace function app_private.handover_evidence_problem(
  qr_type app_public.qr_type, level app_public.security_level, requires_signature boolean,
  photo_id uuid, signature_id uuid, recipient_name text)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select case
    when handover_evidence_problem.photo_id is null then
      format('a photo of the item (photo_id) is required at %s', handover_evidence_problem.qr_type)
    when handover_evidence_problem.qr_type = 'delivery' and handover_evidence_problem.signature_id is null
         and (handover_evidence_problem.requires_signature or handover_evidence_problem.level = 'maximum') then
      'the recipient''s signature (signature_id) is required'
    when handover_evidence_problem.qr_type = 'delivery' and handover_evidence_problem.level in ('high', 'maximum')
         and coalesce(trim(handover_evidence_problem.recipient_name), '') = '' then
      'the recipient''s name (recipient_name) is required'
    when length(handover_evidence_problem.recipient_name) > 100 then
      'recipient_name must have at most 100 characters'
  end;
$$;
comment on function app_private.handover_evidence_problem(app_public.qr_type, app_public.security_level, boolean, uuid, uuid, text) is 'Why the evidence of a handover is incomplete, or null.';

-- Step 8: the risk of an attempt, 0 to 1 (docs/handover.md, Risk). Night is 22:00 to 06:00 in the solar time of the
-- scan's longitude (UTC without a location).
create or replace function app_private.handover_risk(
  scanner_id uuid, code_created_at timestamptz, lng double precision, accuracy_m double precision, device_info jsonb)
returns numeric
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select least(1, 0
    + case when handover_risk.accuracy_m > 50 then 0.2 else 0 end
    + case when coalesce(handover_risk.device_info ->> 'platform', '') <> all (enum_range(null::app_public.platform)::text[])
           then 0.1 else 0 end
    + case when (extract(hour from now() at time zone 'UTC')::int + coalesce(round(handover_risk.lng / 15)::int, 0) + 24) % 24
                not between 6 and 21 then 0.1 else 0 end
    + case when (select count(*) from app_public.qr_code_scans s
                  where s.scanner_id = handover_risk.scanner_id and s.created_at > now() - interval '1 hour') > 5
           then 0.3 else 0 end
    + case when handover_risk.code_created_at < now() - interval '24 hours' then 0.1 else 0 end
    + case when exists (select 1 from app_private.sessions s
                         where s.id = app_hidden.current_session_id() and s.device_id is not null
                           and handover_risk.device_info ->> 'device_id' is not null
                           and s.device_id <> handover_risk.device_info ->> 'device_id') then 0.2 else 0 end)::numeric(3, 2);
$$;
comment on function app_private.handover_risk(uuid, timestamptz, double precision, double precision, jsonb) is 'Risk score of a handover attempt (accuracy, platform, night, scan rate, code age, device).';

-- Logs an attempt and, for a failure on a known code, counts it: qr.revoke_after_failures failures revoke the code
-- (too_many_attempts), ask the customer to issue a new one and alert admins. A failure is every result but success
-- and already_used (a repeated scan of a code that did its job guesses nothing). Returns the scan's id.
create or replace function app_private.log_handover_attempt(
  qr_code_id uuid, override_id uuid, delivery_id uuid, qr_type app_public.qr_type, scanner_id uuid,
  method app_public.handover_method, result app_public.scan_result, reason text,
  lat double precision, lng double precision, accuracy_m double precision, fix_time timestamptz, device_info jsonb,
  evidence jsonb, risk_score numeric, review_required boolean)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_scan_id uuid;
  v_code app_public.qr_codes;
  v_delivery_number text;
begin
  insert into app_public.qr_code_scans (qr_code_id, override_id, delivery_id, qr_type, scanner_id, method, result,
    reason, location, accuracy_m, fix_time, device_info, evidence, risk_score, review_required)
  values (log_handover_attempt.qr_code_id, log_handover_attempt.override_id, log_handover_attempt.delivery_id,
    log_handover_attempt.qr_type, log_handover_attempt.scanner_id, log_handover_attempt.method,
    log_handover_attempt.result, left(log_handover_attempt.reason, 500),
    case when lat between -90 and 90 and lng between -180 and 180
         then public.st_setsrid(public.st_makepoint(lng, lat), 4326)::geography end,
    case when accuracy_m between 0 and 9999999 then round(accuracy_m::numeric, 1) end, fix_time,
    case when jsonb_typeof(log_handover_attempt.device_info) = 'object' then log_handover_attempt.device_info end,
    nullif(log_handover_attempt.evidence, '{}'::jsonb), log_handover_attempt.risk_score,
    coalesce(log_handover_attempt.review_required, false))
  returning id into v_scan_id;
  if app_hidden.current_ip() is not null then
    insert into app_private.qr_code_scan_origins (scan_id, ip) values (v_scan_id, app_hidden.current_ip());
  end if;

  if log_handover_attempt.qr_code_id is not null and log_handover_attempt.result not in ('success', 'already_used') then
    update app_public.qr_codes c set failed_attempts = c.failed_attempts + 1
     where c.id = log_handover_attempt.qr_code_id
    returning * into v_code;
    if v_code.status = 'active' and v_code.failed_attempts >= (app_hidden.config_value('qr.revoke_after_failures'))::int then
      update app_public.qr_codes c set status = 'revoked', revoked_at = now(), revoke_reason = 'too_many_attempts'
       where c.id = v_code.id;
      select d.delivery_number into v_delivery_number from app_public.deliveries d where d.id = v_code.delivery_id;
      perform app_hidden.notify(v_code.issued_by, 'handover_code_blocked',
        jsonb_build_object('delivery_number', v_delivery_number), 'urgent', v_code.delivery_id);
      perform app_private.alert_admins('qr.override', 'handover_code_revoked_alert',
        jsonb_build_object('pickup', v_code.qr_type = 'pickup', 'qr_code_id', v_code.id,
                           'delivery_number', v_delivery_number, 'failed_attempts', v_code.failed_attempts));
    end if;
  end if;
  return v_scan_id;
end;
$$;
comment on function app_private.log_handover_attempt(uuid, uuid, uuid, app_public.qr_type, uuid, app_public.handover_method, app_public.scan_result, text, double precision, double precision, double precision, timestamptz, jsonb, jsonb, numeric, boolean) is 'Logs a handover attempt; counts a failure on its code and revokes the code after qr.revoke_after_failures.';

-- Attaches the evidence files to the delivery (pickup_photo_id, or delivery_photo_id and signature_id): the
-- attachment trigger (app_hidden.tg__attach_files) checks that each is a ready file of the traveler's of the right
-- purpose and raises INVAL or BADST otherwise, which the attempt turns into a failed outcome.
create or replace function app_private.attach_handover_evidence(
  delivery_id uuid, qr_type app_public.qr_type, photo_id uuid, signature_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.deliveries d
     set pickup_photo_id = case when attach_handover_evidence.qr_type = 'pickup'
                                then coalesce(attach_handover_evidence.photo_id, d.pickup_photo_id) else d.pickup_photo_id end,
         delivery_photo_id = case when attach_handover_evidence.qr_type = 'delivery'
                                  then coalesce(attach_handover_evidence.photo_id, d.delivery_photo_id) else d.delivery_photo_id end,
         signature_id = case when attach_handover_evidence.qr_type = 'delivery'
                             then coalesce(attach_handover_evidence.signature_id, d.signature_id) else d.signature_id end
   where d.id = attach_handover_evidence.delivery_id;
$$;
comment on function app_private.attach_handover_evidence(uuid, app_public.qr_type, uuid, uuid) is 'Attaches a handover''s photo and signature to the delivery (the attachment trigger checks them).';

-- What a scan records as evidence: the files and their stored SHA-256, the recipient's name.
create or replace function app_private.handover_evidence(photo_id uuid, signature_id uuid, recipient_name text)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'photo_id', handover_evidence.photo_id,
    'photo_sha256', (select o.stored_sha256 from app_private.file_objects o where o.file_id = handover_evidence.photo_id),
    'signature_id', handover_evidence.signature_id,
    'signature_sha256', (select o.stored_sha256 from app_private.file_objects o where o.file_id = handover_evidence.signature_id),
    'recipient_name', nullif(trim(handover_evidence.recipient_name), '')));
$$;
comment on function app_private.handover_evidence(uuid, uuid, text) is 'The evidence of a handover as a scan records it.';

-- Steps 3 to 10 of an attempt on a known code (docs/handover.md, The ten steps), for scan_qr_code (after steps 1
-- and 2) and redeem_backup_code (which checks the backup code after step 4). The code and its delivery are read in
-- one statement, so that both come from one snapshot: a scan racing the winning one sees the code active and the
-- delivery not yet moved, and loses at step 9, already_used, never wrong_state. Step 9 is the one conditional
-- UPDATE that decides; steps 7 (attaching the evidence) to 10 run in a subtransaction, undone as a whole when the
-- code was consumed by another scan in between (BADTK, used here only to unwind) or the transition is refused.
create or replace function app_private.attempt_handover(
  qr_code_id uuid, method app_public.handover_method, scanner_id uuid, backup_code text,
  lat double precision, lng double precision, accuracy_m double precision, fix_time timestamptz, device_info jsonb,
  photo_id uuid, signature_id uuid, recipient_name text)
returns app_public.scan_outcome
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_row record;
  v_code app_public.qr_codes;
  v_delivery app_public.deliveries;
  v_requires_signature boolean;
  v_backup_code_hash text;
  v_result app_public.scan_result;
  v_reason text;
  v_risk numeric;
  v_review boolean := false;
  v_scan_id uuid;
  v_evidence jsonb := app_private.handover_evidence(photo_id, signature_id, recipient_name);
begin
  select c as code, d as delivery, r.requires_signature, s.backup_code_hash into v_row
    from app_public.qr_codes c
    join app_public.deliveries d on d.id = c.delivery_id
    join app_public.delivery_requests r on r.id = d.request_id
    join app_private.qr_code_secrets s on s.qr_code_id = c.id
   where c.id = attempt_handover.qr_code_id;
  v_code := v_row.code;
  v_delivery := v_row.delivery;
  v_requires_signature := v_row.requires_signature;
  v_backup_code_hash := v_row.backup_code_hash;

  -- 3. Too many recent failures by this scanner on this code.
  if (select count(*) from app_public.qr_code_scans s
       where s.qr_code_id = v_code.id and s.scanner_id = attempt_handover.scanner_id
         and s.result not in ('success', 'already_used')
         and s.created_at > now() - make_interval(mins => (app_hidden.config_value('qr.window_minutes'))::int))
     >= (app_hidden.config_value('qr.failures_per_window'))::int then
    v_result := 'rate_limited';
    v_reason := format('too many failed attempts: try again in %s minutes', app_hidden.config_value('qr.window_minutes'));
  -- 4. Only the assigned traveler scans.
  elsif attempt_handover.scanner_id is distinct from v_delivery.traveler_id then
    v_result := 'unauthorized';
    v_reason := 'only the traveler assigned to this delivery can use its code';
  elsif attempt_handover.method = 'backup_code'
        and public.crypt(app_hidden.normalised_backup_code(attempt_handover.backup_code), v_backup_code_hash)
            <> v_backup_code_hash then
    v_result := 'invalid_data';
    v_reason := 'the backup code does not match';
  -- 5. The code's own state.
  elsif v_code.status = 'used' then
    v_result := 'already_used';
    v_reason := 'this code was already used';
  elsif v_code.status = 'revoked' then
    v_result := 'revoked';
    v_reason := format('this code was revoked (%s): ask the customer for a new one', replace(v_code.revoke_reason::text, '_', ' '));
  elsif v_code.status = 'expired' or v_code.expires_at <= now() then
    v_result := 'expired';
    v_reason := 'this code has expired: ask the customer for a new one';
  -- 6. The delivery's state.
  elsif (v_code.qr_type = 'pickup' and not app_hidden.pickup_allowed(v_delivery))
        or (v_code.qr_type = 'delivery' and not app_hidden.dropoff_allowed(v_delivery)) then
    v_result := 'wrong_state';
    v_reason := format('the delivery is %s: its %s cannot be confirmed now', replace(v_delivery.status::text, '_', ' '),
                       v_code.qr_type);
  else
    -- 7. Place, then evidence.
    v_reason := app_private.handover_location_problem(v_code.location_bound, v_code.bound_point, v_code.bound_radius_m,
                                                      lat, lng, accuracy_m, fix_time);
    if v_reason is not null then
      v_result := 'invalid_location';
    else
      v_reason := app_private.handover_evidence_problem(v_code.qr_type, v_code.security_level, v_requires_signature,
                                                        photo_id, signature_id, recipient_name);
      if v_reason is not null then
        v_result := 'failed';
      end if;
    end if;
    -- 8. Risk.
    if v_result is null then
      v_risk := app_private.handover_risk(scanner_id, v_code.created_at, lng, accuracy_m, device_info);
      if v_risk > (app_hidden.config_value('qr.risk_block'))::numeric then
        v_result := 'failed';
        v_reason := 'this handover looks unusual and was stopped: contact support';
        perform app_private.alert_admins('qr.override', 'handover_attempt_blocked_alert',
          jsonb_build_object('pickup', v_code.qr_type = 'pickup', 'delivery_number', v_delivery.delivery_number,
                             'risk_score', v_risk));
      else
        v_review := v_risk >= (app_hidden.config_value('qr.risk_review'))::numeric;
      end if;
    end if;
    if v_result is null then
      begin
        begin
          perform app_private.attach_handover_evidence(v_delivery.id, v_code.qr_type, photo_id, signature_id);
        exception when sqlstate 'INVAL' or sqlstate 'BADST' then
          v_result := 'failed';
          v_reason := sqlerrm;
        end;
        if v_result is null then
          -- 9. Consume: of any number of concurrent attempts, exactly one finds the code still active.
          update app_public.qr_codes c set status = 'used', used_at = now(), used_by = attempt_handover.scanner_id
           where c.id = v_code.id and c.status = 'active' and c.expires_at > now();
          if not found then
            raise exception 'consumed by another scan' using errcode = 'BADTK';
          end if;
          v_scan_id := app_private.log_handover_attempt(v_code.id, null, v_delivery.id, v_code.qr_type, scanner_id, method,
            'success', case when v_review then 'handover confirmed; an admin reviews it before the payment moves'
                            else 'handover confirmed' end,
            lat, lng, accuracy_m, fix_time, device_info, v_evidence, v_risk, v_review);
          -- 10. The transition and everything that comes with it.
          perform app_hidden.complete_handover(v_delivery.id, v_code.qr_type,
            case attempt_handover.method when 'qr' then 'qr_scan' else 'backup_code' end::app_public.transition_source,
            scanner_id, method, v_scan_id,
            case when lat between -90 and 90 and lng between -180 and 180
                 then public.st_setsrid(public.st_makepoint(lng, lat), 4326)::geography end, v_review);
          v_result := 'success';
          v_reason := case when v_review then 'handover confirmed; an admin reviews it before the payment moves'
                           else 'handover confirmed' end;
        end if;
      exception
        when sqlstate 'BADTK' then
          v_result := 'already_used';
          v_reason := 'this code was just used by another scan';
        when sqlstate 'BADST' then
          v_result := 'wrong_state';
          v_reason := sqlerrm;
      end;
    end if;
  end if;

  if v_result <> 'success' then
    perform app_private.log_handover_attempt(v_code.id, null, v_delivery.id, v_code.qr_type, scanner_id, method,
      v_result, v_reason, lat, lng, accuracy_m, fix_time, device_info, v_evidence, v_risk, false);
  end if;
  return row(v_result, v_reason)::app_public.scan_outcome;
end;
$$;
comment on function app_private.attempt_handover(uuid, app_public.handover_method, uuid, text, double precision, double precision, double precision, timestamptz, jsonb, uuid, uuid, text) is 'Steps 3 to 10 of a handover attempt on a known code; logs it and answers its outcome.';

-- Daily cleanup (app_private.cleanup_expired_data): active codes past their expiry become expired, pending overrides
-- past their expiry and approved ones past valid_until become expired; at most retention.batch_size rows each.
create or replace function app_private.expire_handover_items()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with codes as (
    update app_public.qr_codes c set status = 'expired'
     where c.id in (select x.id from app_public.qr_codes x
                     where x.status = 'active' and x.expires_at <= now()
                     order by x.expires_at limit (app_hidden.config_value('retention.batch_size'))::int
                     for update skip locked)
    returning 1),
  overrides as (
    update app_public.qr_emergency_overrides o set status = 'expired'
     where o.id in (select x.id from app_public.qr_emergency_overrides x
                     where (x.status = 'pending' and x.expires_at <= now())
                        or (x.status = 'approved' and x.valid_until <= now())
                     order by x.created_at limit (app_hidden.config_value('retention.batch_size'))::int
                     for update skip locked)
    returning 1)
  select ((select count(*) from codes) + (select count(*) from overrides))::int;
$$;
comment on function app_private.expire_handover_items() is 'Marks expired handover codes and overrides (batched); returns how many.';

-- Keep updated_at current on the handover tables that have it.
create or replace trigger _100_timestamps before update on app_public.qr_codes
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.qr_emergency_overrides
  for each row execute function app_hidden.tg__set_updated_at();

-- The override an admin is about to decide, locked: the caller holds qr.override in a session that passed two-factor
-- authentication (required here even where security.admin_requires_2fa is off) and did not request it; it is
-- pending and not past its expiry (an expired request is marked so, and EXPRD answers).
create or replace function app_private.lock_override_for_decision(override_id uuid, action text)
returns app_public.qr_emergency_overrides
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_private.require_admin('qr.override', lock_override_for_decision.action);
  v_override app_public.qr_emergency_overrides;
begin
  select * into v_override from app_public.qr_emergency_overrides o
   where o.id = lock_override_for_decision.override_id for update;
  if v_override.id is null then
    raise exception 'Emergency override not found' using errcode = 'NTFND';
  end if;
  if v_override.requester_id = v_user_id then
    raise exception 'An admin cannot decide an override they requested' using errcode = 'DNIED';
  end if;
  if v_override.status <> 'pending' then
    raise exception 'This override is % already', v_override.status using errcode = 'BADST';
  end if;
  if v_override.expires_at <= now() then
    raise exception 'This override request has expired' using errcode = 'EXPRD';
  end if;
  return v_override;
end;
$$;
comment on function app_private.lock_override_for_decision(uuid, text) is 'Locks a pending override for an admin allowed to decide it; raises otherwise.';

-- Who reads a delivery's custody (verify_custody_chain, custody_evidence_bundle): its parties, and admins with
-- deliveries.read or disputes.read. NTFND for anyone else, as for a delivery they cannot see.
create or replace function app_private.assert_custody_reader(delivery_id uuid)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
begin
  -- Server code connected as the owner (the worker attaching the bundle to a chargeback) reads without a session.
  if session_user = 'app_owner' and app_public.current_user_id() is null then
    return;
  end if;
  v_user_id := app_hidden.require_session('read custody records');
  if not exists (select 1 from app_public.deliveries d
                  where d.id = assert_custody_reader.delivery_id
                    and (v_user_id in (d.customer_id, d.traveler_id)
                         or app_hidden.current_user_has_permission('deliveries.read')
                         or app_hidden.current_user_has_permission('disputes.read'))) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
end;
$$;
comment on function app_private.assert_custody_reader(uuid) is 'Raises NTFND unless the caller is a party of the delivery or an admin who reads deliveries or disputes.';
