-- The whole story of a delivery's handovers as one JSON document, for disputes (docs/handover.md, Evidence bundle):
-- the delivery, the codes issued (never a secret), every attempt with its place, device, evidence and risk, the
-- overrides, the custody chain and its verification, and the photos and signature with their stored SHA-256.
create or replace function app_public.custody_evidence_bundle(delivery_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
begin
  perform app_private.assert_custody_reader(custody_evidence_bundle.delivery_id);
  select * into v_delivery from app_public.deliveries d where d.id = custody_evidence_bundle.delivery_id;
  return jsonb_build_object(
    'generated_at', now(),
    'delivery', jsonb_build_object('id', v_delivery.id, 'delivery_number', v_delivery.delivery_number,
      'status', v_delivery.status, 'customer_id', v_delivery.customer_id, 'traveler_id', v_delivery.traveler_id,
      'terms_hash', encode(v_delivery.terms_hash, 'hex'), 'accepted_at', v_delivery.accepted_at,
      'picked_up_at', v_delivery.picked_up_at, 'delivered_at', v_delivery.delivered_at,
      'verification', v_delivery.verification),
    'codes', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'qr_type', c.qr_type, 'key_id', c.key_id,
        'security_level', c.security_level, 'status', c.status, 'issued_by', c.issued_by, 'issued_at', c.created_at,
        'expires_at', c.expires_at, 'location_bound', c.location_bound,
        'bound_point', public.st_asgeojson(c.bound_point)::jsonb, 'bound_radius_m', c.bound_radius_m,
        'failed_attempts', c.failed_attempts, 'used_by', c.used_by, 'used_at', c.used_at, 'revoked_at', c.revoked_at,
        'revoke_reason', c.revoke_reason) order by c.created_at)
      from app_public.qr_codes c where c.delivery_id = v_delivery.id), '[]'::jsonb),
    'attempts', coalesce((select jsonb_agg(jsonb_build_object('id', s.id, 'qr_code_id', s.qr_code_id,
        'override_id', s.override_id, 'qr_type', s.qr_type, 'scanner_id', s.scanner_id, 'method', s.method,
        'result', s.result, 'reason', s.reason, 'location', public.st_asgeojson(s.location)::jsonb,
        'accuracy_m', s.accuracy_m, 'fix_time', s.fix_time, 'device_info', s.device_info, 'evidence', s.evidence,
        'risk_score', s.risk_score, 'review_required', s.review_required, 'at', s.created_at) order by s.created_at)
      from app_public.qr_code_scans s where s.delivery_id = v_delivery.id), '[]'::jsonb),
    'overrides', coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'qr_type', o.qr_type,
        'requester_id', o.requester_id, 'reason', o.reason, 'description', o.description,
        'alternative_verification', o.alternative_verification, 'status', o.status, 'decided_by', o.decided_by,
        'decided_at', o.decided_at, 'notes', o.notes, 'restrictions', o.restrictions, 'valid_until', o.valid_until,
        'used_by', o.used_by, 'used_at', o.used_at, 'use_location', public.st_asgeojson(o.use_location)::jsonb)
        order by o.created_at)
      from app_public.qr_emergency_overrides o where o.delivery_id = v_delivery.id), '[]'::jsonb),
    'custody', coalesce((select jsonb_agg(jsonb_build_object('seq', e.seq, 'event', e.event, 'actor_id', e.actor_id,
        'method', e.method, 'scan_id', e.scan_id, 'point', public.st_asgeojson(e.point)::jsonb,
        'photo_sha256', e.photo_sha256, 'signature_sha256', e.signature_sha256,
        'prev_hash', encode(e.prev_hash, 'hex'), 'row_hash', encode(e.row_hash, 'hex'), 'at', e.created_at) order by e.seq)
      from app_public.custody_events e where e.delivery_id = v_delivery.id), '[]'::jsonb),
    'custody_verification', to_jsonb(app_public.verify_custody_chain(v_delivery.id)),
    'files', coalesce((select jsonb_agg(jsonb_build_object('role', x.role, 'file_id', f.id, 'purpose', f.purpose,
        'content_type', f.content_type, 'byte_size', f.byte_size, 'stored_sha256', o.stored_sha256,
        'uploaded_at', f.ready_at) order by x.role)
      from (values ('pickup_photo', v_delivery.pickup_photo_id), ('delivery_photo', v_delivery.delivery_photo_id),
                   ('signature', v_delivery.signature_id)) as x (role, file_id)
      join app_public.files f on f.id = x.file_id
      left join app_private.file_objects o on o.file_id = f.id), '[]'::jsonb));
end;
$$;
comment on function app_public.custody_evidence_bundle(uuid) is
  'The handover evidence of a delivery as one JSON document for disputes: codes issued, every attempt, overrides, the custody chain and its verification, the photos and signature with their stored SHA-256. For the parties and admins with deliveries.read or disputes.read. Errors: LOGIN, NTFND.';
grant execute on function app_public.custody_evidence_bundle(uuid) to app_user;
