// The tunables (docs/platform.md, Configuration): every row of system_configuration declares its type, bounds,
// sensitivity and visibility, and its value fits them; every key the platform ships with exists with its default; a
// direct write that breaks a row's declared type or bounds is refused; config_value keeps answering.
import test from "ava";
import { isDeepStrictEqual } from "node:util";
import { createUser, openSession } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";

const db = useTestDatabase(test);

/**
 * The keys the platform ships with, key by key with its default (money in minor units): those the docs/<domain>.md
 * files name, and those seeded for the domains still to come.
 */
const SHIPPED_DEFAULTS: Record<string, unknown> = {
  "platform.maintenance_mode": false, "platform.registration_enabled": true, "platform.api_rate_limit_per_hour": 1000,
  "platform.max_file_upload_mb": 10, "platform.default_currency": "USD", "platform.supported_currencies": ["USD", "EUR", "GBP"],
  "auth.access_token_minutes": 30, "auth.refresh_token_days": 7, "auth.max_active_sessions": 10,
  "auth.email_token_hours": 24, "auth.password_reset_minutes": 60, "auth.phone_code_minutes": 10, "auth.phone_code_attempts": 5,
  "auth.mfa_challenge_minutes": 5, "auth.mfa_attempts": 5, "auth.totp_window_steps": 1, "auth.backup_codes": 10,
  "security.password_min_length": 8, "security.max_login_attempts": 5, "security.lockout_minutes": 15,
  "security.admin_requires_2fa": true, "security.rate_login_15min_ip": 100 /* per address, sized for shared ones (README, Security) */, "security.rate_register_hour_ip": 3,
  "security.rate_reset_hour": 3, "security.rate_verify_email_hour": 5, "security.rate_2fa_setup_hour": 10,
  "verification.phone_max_value": 20000, "verification.phone_max_active": 3, "verification.address_doc_max_age_days": 90,
  "verification.uploads_per_30d": 3,
  "limits.max_delivery_value": 500000, "limits.max_delivery_weight_kg": 25, "limits.max_delivery_distance_km": 20000,
  "limits.max_active_deliveries": 10, "limits.max_open_requests": 20, "limits.max_quantity": 10, "limits.max_dimension_cm": 200,
  "limits.min_request_price": 100, "limits.max_request_price": 100000,
  "trips.start_window_hours": 24, "trips.auto_complete_hours": 24, "trips.recurrence_days": 30, "trips.recurrence_max": 52,
  "trips.weather_ttl_hours": 3, "trips.weather_horizon_days": 5,
  "requests.expiry_days": 7, "requests.max_expiry_days": 30,
  "offers.validity_hours": 24, "offers.max_versions": 10, "offers.max_threads_per_traveler": 3,
  "matching.pickup_radius_km": 10, "matching.dropoff_radius_km": 10, "matching.time_flex_hours": 6, "matching.min_lead_hours": 2,
  "matching.max_detour_km": 20, "matching.detour_ratio": 0.25, "matching.min_detour_km": 2, "matching.candidate_limit": 50,
  "matching.max_results": 10, "matching.min_score": 0.6,
  "matching.weights": { route: 0.3, timing: 0.2, reliability: 0.15, rating: 0.15, price: 0.1, newcomer: 0.1 },
  "matching.rating_prior": 4, "matching.prior_weight": 5, "matching.newcomer_threshold": 5, "matching.favorite_bonus": 0.05,
  "deliveries.authorization_deadline_hours": 24, "deliveries.dispute_window_hours": 48, "deliveries.contacts_after_hours": 48,
  "deliveries.cancel_flag_count": 3, "deliveries.cancel_flag_days": 30,
  "qr.default_expiry_hours": 24, "qr.min_expiry_hours": 1, "qr.max_expiry_hours": 168, "qr.max_expiry_maximum_level": 24,
  "qr.bound_radius_m": 200, "qr.max_accuracy_m": 100, "qr.max_fix_age_s": 300,
  "qr.failures_per_window": 5, "qr.window_minutes": 15, "qr.revoke_after_failures": 10, "qr.risk_review": 0.5, "qr.risk_block": 0.8,
  "qr.key_rotation_days": 90, "qr.key_grace_days": 8,
  "override.default_valid_hours": 2, "override.max_valid_hours": 24, "override.max_open_per_user": 3, "override.pending_ttl_hours": 24,
  "payments.platform_fee_rate": 0.1, "payments.pro_fee_rate": 0.07, "payments.premium_fee_rate": 0.05,
  "payments.processing_fee_rate": 0.029, "payments.processing_fee_fixed": 30, "payments.min_charge": 100,
  "payments.escrow_hold_hours": 48, "payments.capture_margin_hours": 12, "payments.auth_validity_days": 7,
  "payments.payout_min_standard": 100, "payments.payout_min_instant": 500, "payments.instant_fee_rate": 0.015,
  "payments.instant_fee_min": 50, "payments.referral_bonus": 1000, "payments.credit_validity_months": 12, "payments.trial_days": 14,
  "pricing.base": 1000, "pricing.per_km": 50, "pricing.per_kg": 200, "pricing.fragile_multiplier": 1.2, "pricing.min_price": 1000,
  "pricing.max_price": 50000, "pricing.urgency_multipliers": { standard: 1, express: 1.5, urgent: 2 },
  "tracking.min_interval_s": 15, "tracking.max_past_hours": 24, "tracking.batch_max": 500, "tracking.geofence_min_accuracy_m": 100,
  "tracking.approx_grid_m": 500, "tracking.approx_round_min": 5, "tracking.minimal_grid_m": 5000, "tracking.minimal_round_min": 30,
  "tracking.retention_days": 90, "tracking.dispute_grace_days": 30,
  "geofence.pickup_radius_m": 100, "geofence.pickup_dwell_min": 5, "geofence.dropoff_radius_m": 100,
  "geofence.dropoff_dwell_min": 10, "geofence.dedupe_s": 60,
  "route.cache_hours": 4, "route.max_alternatives": 3, "emergency.expected_accuracy_m": 50,
  "notifications.quiet_start": "22:00", "notifications.quiet_end": "08:00", "notifications.max_retries": 3,
  "notifications.bulk_batch": 100, "notifications.bulk_delay_s": 10, "notifications.retention_days": 90,
  "notifications.token_inactive_days": 30, "notifications.token_delete_days": 180,
  "webhooks.max_retries": 5, "webhooks.timeout_s": 10, "webhooks.tolerance_s": 300, "webhooks.disable_after": 20,
  "webhooks.secret_overlap_hours": 24,
  "reviews.window_days": 30, "reviews.edit_hours": 24, "reviews.hide_after_reports": 3, "reviews.blind_reveal_days": 14,
  "disputes.first_response_hours": 24, "disputes.resolve_business_days": 7,
  "retention.qr_scans_days": 180, "retention.sessions_days": 30, "retention.admin_log_days": 90, "retention.exports_days": 7,
  "retention.backups_days": 30, "retention.stripe_events_days": 90, "retention.webhook_deliveries_days": 30,
  "retention.anonymise_days": 30,
};

interface Row {
  setting: string;
  value: unknown;
  data_type: string | null;
  validation: { min?: number; max?: number; pattern?: string } | null;
  is_sensitive: boolean | null;
  is_public: boolean;
}

/** Checks a value against its declared type and bounds, independently of the SQL trigger that enforces them. */
function problemsOf(row: Row): string[] {
  const { value, data_type: type, validation } = row;
  const problems: string[] = [];
  const fits: Record<string, boolean> = {
    boolean: typeof value === "boolean",
    integer: Number.isInteger(value),
    number: typeof value === "number" && Number.isFinite(value),
    string: typeof value === "string",
    array: Array.isArray(value),
    object: typeof value === "object" && value !== null && !Array.isArray(value),
  };
  if (type === null || !(type in fits)) return [`unknown data_type ${type}`];
  if (!fits[type]) problems.push(`is not ${type}`);
  const members = Array.isArray(value) ? value
    : typeof value === "object" && value !== null ? Object.values(value) : [value];
  const numbers = members.filter((m): m is number => typeof m === "number");
  const strings = members.filter((m): m is string => typeof m === "string");
  const { min, max, pattern } = validation ?? {};
  if (min !== undefined && numbers.some((n) => n < min)) problems.push(`below ${min}`);
  if (max !== undefined && numbers.some((n) => n > max)) problems.push(`above ${max}`);
  if (pattern !== undefined && strings.some((s) => !new RegExp(pattern).test(s))) problems.push(`does not match ${pattern}`);
  if ((type === "integer" || type === "number") && min === undefined && max === undefined) problems.push("has no bounds");
  if (row.is_sensitive && row.is_public) problems.push("is both sensitive and public");
  return problems;
}

const rows = () => asRoot(db, async (c) => (await c.query<Row>(
  `select category || '.' || key as setting, value, to_jsonb(c) -> 'data_type' #>> '{}' as data_type,
          to_jsonb(c) -> 'validation' as validation, (to_jsonb(c) ->> 'is_sensitive')::boolean as is_sensitive, is_public
     from app_public.system_configuration c order by 1`)).rows);

test("every setting declares its type, bounds and sensitivity, and its value fits them", async (t) => {
  const all = await rows();
  t.true(all.length > 150);
  const broken = all.map((row) => [row.setting, problemsOf(row)] as const).filter(([, problems]) => problems.length > 0);
  t.deepEqual(broken, [], "every row's value matches its data_type and lies within its validation");
});

test("every shipped key exists with its default", async (t) => {
  const values = new Map((await rows()).map((row) => [row.setting, row.value]));
  const missing = Object.keys(SHIPPED_DEFAULTS).filter((key) => !values.has(key));
  t.deepEqual(missing, [], "shipped keys missing from system_configuration");
  const different = Object.entries(SHIPPED_DEFAULTS)
    .filter(([key, value]) => values.has(key) && !isDeepStrictEqual(values.get(key), value)).map(([key]) => key);
  t.deepEqual(different, [], "shipped keys whose seeded value is not the default");
});

test("a direct write that breaks a setting's type or bounds is refused with INVAL naming the setting", async (t) => {
  await asRoot(db, async (c) => {
    for (const [setting, value] of [["platform.max_file_upload_mb", "0"], ["platform.max_file_upload_mb", "2.5"],
      ["platform.maintenance_mode", "\"yes\""], ["matching.min_score", "1.5"], ["notifications.quiet_start", "\"25:00\""],
      ["platform.supported_currencies", "[\"USD\", \"euro\"]"], ["matching.weights", "{\"route\": 2}"]] as const) {
      const [category, key] = setting.split(".");
      await c.query("begin");
      try {
        const error = await c.query("update app_public.system_configuration set value = $3::jsonb where category = $1 and key = $2",
          [category, key, value]).then(() => undefined, (e: { code?: string; message: string }) => e);
        t.is(error?.code, "INVAL", `${setting} = ${value}`);
        t.true(error?.message.includes(setting), error?.message);
      } finally {
        await c.query("rollback");
      }
    }
    t.is(await sqlstate(c.query(`insert into app_public.system_configuration (category, key, value, data_type, validation)
      values ('test', 'odd', '5', 'integer', '{"min": 1, "max": 3}')`)), "INVAL", "inserts are checked too");
    t.is(await sqlstate(c.query(`insert into app_public.system_configuration (category, key, value, data_type, validation)
      values ('test', 'odd', '5', 'integer', '{"maximum": 3}')`)), "23514", "validation knows only min, max and pattern");
  });
});

test("config_value reads every setting; a change records who made it", async (t) => {
  const { id } = await createUser(db);
  await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      t.is((await c.query("select app_hidden.config_value('platform.maintenance_mode') as v")).rows[0].v, false);
      t.is((await c.query("select app_hidden.config_value('qr.bound_radius_m') as v")).rows[0].v, 200);
      t.is((await c.query("select updated_by from app_public.system_configuration where category = 'qr' and key = 'bound_radius_m'")).rows[0].updated_by,
        null, "seeded by a migration: no one");
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, id)]);
      await c.query("update app_public.system_configuration set value = '300' where category = 'qr' and key = 'bound_radius_m'");
      t.is((await c.query("select updated_by from app_public.system_configuration where category = 'qr' and key = 'bound_radius_m'")).rows[0].updated_by, id);
      t.is((await c.query("select app_hidden.config_value('qr.bound_radius_m') as v")).rows[0].v, 300);
    } finally {
      await c.query("rollback");
    }
  });
});
