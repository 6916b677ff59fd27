-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- QR handover verification (docs/handover.md): codes the customer shows and the assigned traveler scans, their
-- backup codes, emergency overrides decided by admins, and the chain of custody they write. Every table is read by
-- the delivery's parties and admins (db/policies/handover) and written only by the handover functions
-- (db/functions/handover). Neither tokens nor backup codes are stored: only a SHA-256 of the token's nonce and a
-- bcrypt of the backup code, in app_private, beside the signing keys.

create type app_public.qr_type as enum ('pickup', 'delivery');
comment on type app_public.qr_type is 'Which handover a code proves: the pickup or the drop-off.';
create type app_public.security_level as enum ('standard', 'high', 'maximum');
comment on type app_public.security_level is 'How much a handover code asks for: high and maximum need the recipient''s name at drop-off, maximum also a signature and a short expiry; only standard codes may be unbound from the place.';
create type app_public.qr_status as enum ('active', 'used', 'expired', 'revoked');
comment on type app_public.qr_status is 'State of a handover code.';
create type app_public.scan_result as enum ('success', 'failed', 'invalid_location', 'expired', 'already_used',
  'unauthorized', 'invalid_data', 'revoked', 'rate_limited', 'wrong_state');
comment on type app_public.scan_result is 'Outcome of a scan, a backup code or the use of an override.';
create type app_public.qr_revoke_reason as enum ('security_concern', 'delivery_cancelled', 'regenerated',
  'too_many_attempts', 'other');
comment on type app_public.qr_revoke_reason is 'Why a handover code was revoked.';
create type app_public.override_status as enum ('pending', 'approved', 'rejected', 'used', 'expired', 'cancelled');
comment on type app_public.override_status is 'State of an emergency override.';
create type app_public.override_reason as enum ('technical_failure', 'emergency_situation', 'customer_request');
comment on type app_public.override_reason is 'Why a handover cannot be proven by its code.';
create type app_public.handover_method as enum ('qr', 'backup_code', 'override');
comment on type app_public.handover_method is 'How a handover was attempted: a scanned token, a typed backup code, or an approved emergency override.';
create type app_public.custody_event_type as enum ('picked_up', 'delivered', 'pickup_refused', 'override_used', 'returned');
comment on type app_public.custody_event_type is 'What a custody event records.';

-- What scan_qr_code, redeem_backup_code and use_emergency_override answer instead of raising (so that every attempt
-- is logged and counted).
create type app_public.scan_outcome as (result app_public.scan_result, message text);
comment on type app_public.scan_outcome is 'The outcome of a handover attempt and a message for the person scanning.';
comment on column app_public.scan_outcome.result is 'What happened.';
comment on column app_public.scan_outcome.message is 'Why, in words for the person scanning.';

create type app_public.issued_qr_code as (
  qr_code_id uuid,
  token text,
  backup_code text,
  expires_at timestamptz
);
comment on type app_public.issued_qr_code is 'A new handover code, shown once: the signed token for the QR image and its backup code.';
comment on column app_public.issued_qr_code.qr_code_id is 'The code''s row in qrCodes.';
comment on column app_public.issued_qr_code.token is 'The signed token (P2PQR1.<payload>.<mac>) to show as a QR image; never stored.';
comment on column app_public.issued_qr_code.backup_code is 'The backup code (XXX-XXX-XXX-XXX) to read out when the QR image cannot be scanned; never stored.';
comment on column app_public.issued_qr_code.expires_at is 'When the code stops working.';

create type app_public.qr_token_check as (
  signature_valid boolean,
  problem text,
  key_id text,
  delivery_id uuid,
  qr_type app_public.qr_type,
  token_expires_at timestamptz,
  qr_code_id uuid,
  status app_public.qr_status,
  expires_at timestamptz,
  failed_attempts integer
);
comment on type app_public.qr_token_check is 'What an admin learns about a token without consuming it.';
comment on column app_public.qr_token_check.signature_valid is 'Whether the token is well formed and signed by a key that still verifies.';
comment on column app_public.qr_token_check.problem is 'Why the token would not be accepted, if it would not (NULL: a scan by the assigned traveler could succeed).';
comment on column app_public.qr_token_check.key_id is 'The signing key the token names.';
comment on column app_public.qr_token_check.delivery_id is 'The delivery the token names.';
comment on column app_public.qr_token_check.qr_type is 'The handover the token names.';
comment on column app_public.qr_token_check.token_expires_at is 'The expiry written in the token.';
comment on column app_public.qr_token_check.qr_code_id is 'The code the token belongs to, if any.';
comment on column app_public.qr_token_check.status is 'The code''s state.';
comment on column app_public.qr_token_check.expires_at is 'The code''s expiry.';
comment on column app_public.qr_token_check.failed_attempts is 'Failed attempts counted on the code.';

create type app_public.custody_chain_check as (valid boolean, events integer, first_broken_seq integer, problem text);
comment on type app_public.custody_chain_check is 'The result of recomputing a delivery''s custody chain.';
comment on column app_public.custody_chain_check.valid is 'Whether every link holds.';
comment on column app_public.custody_chain_check.events is 'How many custody events the delivery has.';
comment on column app_public.custody_chain_check.first_broken_seq is 'The first event whose link does not hold (NULL when valid).';
comment on column app_public.custody_chain_check.problem is 'What is wrong with that link.';

-- Signing keys: a 32-byte secret per key id; the newest unretired key signs, retired keys verify for
-- qr.key_grace_days. At most one key is unretired.
create table app_private.qr_signing_keys (
  key_id text primary key constraint qr_signing_keys_key_id_format check (key_id ~ '^[a-z0-9]{8}$'),
  secret bytea not null constraint qr_signing_keys_secret_length check (length(secret) = 32),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  constraint qr_signing_keys_retired_after_created check (retired_at >= created_at)
);
create unique index qr_signing_keys_one_active_key on app_private.qr_signing_keys ((true)) where retired_at is null;
alter table app_private.qr_signing_keys enable row level security;
alter table app_private.qr_signing_keys force row level security;
comment on table app_private.qr_signing_keys is 'HMAC keys of handover tokens: one signs, retired ones verify for qr.key_grace_days.';
comment on constraint qr_signing_keys_key_id_format on app_private.qr_signing_keys is 'key_id must be 8 lowercase letters or digits';
comment on constraint qr_signing_keys_secret_length on app_private.qr_signing_keys is 'secret must be 32 bytes';
comment on constraint qr_signing_keys_retired_after_created on app_private.qr_signing_keys is 'retired_at must not be before created_at';
comment on constraint qr_signing_keys_pkey on app_private.qr_signing_keys is 'key_id is already taken';
comment on index app_private.qr_signing_keys_one_active_key is 'retired_at: only one signing key may be active';

create table app_public.qr_codes (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null constraint qr_codes_delivery_id_fkey references app_public.deliveries (id) on delete cascade,
  qr_type app_public.qr_type not null,
  key_id text not null constraint qr_codes_key_id_format check (key_id ~ '^[a-z0-9]{8}$'),
  security_level app_public.security_level not null default 'standard',
  status app_public.qr_status not null default 'active',
  expires_at timestamptz not null,
  location_bound boolean not null default true,
  bound_point geography(point, 4326),
  bound_radius_m integer constraint qr_codes_bound_radius_m_range check (bound_radius_m between 50 and 10000),
  failed_attempts integer not null default 0 constraint qr_codes_failed_attempts_positive check (failed_attempts >= 0),
  issued_by uuid not null constraint qr_codes_issued_by_fkey references app_public.users (id) on delete restrict,
  used_by uuid constraint qr_codes_used_by_fkey references app_public.users (id) on delete restrict,
  used_at timestamptz,
  revoked_at timestamptz,
  revoke_reason app_public.qr_revoke_reason,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint qr_codes_binding check (not location_bound or (bound_point is not null and bound_radius_m is not null)),
  constraint qr_codes_unbound_standard check (location_bound or security_level = 'standard'),
  constraint qr_codes_used check ((status = 'used') = (used_at is not null and used_by is not null)),
  constraint qr_codes_revoked check ((status = 'revoked') = (revoked_at is not null and revoke_reason is not null)),
  constraint qr_codes_expiry check (expires_at > created_at)
);
-- One active code per delivery and handover: issuing again revokes the old one first, in the same transaction.
create unique index qr_codes_one_active_key on app_public.qr_codes (delivery_id, qr_type) where status = 'active';
create index qr_codes_delivery_id_idx on app_public.qr_codes (delivery_id, qr_type, created_at);
create index qr_codes_issued_by_idx on app_public.qr_codes (issued_by);
create index qr_codes_used_by_idx on app_public.qr_codes (used_by);
create index qr_codes_active_expiry_idx on app_public.qr_codes (expires_at) where status = 'active';
alter table app_public.qr_codes enable row level security;
alter table app_public.qr_codes force row level security;
comment on table app_public.qr_codes is E'@behavior -insert -update -delete\nHandover codes the customer issues (issueQrCode) and the assigned traveler scans: one active code per delivery and handover. Neither the token nor the backup code is stored. Visible to the delivery''s parties and admins.';
comment on column app_public.qr_codes.id is 'Identifier of the code.';
comment on column app_public.qr_codes.delivery_id is 'The delivery whose handover the code proves.';
comment on column app_public.qr_codes.qr_type is 'The pickup or the drop-off.';
comment on column app_public.qr_codes.key_id is 'The signing key of its token.';
comment on column app_public.qr_codes.security_level is 'What the handover asks for (evidence, expiry, binding).';
comment on column app_public.qr_codes.status is 'Active until used, expired or revoked.';
comment on column app_public.qr_codes.expires_at is 'When the code stops working.';
comment on column app_public.qr_codes.location_bound is 'Whether a scan must happen within bound_radius_m of bound_point.';
comment on column app_public.qr_codes.bound_point is 'The request''s pickup or drop-off point the code is bound to.';
comment on column app_public.qr_codes.bound_radius_m is 'Radius (m) around bound_point within which the code must be scanned.';
comment on column app_public.qr_codes.failed_attempts is 'Failed attempts on the code, by anyone; too many revoke it.';
comment on column app_public.qr_codes.issued_by is 'The customer who issued it.';
comment on column app_public.qr_codes.used_by is 'The traveler whose scan used it.';
comment on column app_public.qr_codes.used_at is 'When it was used.';
comment on column app_public.qr_codes.revoked_at is 'When it was revoked.';
comment on column app_public.qr_codes.revoke_reason is 'Why it was revoked.';
comment on column app_public.qr_codes.created_at is 'When it was issued.';
comment on column app_public.qr_codes.updated_at is 'When it last changed.';
comment on constraint qr_codes_delivery_id_fkey on app_public.qr_codes is 'delivery_id must name an existing delivery';
comment on constraint qr_codes_key_id_format on app_public.qr_codes is 'key_id must be 8 lowercase letters or digits';
comment on constraint qr_codes_bound_radius_m_range on app_public.qr_codes is 'bound_radius_m must be between 50 and 10000';
comment on constraint qr_codes_failed_attempts_positive on app_public.qr_codes is 'failed_attempts must not be negative';
comment on constraint qr_codes_issued_by_fkey on app_public.qr_codes is 'issued_by must name an existing user';
comment on constraint qr_codes_used_by_fkey on app_public.qr_codes is 'used_by must name an existing user';
comment on constraint qr_codes_binding on app_public.qr_codes is 'bound_point: a bound code needs a point and a radius';
comment on constraint qr_codes_unbound_standard on app_public.qr_codes is 'location_bound: only a standard code may be unbound from the place';
comment on constraint qr_codes_used on app_public.qr_codes is 'used_at: a used code records when and by whom';
comment on constraint qr_codes_revoked on app_public.qr_codes is 'revoked_at: a revoked code records when and why';
comment on constraint qr_codes_expiry on app_public.qr_codes is 'expires_at must be after created_at';
comment on constraint qr_codes_pkey on app_public.qr_codes is 'id is already taken';
comment on index app_public.qr_codes_one_active_key is 'qr_type: this delivery already has an active code of this type';

create table app_private.qr_code_secrets (
  qr_code_id uuid primary key constraint qr_code_secrets_qr_code_id_fkey references app_public.qr_codes (id) on delete cascade,
  token_hash bytea not null constraint qr_code_secrets_token_hash_length check (length(token_hash) = 32),
  backup_code_hash text not null constraint qr_code_secrets_backup_code_hash_format check (backup_code_hash ~ '^\$2[aby]\$'),
  constraint qr_code_secrets_token_hash_key unique (token_hash)
);
alter table app_private.qr_code_secrets enable row level security;
alter table app_private.qr_code_secrets force row level security;
comment on table app_private.qr_code_secrets is 'What verifies a handover code: SHA-256 of its token''s nonce and bcrypt of its backup code.';
comment on constraint qr_code_secrets_qr_code_id_fkey on app_private.qr_code_secrets is 'qr_code_id must name an existing code';
comment on constraint qr_code_secrets_token_hash_length on app_private.qr_code_secrets is 'token_hash must be 32 bytes';
comment on constraint qr_code_secrets_backup_code_hash_format on app_private.qr_code_secrets is 'backup_code_hash must be a bcrypt hash';
comment on constraint qr_code_secrets_token_hash_key on app_private.qr_code_secrets is 'token_hash is already taken';
comment on constraint qr_code_secrets_pkey on app_private.qr_code_secrets is 'qr_code_id already has its secrets';

create table app_public.qr_emergency_overrides (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null constraint qr_emergency_overrides_delivery_id_fkey
    references app_public.deliveries (id) on delete cascade,
  qr_type app_public.qr_type not null,
  requester_id uuid not null constraint qr_emergency_overrides_requester_id_fkey
    references app_public.users (id) on delete restrict,
  reason app_public.override_reason not null,
  description text not null constraint qr_emergency_overrides_description_length check (length(description) between 10 and 1000),
  alternative_verification text constraint qr_emergency_overrides_alternative_verification_length
    check (length(alternative_verification) between 1 and 1000),
  status app_public.override_status not null default 'pending',
  expires_at timestamptz not null,
  decided_by uuid constraint qr_emergency_overrides_decided_by_fkey
    references app_private.admin_users (user_id) on delete restrict,
  decided_at timestamptz,
  notes text constraint qr_emergency_overrides_notes_length check (length(notes) between 10 and 2000),
  restrictions jsonb constraint qr_emergency_overrides_restrictions_object check (jsonb_typeof(restrictions) = 'object'),
  valid_until timestamptz,
  used_by uuid constraint qr_emergency_overrides_used_by_fkey references app_public.users (id) on delete restrict,
  used_at timestamptz,
  use_location geography(point, 4326),
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint qr_emergency_overrides_decision check (
    (decided_by is null) = (decided_at is null) and (decided_at is null or notes is not null)
    and (status not in ('approved', 'rejected', 'used') or decided_at is not null)
    and (status <> 'pending' or decided_at is null)),
  constraint qr_emergency_overrides_validity check ((status in ('approved', 'used') or valid_until is null)
                                                    and (status not in ('approved', 'used') or valid_until is not null)),
  constraint qr_emergency_overrides_used check ((status = 'used') = (used_at is not null and used_by is not null)),
  constraint qr_emergency_overrides_cancelled check ((status = 'cancelled') = (cancelled_at is not null))
);
-- One pending request per delivery and handover.
create unique index qr_emergency_overrides_one_pending_key on app_public.qr_emergency_overrides (delivery_id, qr_type)
  where status = 'pending';
create index qr_emergency_overrides_delivery_id_idx on app_public.qr_emergency_overrides (delivery_id, created_at);
create index qr_emergency_overrides_requester_id_idx on app_public.qr_emergency_overrides (requester_id, status);
create index qr_emergency_overrides_decided_by_idx on app_public.qr_emergency_overrides (decided_by);
create index qr_emergency_overrides_used_by_idx on app_public.qr_emergency_overrides (used_by);
create index qr_emergency_overrides_open_idx on app_public.qr_emergency_overrides (created_at)
  where status in ('pending', 'approved');
alter table app_public.qr_emergency_overrides enable row level security;
alter table app_public.qr_emergency_overrides force row level security;
comment on table app_public.qr_emergency_overrides is E'@behavior -insert -update -delete\nA handover proven without its code: asked by a party, decided by an admin with qr.override in a two-factor session who did not ask, used once by the assigned traveler before valid_until. Visible to the delivery''s parties and admins.';
comment on column app_public.qr_emergency_overrides.id is 'Identifier of the override.';
comment on column app_public.qr_emergency_overrides.delivery_id is 'The delivery.';
comment on column app_public.qr_emergency_overrides.qr_type is 'The handover it stands in for.';
comment on column app_public.qr_emergency_overrides.requester_id is 'The party who asked.';
comment on column app_public.qr_emergency_overrides.reason is 'Why the code cannot be used.';
comment on column app_public.qr_emergency_overrides.description is 'What happened (10 to 1000 characters).';
comment on column app_public.qr_emergency_overrides.alternative_verification is 'How else the handover can be verified (an ID shown, a call).';
comment on column app_public.qr_emergency_overrides.status is 'Where the override stands.';
comment on column app_public.qr_emergency_overrides.expires_at is 'When the request expires if nobody decides it.';
comment on column app_public.qr_emergency_overrides.decided_by is 'The admin who approved or rejected it.';
comment on column app_public.qr_emergency_overrides.decided_at is 'When it was decided.';
comment on column app_public.qr_emergency_overrides.notes is 'The admin''s notes (10 characters at least).';
comment on column app_public.qr_emergency_overrides.restrictions is 'Conditions of the approval (radius_m: the use must happen within that many metres of the handover point).';
comment on column app_public.qr_emergency_overrides.valid_until is 'When an approval stops being usable.';
comment on column app_public.qr_emergency_overrides.used_by is 'The traveler who used it.';
comment on column app_public.qr_emergency_overrides.used_at is 'When it was used.';
comment on column app_public.qr_emergency_overrides.use_location is 'Where it was used.';
comment on column app_public.qr_emergency_overrides.cancelled_at is 'When the requester cancelled it.';
comment on column app_public.qr_emergency_overrides.created_at is 'When it was asked for.';
comment on column app_public.qr_emergency_overrides.updated_at is 'When it last changed.';
comment on constraint qr_emergency_overrides_delivery_id_fkey on app_public.qr_emergency_overrides is 'delivery_id must name an existing delivery';
comment on constraint qr_emergency_overrides_requester_id_fkey on app_public.qr_emergency_overrides is 'requester_id must name an existing user';
comment on constraint qr_emergency_overrides_description_length on app_public.qr_emergency_overrides is 'description must have 10 to 1000 characters';
comment on constraint qr_emergency_overrides_alternative_verification_length on app_public.qr_emergency_overrides is 'alternative_verification must have 1 to 1000 characters';
comment on constraint qr_emergency_overrides_decided_by_fkey on app_public.qr_emergency_overrides is 'decided_by must name an admin';
comment on constraint qr_emergency_overrides_notes_length on app_public.qr_emergency_overrides is 'notes must have 10 to 2000 characters';
comment on constraint qr_emergency_overrides_restrictions_object on app_public.qr_emergency_overrides is 'restrictions must be a JSON object';
comment on constraint qr_emergency_overrides_used_by_fkey on app_public.qr_emergency_overrides is 'used_by must name an existing user';
comment on constraint qr_emergency_overrides_decision on app_public.qr_emergency_overrides is 'notes: a decided override records who decided, when, and notes';
comment on constraint qr_emergency_overrides_validity on app_public.qr_emergency_overrides is 'valid_until: an approved override has a validity, and only then';
comment on constraint qr_emergency_overrides_used on app_public.qr_emergency_overrides is 'used_at: a used override records when and by whom';
comment on constraint qr_emergency_overrides_cancelled on app_public.qr_emergency_overrides is 'cancelled_at: a cancelled override records when';
comment on constraint qr_emergency_overrides_pkey on app_public.qr_emergency_overrides is 'id is already taken';
comment on index app_public.qr_emergency_overrides_one_pending_key is 'qr_type: an override of this delivery and handover is already pending';

create table app_public.qr_code_scans (
  id uuid primary key default gen_random_uuid(),
  qr_code_id uuid constraint qr_code_scans_qr_code_id_fkey references app_public.qr_codes (id) on delete cascade,
  override_id uuid constraint qr_code_scans_override_id_fkey
    references app_public.qr_emergency_overrides (id) on delete cascade,
  delivery_id uuid constraint qr_code_scans_delivery_id_fkey references app_public.deliveries (id) on delete cascade,
  qr_type app_public.qr_type,
  scanner_id uuid not null constraint qr_code_scans_scanner_id_fkey references app_public.users (id) on delete restrict,
  method app_public.handover_method not null,
  result app_public.scan_result not null,
  reason text not null constraint qr_code_scans_reason_length check (length(reason) between 1 and 500),
  location geography(point, 4326),
  accuracy_m numeric(8, 1) constraint qr_code_scans_accuracy_m_positive check (accuracy_m >= 0),
  fix_time timestamptz,
  device_info jsonb constraint qr_code_scans_device_info_object check (jsonb_typeof(device_info) = 'object'),
  evidence jsonb constraint qr_code_scans_evidence_object check (jsonb_typeof(evidence) = 'object'),
  risk_score numeric(3, 2) constraint qr_code_scans_risk_score_range check (risk_score between 0 and 1),
  review_required boolean not null default false,
  created_at timestamptz not null default clock_timestamp()
);
create index qr_code_scans_qr_code_id_idx on app_public.qr_code_scans (qr_code_id, scanner_id, created_at);
create index qr_code_scans_override_id_idx on app_public.qr_code_scans (override_id);
create index qr_code_scans_delivery_id_idx on app_public.qr_code_scans (delivery_id, created_at);
create index qr_code_scans_scanner_id_idx on app_public.qr_code_scans (scanner_id, created_at);
alter table app_public.qr_code_scans enable row level security;
alter table app_public.qr_code_scans force row level security;
comment on table app_public.qr_code_scans is E'@behavior -insert -update -delete\nEvery handover attempt (scan, backup code, override), successful or not, with its reason, place, device and risk. Visible to the scanner, the delivery''s parties and admins.';
comment on column app_public.qr_code_scans.id is 'Identifier of the attempt.';
comment on column app_public.qr_code_scans.qr_code_id is 'The code attempted (NULL when the token named none).';
comment on column app_public.qr_code_scans.override_id is 'The override used, for method override.';
comment on column app_public.qr_code_scans.delivery_id is 'The delivery (NULL when unknown).';
comment on column app_public.qr_code_scans.qr_type is 'The handover attempted (NULL when unknown).';
comment on column app_public.qr_code_scans.scanner_id is 'Who attempted it.';
comment on column app_public.qr_code_scans.method is 'Token, backup code or override.';
comment on column app_public.qr_code_scans.result is 'The outcome.';
comment on column app_public.qr_code_scans.reason is 'Why, in words.';
comment on column app_public.qr_code_scans.location is 'Where the scanner said they were.';
comment on column app_public.qr_code_scans.accuracy_m is 'The accuracy (m) of that location.';
comment on column app_public.qr_code_scans.fix_time is 'When the location was fixed.';
comment on column app_public.qr_code_scans.device_info is 'The scanning device as the app describes it (device_id, platform, app_version).';
comment on column app_public.qr_code_scans.evidence is 'Evidence given: photo and signature files with their SHA-256, the recipient''s name.';
comment on column app_public.qr_code_scans.risk_score is 'Risk score of the attempt (0 to 1).';
comment on column app_public.qr_code_scans.review_required is 'Whether a successful handover waits for an admin''s review before the money moves.';
comment on column app_public.qr_code_scans.created_at is 'When it was attempted.';
comment on constraint qr_code_scans_qr_code_id_fkey on app_public.qr_code_scans is 'qr_code_id must name an existing code';
comment on constraint qr_code_scans_override_id_fkey on app_public.qr_code_scans is 'override_id must name an existing override';
comment on constraint qr_code_scans_delivery_id_fkey on app_public.qr_code_scans is 'delivery_id must name an existing delivery';
comment on constraint qr_code_scans_scanner_id_fkey on app_public.qr_code_scans is 'scanner_id must name an existing user';
comment on constraint qr_code_scans_reason_length on app_public.qr_code_scans is 'reason must have 1 to 500 characters';
comment on constraint qr_code_scans_accuracy_m_positive on app_public.qr_code_scans is 'accuracy_m must not be negative';
comment on constraint qr_code_scans_device_info_object on app_public.qr_code_scans is 'device_info must be a JSON object';
comment on constraint qr_code_scans_evidence_object on app_public.qr_code_scans is 'evidence must be a JSON object';
comment on constraint qr_code_scans_risk_score_range on app_public.qr_code_scans is 'risk_score must be between 0 and 1';
comment on constraint qr_code_scans_pkey on app_public.qr_code_scans is 'id is already taken';

-- The scanner's network address is kept apart: the other party reads the scan, not where it came from.
create table app_private.qr_code_scan_origins (
  scan_id uuid primary key constraint qr_code_scan_origins_scan_id_fkey references app_public.qr_code_scans (id) on delete cascade,
  ip inet not null
);
alter table app_private.qr_code_scan_origins enable row level security;
alter table app_private.qr_code_scan_origins force row level security;
comment on table app_private.qr_code_scan_origins is 'The client address of each handover attempt, for admins'' investigations.';
comment on constraint qr_code_scan_origins_scan_id_fkey on app_private.qr_code_scan_origins is 'scan_id must name an existing scan';
comment on constraint qr_code_scan_origins_pkey on app_private.qr_code_scan_origins is 'scan_id already has its origin';

-- Append-only and hash-chained (db/functions/handover/custody_events.sql): seq, prev_hash and row_hash are set by
-- the insert trigger; updates, deletes and truncation are refused, for the owner too. Deliveries holding custody
-- events cannot be deleted (on delete restrict).
create table app_public.custody_events (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null constraint custody_events_delivery_id_fkey references app_public.deliveries (id) on delete restrict,
  seq integer not null constraint custody_events_seq_positive check (seq > 0),
  event app_public.custody_event_type not null,
  actor_id uuid constraint custody_events_actor_id_fkey references app_public.users (id) on delete restrict,
  method app_public.handover_method,
  scan_id uuid constraint custody_events_scan_id_fkey references app_public.qr_code_scans (id) on delete restrict,
  point geography(point, 4326),
  photo_sha256 text constraint custody_events_photo_sha256_format check (photo_sha256 ~ '^[0-9a-f]{64}$'),
  signature_sha256 text constraint custody_events_signature_sha256_format check (signature_sha256 ~ '^[0-9a-f]{64}$'),
  prev_hash bytea not null constraint custody_events_prev_hash_length check (length(prev_hash) = 32),
  row_hash bytea not null constraint custody_events_row_hash_length check (length(row_hash) = 32),
  created_at timestamptz not null default now(),
  constraint custody_events_delivery_id_seq_key unique (delivery_id, seq)
);
create index custody_events_actor_id_idx on app_public.custody_events (actor_id);
create index custody_events_scan_id_idx on app_public.custody_events (scan_id);
alter table app_public.custody_events enable row level security;
alter table app_public.custody_events force row level security;
comment on table app_public.custody_events is E'@behavior -insert -update -delete\nThe chain of custody of a delivery''s item: append-only, each row hashing the one before (verifyCustodyChain recomputes it). Visible to the delivery''s parties and admins.';
comment on column app_public.custody_events.id is 'Identifier of the event.';
comment on column app_public.custody_events.delivery_id is 'The delivery.';
comment on column app_public.custody_events.seq is 'Position in the delivery''s chain, from 1.';
comment on column app_public.custody_events.event is 'What happened to the item.';
comment on column app_public.custody_events.actor_id is 'Who took or handed over the item.';
comment on column app_public.custody_events.method is 'How the handover was proven.';
comment on column app_public.custody_events.scan_id is 'The attempt that proved it.';
comment on column app_public.custody_events.point is 'Where it happened.';
comment on column app_public.custody_events.photo_sha256 is 'SHA-256 of the stored photo of the item.';
comment on column app_public.custody_events.signature_sha256 is 'SHA-256 of the stored signature.';
comment on column app_public.custody_events.prev_hash is 'row_hash of the previous event (32 zero bytes for the first).';
comment on column app_public.custody_events.row_hash is 'SHA-256 over prev_hash and the event''s canonical fields.';
comment on column app_public.custody_events.created_at is 'When it happened.';
comment on constraint custody_events_delivery_id_fkey on app_public.custody_events is 'delivery_id must name an existing delivery';
comment on constraint custody_events_seq_positive on app_public.custody_events is 'seq must be positive';
comment on constraint custody_events_actor_id_fkey on app_public.custody_events is 'actor_id must name an existing user';
comment on constraint custody_events_scan_id_fkey on app_public.custody_events is 'scan_id must name an existing scan';
comment on constraint custody_events_photo_sha256_format on app_public.custody_events is 'photo_sha256 must be 64 hexadecimal characters';
comment on constraint custody_events_signature_sha256_format on app_public.custody_events is 'signature_sha256 must be 64 hexadecimal characters';
comment on constraint custody_events_prev_hash_length on app_public.custody_events is 'prev_hash must be 32 bytes';
comment on constraint custody_events_row_hash_length on app_public.custody_events is 'row_hash must be 32 bytes';
comment on constraint custody_events_delivery_id_seq_key on app_public.custody_events is 'seq is already taken for this delivery';
comment on constraint custody_events_pkey on app_public.custody_events is 'id is already taken';

-- Only a scan, a backup code or an approved override moves a delivery to picked_up or delivered now: the traveler's
-- word alone ('user') no longer does. confirm_pickup and confirm_delivery go with it.
delete from app_public.delivery_transitions
 where to_status in ('picked_up', 'delivered') and source = 'user';
drop function if exists app_public.confirm_pickup(uuid, uuid);
drop function if exists app_public.confirm_delivery(uuid, uuid, uuid);

-- migrate:down
insert into app_public.delivery_transitions (from_status, to_status, source)
select f::app_public.delivery_status, t::app_public.delivery_status, 'user'
  from (values ('accepted', 'picked_up'), ('pickup_scheduled', 'picked_up'), ('picked_up', 'delivered'),
               ('in_transit', 'delivered'), ('delivery_scheduled', 'delivered')) as allowed (f, t)
on conflict do nothing;
drop table app_public.custody_events cascade;
drop table app_private.qr_code_scan_origins cascade;
drop table app_public.qr_code_scans cascade;
drop table app_public.qr_emergency_overrides cascade;
drop table app_private.qr_code_secrets cascade;
drop table app_public.qr_codes cascade;
drop table app_private.qr_signing_keys cascade;
drop type app_public.custody_chain_check cascade;
drop type app_public.qr_token_check cascade;
drop type app_public.issued_qr_code cascade;
drop type app_public.scan_outcome cascade;
drop type app_public.custody_event_type cascade;
drop type app_public.handover_method cascade;
drop type app_public.override_reason cascade;
drop type app_public.override_status cascade;
drop type app_public.qr_revoke_reason cascade;
drop type app_public.scan_result cascade;
drop type app_public.qr_status cascade;
drop type app_public.security_level cascade;
drop type app_public.qr_type cascade;
