-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- docs/platform.md (Configuration): every tunable declares its type and bounds (checked on every write by the canonical
-- trigger app_hidden.tg_system_configuration__check_value), whether knowing it helps abuse (is_sensitive), and who
-- changed it last (updated_by, null = a migration or the system); the admin issue's set_config and history build on
-- these. Every key later issues need is seeded here with its default.

create type app_public.configuration_data_type as enum ('boolean', 'integer', 'number', 'string', 'array', 'object');
comment on type app_public.configuration_data_type is 'JSON type a setting''s value must have (integer: a number without fraction).';

-- Constant defaults rewrite nothing, and the table holds a few hundred rows: its checks and foreign key are
-- validated at once without real cost.
alter table app_public.system_configuration
  add column data_type app_public.configuration_data_type,
  add column validation jsonb not null default '{}'
    check (jsonb_typeof(validation) = 'object' and validation - '{min,max,pattern}'::text[] = '{}'::jsonb),
  add column is_sensitive boolean not null default false,
  -- squawk-ignore adding-foreign-key-constraint
  add column updated_by uuid references app_public.users (id) on delete set null,
  -- squawk-ignore constraint-missing-not-valid
  add constraint system_configuration_sensitive_not_public check (not (is_sensitive and is_public));
-- squawk-ignore require-concurrent-index-creation
create index system_configuration_updated_by_idx on app_public.system_configuration (updated_by);
comment on column app_public.system_configuration.data_type is 'JSON type of the value: boolean, integer, number, string, array or object.';
comment on column app_public.system_configuration.validation is 'Bounds of the value: min and max (numbers: the value, or each number of an array or object), pattern (strings: the value, or each string of an array).';
comment on column app_public.system_configuration.is_sensitive is 'Whether knowing the value helps abuse (rate limits, lockout and risk thresholds): never public.';
-- Not in the API: public rows would name the admins who tune them. The admin issue shows it to system.read admins.
comment on column app_public.system_configuration.updated_by is E'@behavior -*\nWho changed the value last; null for the seeded value or a system change.';
comment on constraint system_configuration_updated_by_fkey on app_public.system_configuration is E'@behavior -*\nThe user who changed the setting last.';

update app_public.system_configuration c
   set data_type = v.data_type::app_public.configuration_data_type, validation = v.validation::jsonb,
       is_sensitive = v.is_sensitive
  from (values
    ('platform', 'registration_enabled', 'boolean', '{}', false),
    ('platform', 'default_currency', 'string', '{"pattern": "^[A-Z]{3}$"}', false),
    ('platform', 'supported_currencies', 'array', '{"pattern": "^[A-Z]{3}$"}', false),
    ('platform', 'app_url', 'string', '{"pattern": "^https?://[^ ]+$"}', false),
    ('auth', 'access_token_minutes', 'integer', '{"min": 1, "max": 1440}', false),
    ('auth', 'refresh_token_days', 'integer', '{"min": 1, "max": 365}', false),
    ('auth', 'max_active_sessions', 'integer', '{"min": 1, "max": 100}', false),
    ('auth', 'mfa_challenge_minutes', 'integer', '{"min": 1, "max": 60}', false),
    ('auth', 'mfa_attempts', 'integer', '{"min": 1, "max": 20}', false),
    ('auth', 'totp_window_steps', 'integer', '{"min": 0, "max": 5}', false),
    ('auth', 'backup_codes', 'integer', '{"min": 1, "max": 50}', false),
    ('auth', 'backup_code_bcrypt_cost', 'integer', '{"min": 4, "max": 16}', false),
    ('auth', 'totp_issuer', 'string', '{"pattern": "^[^:]{1,64}$"}', false),
    ('auth', 'reactivation_days', 'integer', '{"min": 0, "max": 365}', false),
    ('auth', 'email_token_hours', 'integer', '{"min": 1, "max": 168}', false),
    ('auth', 'password_reset_minutes', 'integer', '{"min": 5, "max": 1440}', false),
    ('auth', 'phone_code_minutes', 'integer', '{"min": 1, "max": 60}', false),
    ('auth', 'phone_code_attempts', 'integer', '{"min": 1, "max": 20}', false),
    ('auth', 'phone_code_bcrypt_cost', 'integer', '{"min": 4, "max": 16}', false),
    ('security', 'password_min_length', 'integer', '{"min": 8, "max": 128}', false),
    ('security', 'password_max_length', 'integer', '{"min": 8, "max": 1024}', false),
    ('security', 'bcrypt_cost', 'integer', '{"min": 4, "max": 16}', false),
    ('security', 'admin_requires_2fa', 'boolean', '{}', false),
    ('security', 'max_login_attempts', 'integer', '{"min": 1, "max": 100}', true),
    ('security', 'lockout_minutes', 'integer', '{"min": 1, "max": 1440}', true),
    ('security', 'rate_login_15min_ip', 'integer', '{"min": 1, "max": 1000}', true),
    ('security', 'rate_2fa_setup_hour', 'integer', '{"min": 1, "max": 100}', true),
    ('security', 'rate_register_hour_ip', 'integer', '{"min": 1, "max": 1000}', true),
    ('security', 'rate_reset_hour', 'integer', '{"min": 1, "max": 100}', true),
    ('security', 'rate_verify_email_hour', 'integer', '{"min": 1, "max": 100}', true),
    ('security', 'rate_phone_code_hour', 'integer', '{"min": 1, "max": 100}', true),
    ('retention', 'sessions_days', 'integer', '{"min": 1, "max": 3650}', false),
    ('retention', 'anonymise_days', 'integer', '{"min": 1, "max": 365}', false),
    ('retention', 'batch_size', 'integer', '{"min": 1, "max": 100000}', false),
    ('verification', 'uploads_per_30d', 'integer', '{"min": 1, "max": 100}', false),
    ('verification', 'address_doc_max_age_days', 'integer', '{"min": 1, "max": 3650}', false),
    ('verification', 'phone_max_value', 'integer', '{"min": 0, "max": 100000000}', false),
    ('verification', 'phone_max_active', 'integer', '{"min": 0, "max": 1000}', false),
    ('trips', 'start_window_hours', 'integer', '{"min": 1, "max": 168}', false),
    ('trips', 'auto_complete_hours', 'integer', '{"min": 1, "max": 720}', false),
    ('trips', 'recurrence_days', 'integer', '{"min": 1, "max": 365}', false),
    ('trips', 'recurrence_max', 'integer', '{"min": 1, "max": 520}', false),
    ('trips', 'weather_ttl_hours', 'integer', '{"min": 1, "max": 72}', false),
    ('trips', 'weather_horizon_days', 'integer', '{"min": 1, "max": 16}', false),
    ('trips', 'weather_alert_thresholds', 'object', '{}', false),
    ('limits', 'max_delivery_value', 'integer', '{"min": 1, "max": 100000000}', false),
    ('limits', 'max_delivery_weight_kg', 'number', '{"min": 0.1, "max": 100}', false),
    ('limits', 'max_delivery_distance_km', 'number', '{"min": 1, "max": 40075}', false),
    ('limits', 'max_active_deliveries', 'integer', '{"min": 1, "max": 1000}', false),
    ('limits', 'max_open_requests', 'integer', '{"min": 1, "max": 1000}', false),
    ('limits', 'max_quantity', 'integer', '{"min": 1, "max": 1000}', false),
    ('limits', 'max_dimension_cm', 'number', '{"min": 1, "max": 1000}', false),
    ('limits', 'min_request_price', 'integer', '{"min": 1, "max": 100000000}', false),
    ('limits', 'max_request_price', 'integer', '{"min": 1, "max": 100000000}', false),
    ('requests', 'expiry_days', 'integer', '{"min": 1, "max": 365}', false),
    ('requests', 'max_expiry_days', 'integer', '{"min": 1, "max": 365}', false),
    ('requests', 'search_radius_km', 'number', '{"min": 0.1, "max": 20000}', false),
    ('requests', 'max_search_radius_km', 'number', '{"min": 0.1, "max": 20000}', false),
    ('pricing', 'base', 'number', '{"min": 0, "max": 100000000}', false),
    ('pricing', 'per_km', 'number', '{"min": 0, "max": 100000000}', false),
    ('pricing', 'per_kg', 'number', '{"min": 0, "max": 100000000}', false),
    ('pricing', 'fragile_multiplier', 'number', '{"min": 1, "max": 3}', false),
    ('pricing', 'min_price', 'integer', '{"min": 1, "max": 100000000}', false),
    ('pricing', 'max_price', 'integer', '{"min": 1, "max": 100000000}', false),
    ('pricing', 'urgency_multipliers', 'object', '{"min": 1, "max": 5}', false),
    ('offers', 'validity_hours', 'integer', '{"min": 1, "max": 720}', false),
    ('offers', 'max_versions', 'integer', '{"min": 1, "max": 100}', false),
    ('offers', 'max_threads_per_traveler', 'integer', '{"min": 1, "max": 100}', false),
    ('deliveries', 'authorization_deadline_hours', 'integer', '{"min": 1, "max": 168}', false),
    ('deliveries', 'dispute_window_hours', 'integer', '{"min": 0, "max": 720}', false),
    ('deliveries', 'contacts_after_hours', 'integer', '{"min": 0, "max": 720}', false),
    ('deliveries', 'cancel_flag_count', 'integer', '{"min": 1, "max": 100}', true),
    ('deliveries', 'cancel_flag_days', 'integer', '{"min": 1, "max": 365}', true),
    ('payments', 'platform_fee_rate', 'number', '{"min": 0, "max": 1}', false),
    ('matching', 'pickup_radius_km', 'number', '{"min": 0.1, "max": 1000}', false),
    ('matching', 'dropoff_radius_km', 'number', '{"min": 0.1, "max": 1000}', false),
    ('matching', 'time_flex_hours', 'number', '{"min": 0, "max": 168}', false),
    ('matching', 'min_lead_hours', 'number', '{"min": 0, "max": 168}', false),
    ('matching', 'max_detour_km', 'number', '{"min": 0, "max": 1000}', false),
    ('matching', 'detour_ratio', 'number', '{"min": 0, "max": 1}', false),
    ('matching', 'min_detour_km', 'number', '{"min": 0, "max": 1000}', false),
    ('matching', 'candidate_limit', 'integer', '{"min": 1, "max": 10000}', false),
    ('matching', 'max_results', 'integer', '{"min": 1, "max": 1000}', false),
    ('matching', 'min_score', 'number', '{"min": 0, "max": 1}', false),
    ('matching', 'weights', 'object', '{"min": 0, "max": 1}', false),
    ('matching', 'rating_prior', 'number', '{"min": 1, "max": 5}', false),
    ('matching', 'prior_weight', 'number', '{"min": 0, "max": 1000}', false),
    ('matching', 'newcomer_threshold', 'integer', '{"min": 0, "max": 1000}', false),
    ('matching', 'favorite_bonus', 'number', '{"min": 0, "max": 1}', false),
    ('reviews', 'window_days', 'integer', '{"min": 1, "max": 365}', false),
    ('reviews', 'edit_hours', 'integer', '{"min": 0, "max": 720}', false),
    ('reviews', 'hide_after_reports', 'integer', '{"min": 1, "max": 100}', false),
    ('reviews', 'blind_reveal_days', 'integer', '{"min": 0, "max": 365}', false)
  ) as v (category, key, data_type, validation, is_sensitive)
 where c.category = v.category and c.key = v.key;
-- Settings another branch seeded before this migration: their type follows their value (numbers without a fraction
-- are integers); their bounds are theirs to declare.
update app_public.system_configuration c
   set data_type = (case jsonb_typeof(c.value)
                      when 'number' then case when c.value::text ~ '^-?[0-9]+$' then 'integer' else 'number' end
                      else jsonb_typeof(c.value) end)::app_public.configuration_data_type
 where c.data_type is null;
-- The table is tiny and every row was just filled.
-- squawk-ignore adding-not-nullable-field
alter table app_public.system_configuration alter column data_type set not null;

-- The keys that later issues read (QR handover, overrides, payments, tracking, geofences, routes, emergencies,
-- notifications, webhooks, disputes, retention), with their defaults.
insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('platform', 'maintenance_mode', 'false', 'boolean', '{}', false, true, 'While true, mutations by non-admins are refused (MAINT).'),
  ('platform', 'api_rate_limit_per_hour', '1000', 'integer', '{"min": 1, "max": 1000000}', false, true, 'API requests a user may make per hour.'),
  ('platform', 'max_file_upload_mb', '10', 'integer', '{"min": 1, "max": 100}', false, true, 'Largest upload (photo, document) in MB.'),
  ('qr', 'default_expiry_hours', '24', 'integer', '{"min": 1, "max": 168}', false, true, 'Hours a new QR code stays valid unless another expiry is chosen.'),
  ('qr', 'min_expiry_hours', '1', 'integer', '{"min": 1, "max": 168}', false, true, 'Shortest expiry of a QR code, in hours.'),
  ('qr', 'max_expiry_hours', '168', 'integer', '{"min": 1, "max": 720}', false, true, 'Longest expiry of a QR code, in hours.'),
  ('qr', 'max_expiry_maximum_level', '24', 'integer', '{"min": 1, "max": 168}', false, true, 'Longest expiry of a QR code at the maximum security level, in hours.'),
  ('qr', 'bound_radius_m', '200', 'integer', '{"min": 50, "max": 10000}', false, true, 'Default radius (m) around the pickup or drop-off point within which a bound code must be scanned.'),
  ('qr', 'max_accuracy_m', '100', 'integer', '{"min": 1, "max": 10000}', false, true, 'Worst location accuracy (m) a scan of a bound code may report.'),
  ('qr', 'max_fix_age_s', '300', 'integer', '{"min": 1, "max": 3600}', false, true, 'Oldest location fix (seconds) a scan of a bound code may carry.'),
  ('qr', 'failures_per_window', '5', 'integer', '{"min": 1, "max": 100}', true, false, 'Failed scans by one scanner on one code within window_minutes after which scans are rate-limited.'),
  ('qr', 'window_minutes', '15', 'integer', '{"min": 1, "max": 1440}', true, false, 'Window (minutes) of failures_per_window.'),
  ('qr', 'revoke_after_failures', '10', 'integer', '{"min": 1, "max": 1000}', true, false, 'Failed attempts after which a code is revoked (too_many_attempts).'),
  ('qr', 'risk_review', '0.5', 'number', '{"min": 0, "max": 1}', true, false, 'Risk score from which a successful scan waits for an admin review before the escrow is released.'),
  ('qr', 'risk_block', '0.8', 'number', '{"min": 0, "max": 1}', true, false, 'Risk score above which a scan fails and admins are alerted.'),
  ('qr', 'key_rotation_days', '90', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days after which a new QR signing key is made.'),
  ('qr', 'key_grace_days', '8', 'integer', '{"min": 1, "max": 365}', false, false, 'Days a retired QR signing key still verifies codes (longer than the longest expiry).'),
  ('override', 'default_valid_hours', '2', 'integer', '{"min": 1, "max": 24}', false, false, 'Hours an approved emergency override stays usable unless the admin chooses otherwise.'),
  ('override', 'max_valid_hours', '24', 'integer', '{"min": 1, "max": 168}', false, false, 'Longest validity of an approved emergency override, in hours.'),
  ('override', 'max_open_per_user', '3', 'integer', '{"min": 1, "max": 100}', false, false, 'Open emergency override requests one user may have at once.'),
  ('override', 'pending_ttl_hours', '24', 'integer', '{"min": 1, "max": 720}', false, false, 'Hours after which a pending emergency override request expires.'),
  ('payments', 'pro_fee_rate', '0.07', 'number', '{"min": 0, "max": 1}', false, true, 'Platform fee rate for pro subscribers.'),
  ('payments', 'premium_fee_rate', '0.05', 'number', '{"min": 0, "max": 1}', false, true, 'Platform fee rate for premium subscribers.'),
  ('payments', 'processing_fee_rate', '0.029', 'number', '{"min": 0, "max": 1}', false, true, 'Share of a charge taken by the payment processor.'),
  ('payments', 'processing_fee_fixed', '30', 'integer', '{"min": 0, "max": 100000}', false, true, 'Fixed processing fee per charge, in minor units.'),
  ('payments', 'min_charge', '100', 'integer', '{"min": 1, "max": 100000000}', false, true, 'Smallest amount charged to a customer, in minor units.'),
  ('payments', 'escrow_hold_hours', '48', 'integer', '{"min": 0, "max": 720}', false, true, 'Hours after a verified delivery before the traveler''s payment is released.'),
  ('payments', 'capture_margin_hours', '12', 'integer', '{"min": 1, "max": 168}', false, false, 'Hours before an authorization expires at which it is captured early.'),
  ('payments', 'auth_validity_days', '7', 'integer', '{"min": 1, "max": 30}', false, false, 'Days a card authorization stays valid.'),
  ('payments', 'payout_min_standard', '100', 'integer', '{"min": 1, "max": 100000000}', false, true, 'Smallest standard payout, in minor units.'),
  ('payments', 'payout_min_instant', '500', 'integer', '{"min": 1, "max": 100000000}', false, true, 'Smallest instant payout, in minor units.'),
  ('payments', 'instant_fee_rate', '0.015', 'number', '{"min": 0, "max": 1}', false, true, 'Fee rate of an instant payout.'),
  ('payments', 'instant_fee_min', '50', 'integer', '{"min": 0, "max": 100000000}', false, true, 'Smallest fee of an instant payout, in minor units.'),
  ('payments', 'referral_bonus', '1000', 'integer', '{"min": 0, "max": 100000000}', false, true, 'Credit each party of a referral receives after the referee''s first delivery, in minor units.'),
  ('payments', 'credit_validity_months', '12', 'integer', '{"min": 1, "max": 120}', false, true, 'Months a credit can be spent.'),
  ('payments', 'trial_days', '14', 'integer', '{"min": 0, "max": 365}', false, true, 'Free trial of a paid plan, in days.'),
  ('tracking', 'min_interval_s', '15', 'integer', '{"min": 1, "max": 3600}', false, true, 'Shortest interval (seconds) between two recorded locations of a delivery.'),
  ('tracking', 'max_past_hours', '24', 'integer', '{"min": 1, "max": 720}', false, true, 'Oldest location (hours) a traveler may still send.'),
  ('tracking', 'batch_max', '500', 'integer', '{"min": 1, "max": 10000}', false, true, 'Most locations in one batch.'),
  ('tracking', 'geofence_min_accuracy_m', '100', 'integer', '{"min": 1, "max": 10000}', false, false, 'Locations less accurate than this (m) are kept but skipped by geofences.'),
  ('tracking', 'approx_grid_m', '500', 'integer', '{"min": 1, "max": 100000}', false, true, 'Grid (m) of approximate location privacy.'),
  ('tracking', 'approx_round_min', '5', 'integer', '{"min": 1, "max": 1440}', false, true, 'Time rounding (minutes) of approximate location privacy.'),
  ('tracking', 'minimal_grid_m', '5000', 'integer', '{"min": 1, "max": 100000}', false, true, 'Grid (m) of minimal location privacy.'),
  ('tracking', 'minimal_round_min', '30', 'integer', '{"min": 1, "max": 1440}', false, true, 'Time rounding (minutes) of minimal location privacy.'),
  ('tracking', 'retention_days', '90', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days locations are kept.'),
  ('tracking', 'dispute_grace_days', '30', 'integer', '{"min": 0, "max": 365}', false, false, 'Days after a dispute closes during which its delivery''s locations are kept.'),
  ('geofence', 'pickup_radius_m', '100', 'integer', '{"min": 1, "max": 10000}', false, false, 'Radius (m) of the pickup geofence made at acceptance.'),
  ('geofence', 'pickup_dwell_min', '5', 'integer', '{"min": 0, "max": 1440}', false, false, 'Minutes inside the pickup geofence that make a dwell event.'),
  ('geofence', 'dropoff_radius_m', '100', 'integer', '{"min": 1, "max": 10000}', false, false, 'Radius (m) of the drop-off geofence made at acceptance.'),
  ('geofence', 'dropoff_dwell_min', '10', 'integer', '{"min": 0, "max": 1440}', false, false, 'Minutes inside the drop-off geofence that make a dwell event.'),
  ('geofence', 'dedupe_s', '60', 'integer', '{"min": 0, "max": 3600}', false, false, 'Seconds within which repeated geofence events are merged.'),
  ('route', 'cache_hours', '4', 'integer', '{"min": 1, "max": 168}', false, false, 'Hours a computed route is cached.'),
  ('route', 'max_alternatives', '3', 'integer', '{"min": 0, "max": 3}', false, false, 'Alternative routes kept per computation.'),
  ('emergency', 'expected_accuracy_m', '50', 'integer', '{"min": 1, "max": 10000}', false, true, 'Location accuracy (m) an emergency report should have; worse ones are flagged, never refused.'),
  ('notifications', 'quiet_start', '"22:00"', 'string', '{"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}', false, true, 'Default start of quiet hours (local time, HH:MM).'),
  ('notifications', 'quiet_end', '"08:00"', 'string', '{"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}', false, true, 'Default end of quiet hours (local time, HH:MM).'),
  ('notifications', 'max_retries', '3', 'integer', '{"min": 0, "max": 10}', false, false, 'Retries of a failed notification before it is marked failed.'),
  ('notifications', 'bulk_batch', '100', 'integer', '{"min": 1, "max": 10000}', false, false, 'Recipients per batch of a bulk notification.'),
  ('notifications', 'bulk_delay_s', '10', 'integer', '{"min": 0, "max": 3600}', false, false, 'Seconds between batches of a bulk notification.'),
  ('notifications', 'retention_days', '90', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days notifications are kept.'),
  ('notifications', 'token_inactive_days', '30', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days without use after which a device token becomes inactive.'),
  ('notifications', 'token_delete_days', '180', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days after becoming inactive after which a device token is deleted.'),
  ('webhooks', 'max_retries', '5', 'integer', '{"min": 0, "max": 20}', false, false, 'Retries of a failed outgoing webhook call before it is abandoned.'),
  ('webhooks', 'timeout_s', '10', 'integer', '{"min": 1, "max": 60}', false, false, 'Seconds an outgoing webhook call may take.'),
  ('webhooks', 'tolerance_s', '300', 'integer', '{"min": 1, "max": 3600}', false, true, 'Age (seconds) beyond which receivers reject a signed webhook.'),
  ('webhooks', 'disable_after', '20', 'integer', '{"min": 1, "max": 1000}', false, false, 'Consecutive abandoned deliveries that disable a webhook.'),
  ('webhooks', 'secret_overlap_hours', '24', 'integer', '{"min": 0, "max": 720}', false, false, 'Hours the previous secret keeps signing after a rotation.'),
  ('disputes', 'first_response_hours', '24', 'integer', '{"min": 1, "max": 720}', false, true, 'Hours within which an admin first responds to a dispute.'),
  ('disputes', 'resolve_business_days', '7', 'integer', '{"min": 1, "max": 90}', false, true, 'Business days within which a dispute is due to be resolved.'),
  ('retention', 'qr_scans_days', '180', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days QR scans are kept unless a dispute needs them.'),
  ('retention', 'admin_log_days', '90', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days low and medium admin log entries are kept.'),
  ('retention', 'exports_days', '7', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days a data export stays downloadable.'),
  ('retention', 'backups_days', '30', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days a backup is kept.'),
  ('retention', 'stripe_events_days', '90', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days received Stripe events are kept.'),
  ('retention', 'webhook_deliveries_days', '30', 'integer', '{"min": 1, "max": 3650}', false, false, 'Days outgoing webhook deliveries are kept.')
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration
 where (category, key) in (
   ('platform', 'maintenance_mode'), ('platform', 'api_rate_limit_per_hour'), ('platform', 'max_file_upload_mb'),
   ('payments', 'pro_fee_rate'), ('payments', 'premium_fee_rate'), ('payments', 'processing_fee_rate'),
   ('payments', 'processing_fee_fixed'), ('payments', 'min_charge'), ('payments', 'escrow_hold_hours'),
   ('payments', 'capture_margin_hours'), ('payments', 'auth_validity_days'), ('payments', 'payout_min_standard'),
   ('payments', 'payout_min_instant'), ('payments', 'instant_fee_rate'), ('payments', 'instant_fee_min'),
   ('payments', 'referral_bonus'), ('payments', 'credit_validity_months'), ('payments', 'trial_days'),
   ('retention', 'qr_scans_days'), ('retention', 'admin_log_days'), ('retention', 'exports_days'),
   ('retention', 'backups_days'), ('retention', 'stripe_events_days'), ('retention', 'webhook_deliveries_days'))
    or category in ('qr', 'override', 'tracking', 'geofence', 'route', 'emergency', 'notifications', 'webhooks', 'disputes');
-- The canonical check reads these columns: it goes first (db:migrate restores it when they are back).
drop trigger if exists _500_check_value on app_public.system_configuration;
drop function if exists app_hidden.tg_system_configuration__check_value();
alter table app_public.system_configuration
  drop constraint system_configuration_sensitive_not_public,
  drop column updated_by cascade,
  drop column is_sensitive cascade,
  drop column validation cascade,
  drop column data_type cascade;
drop type app_public.configuration_data_type cascade;
