-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Operations (docs/operations.md): backups and their restore drills, data exports, daily metrics and popular routes.
-- Rows are written only by app_private functions (the worker) and by the admin mutations, never by a client.

create type app_public.backup_type as enum ('full', 'incremental', 'database_only', 'files_only');
comment on type app_public.backup_type is 'What a backup holds; pg_dump takes database_only backups (files live in the storage).';
create type app_public.backup_status as enum ('in_progress', 'completed', 'failed', 'expired');
comment on type app_public.backup_status is 'in_progress until the dump is written; completed with its size and SHA-256; expired once its file is removed.';
create type app_public.export_format as enum ('csv', 'json');
comment on type app_public.export_format is 'File format of a data export.';
create type app_public.export_status as enum ('pending', 'processing', 'completed', 'failed', 'expired');
comment on type app_public.export_status is 'pending until the worker takes it; completed with its file; expired once the file is removed.';
create type app_public.export_type as enum ('users', 'deliveries', 'delivery_requests', 'trips', 'payments', 'reviews');
comment on type app_public.export_type is 'Which rows a data export holds; users holds personal data (contains_pii).';

create table app_public.system_backups (
  id uuid primary key default gen_random_uuid(),
  backup_type app_public.backup_type not null default 'database_only',
  status app_public.backup_status not null default 'in_progress',
  requested_by uuid constraint system_backups_requested_by_fkey references app_public.users (id) on delete set null,
  storage_key text constraint system_backups_storage_key_format check (storage_key ~ '^\d{4}/\d{2}/[0-9a-f-]{36}\.dump$'),
  byte_size bigint constraint system_backups_byte_size_positive check (byte_size > 0),
  sha256 text constraint system_backups_sha256_format check (sha256 ~ '^[0-9a-f]{64}$'),
  row_counts jsonb constraint system_backups_row_counts_object check (jsonb_typeof(row_counts) = 'object'),
  error text constraint system_backups_error_length check (length(error) between 1 and 2000),
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  expires_at timestamptz not null,
  constraint system_backups_completed check ((status = 'completed') <= (storage_key is not null and byte_size is not null
                                                                        and sha256 is not null and completed_at is not null))
);
alter table app_public.system_backups enable row level security;
alter table app_public.system_backups force row level security;
-- squawk-ignore require-concurrent-index-creation
create index system_backups_requested_by_idx on app_public.system_backups (requested_by);
-- squawk-ignore require-concurrent-index-creation
create index system_backups_created_at_idx on app_public.system_backups (created_at);
-- squawk-ignore require-concurrent-index-creation
create index system_backups_expires_at_idx on app_public.system_backups (expires_at) where status <> 'expired';
comment on table app_public.system_backups is E'@behavior -insert -update -delete\nBackups of the database (pg_dump, custom format) taken by the worker: size, SHA-256 and when the file is removed. Admins with system.read see them.';
comment on column app_public.system_backups.storage_key is 'Where the dump lies under BACKUP_DIR.';
comment on column app_public.system_backups.row_counts is 'Rows of every table in the snapshot the dump was taken from; the restore drill compares against them.';
comment on constraint system_backups_pkey on app_public.system_backups is 'id is already taken';
comment on constraint system_backups_requested_by_fkey on app_public.system_backups is 'requested_by must name an existing user';
comment on constraint system_backups_storage_key_format on app_public.system_backups is 'storage_key must be <yyyy>/<mm>/<id>.dump';
comment on constraint system_backups_byte_size_positive on app_public.system_backups is 'byte_size must be positive';
comment on constraint system_backups_sha256_format on app_public.system_backups is 'sha256 must be 64 lowercase hexadecimal digits';
comment on constraint system_backups_row_counts_object on app_public.system_backups is 'row_counts must be a JSON object';
comment on constraint system_backups_error_length on app_public.system_backups is 'error must have 1 to 2000 characters';
comment on constraint system_backups_completed on app_public.system_backups is 'status completed needs storage_key, byte_size, sha256 and completed_at';

create type app_public.restore_drill_status as enum ('running', 'passed', 'failed');
comment on type app_public.restore_drill_status is 'passed when every table of the restored backup has the rows the backup recorded.';

create table app_public.backup_restore_drills (
  id uuid primary key default gen_random_uuid(),
  backup_id uuid constraint backup_restore_drills_backup_id_fkey references app_public.system_backups (id) on delete set null,
  status app_public.restore_drill_status not null default 'running',
  tables_compared integer constraint backup_restore_drills_tables_compared_range check (tables_compared >= 0),
  rows_restored bigint constraint backup_restore_drills_rows_restored_range check (rows_restored >= 0),
  mismatches jsonb not null default '[]'
    constraint backup_restore_drills_mismatches_array check (jsonb_typeof(mismatches) = 'array'),
  error text constraint backup_restore_drills_error_length check (length(error) between 1 and 2000),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
alter table app_public.backup_restore_drills enable row level security;
alter table app_public.backup_restore_drills force row level security;
-- squawk-ignore require-concurrent-index-creation
create index backup_restore_drills_backup_id_idx on app_public.backup_restore_drills (backup_id);
-- squawk-ignore require-concurrent-index-creation
create index backup_restore_drills_started_at_idx on app_public.backup_restore_drills (started_at);
comment on table app_public.backup_restore_drills is E'@behavior -insert -update -delete\nRestore drills: the newest completed backup restored into a scratch database and compared table by table.';
comment on column app_public.backup_restore_drills.mismatches is 'Tables whose restored row count differs from the backup''s: [{table, expected, restored}].';
comment on constraint backup_restore_drills_pkey on app_public.backup_restore_drills is 'id is already taken';
comment on constraint backup_restore_drills_backup_id_fkey on app_public.backup_restore_drills is 'backup_id must name an existing backup';
comment on constraint backup_restore_drills_tables_compared_range on app_public.backup_restore_drills is 'tables_compared must be 0 or more';
comment on constraint backup_restore_drills_rows_restored_range on app_public.backup_restore_drills is 'rows_restored must be 0 or more';
comment on constraint backup_restore_drills_mismatches_array on app_public.backup_restore_drills is 'mismatches must be a JSON array';
comment on constraint backup_restore_drills_error_length on app_public.backup_restore_drills is 'error must have 1 to 2000 characters';

create table app_public.data_exports (
  id uuid primary key default gen_random_uuid(),
  export_type app_public.export_type not null,
  format app_public.export_format not null,
  status app_public.export_status not null default 'pending',
  filters jsonb not null default '{}' constraint data_exports_filters_object check (jsonb_typeof(filters) = 'object'),
  contains_pii boolean not null,
  requested_by uuid not null constraint data_exports_requested_by_fkey references app_public.users (id) on delete cascade,
  storage_key text constraint data_exports_storage_key_format check (storage_key ~ '^\d{4}/\d{2}/[0-9a-f-]{36}\.(csv|json)$'),
  byte_size bigint constraint data_exports_byte_size_range check (byte_size >= 0),
  row_count bigint constraint data_exports_row_count_range check (row_count >= 0),
  sha256 text constraint data_exports_sha256_format check (sha256 ~ '^[0-9a-f]{64}$'),
  error text constraint data_exports_error_length check (length(error) between 1 and 2000),
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  expires_at timestamptz not null,
  constraint data_exports_completed check ((status = 'completed') <= (storage_key is not null and byte_size is not null
                                                                     and row_count is not null and completed_at is not null))
);
alter table app_public.data_exports enable row level security;
alter table app_public.data_exports force row level security;
-- squawk-ignore require-concurrent-index-creation
create index data_exports_requested_by_idx on app_public.data_exports (requested_by, created_at);
-- squawk-ignore require-concurrent-index-creation
create index data_exports_expires_at_idx on app_public.data_exports (expires_at) where status <> 'expired';
comment on table app_public.data_exports is E'@behavior -insert -update -delete\nExports of platform data (CSV or JSON) an admin with reports.export asked for; the file is downloaded from /exports/<id> and removed after retention.exports_days.';
comment on column app_public.data_exports.filters is 'Narrowing of the rows: {"from": date, "to": date} on created_at.';
comment on column app_public.data_exports.contains_pii is 'Whether the file holds personal data (names, emails, phones): such exports are audited as high.';
comment on constraint data_exports_pkey on app_public.data_exports is 'id is already taken';
comment on constraint data_exports_requested_by_fkey on app_public.data_exports is 'requested_by must name an existing user';
comment on constraint data_exports_filters_object on app_public.data_exports is 'filters must be a JSON object';
comment on constraint data_exports_storage_key_format on app_public.data_exports is 'storage_key must be <yyyy>/<mm>/<id>.<format>';
comment on constraint data_exports_byte_size_range on app_public.data_exports is 'byte_size must be 0 or more';
comment on constraint data_exports_row_count_range on app_public.data_exports is 'row_count must be 0 or more';
comment on constraint data_exports_sha256_format on app_public.data_exports is 'sha256 must be 64 lowercase hexadecimal digits';
comment on constraint data_exports_error_length on app_public.data_exports is 'error must have 1 to 2000 characters';
comment on constraint data_exports_completed on app_public.data_exports is 'status completed needs storage_key, byte_size, row_count and completed_at';

-- One row per day and kind: 'activity' (currency null: users, requests, matches, deliveries) and 'money' (one per
-- currency: revenue, fees, refunds). Upserted, so a re-run of a day replaces its numbers.
create table app_public.daily_metrics (
  id uuid primary key default gen_random_uuid(),
  metric_date date not null,
  metric_type text not null constraint daily_metrics_metric_type_known check (metric_type in ('activity', 'money')),
  currency text constraint daily_metrics_currency_format check (currency ~ '^[A-Z]{3}$'),
  new_users integer not null default 0 constraint daily_metrics_new_users_range check (new_users >= 0),
  active_users integer not null default 0 constraint daily_metrics_active_users_range check (active_users >= 0),
  deleted_users integer not null default 0 constraint daily_metrics_deleted_users_range check (deleted_users >= 0),
  requests integer not null default 0 constraint daily_metrics_requests_range check (requests >= 0),
  matches integer not null default 0 constraint daily_metrics_matches_range check (matches >= 0),
  completions integer not null default 0 constraint daily_metrics_completions_range check (completions >= 0),
  cancellations integer not null default 0 constraint daily_metrics_cancellations_range check (cancellations >= 0),
  revenue bigint not null default 0 constraint daily_metrics_revenue_range check (revenue >= 0),
  fees bigint not null default 0 constraint daily_metrics_fees_range check (fees >= 0),
  refunds bigint not null default 0 constraint daily_metrics_refunds_range check (refunds >= 0),
  success_rate numeric(5,4) constraint daily_metrics_success_rate_range check (success_rate between 0 and 1),
  api_calls bigint constraint daily_metrics_api_calls_range check (api_calls >= 0),
  errors bigint constraint daily_metrics_errors_range check (errors >= 0),
  computed_at timestamptz not null default now(),
  constraint daily_metrics_currency_kind check ((metric_type = 'money') = (currency is not null)),
  constraint daily_metrics_day_unique unique nulls not distinct (metric_date, metric_type, currency)
);
alter table app_public.daily_metrics enable row level security;
alter table app_public.daily_metrics force row level security;
comment on table app_public.daily_metrics is E'@behavior -insert -update -delete\nThe platform''s numbers per UTC day, computed at 00:30 UTC for the day before (analytics.read).';
comment on column app_public.daily_metrics.active_users is 'Users who signed in (a session began) that day.';
comment on column app_public.daily_metrics.matches is 'Offers accepted that day (deliveries created).';
comment on column app_public.daily_metrics.success_rate is 'completions / (completions + cancellations) of the day; null when neither happened.';
comment on column app_public.daily_metrics.api_calls is 'Not recorded in SQL: the API''s request counters are /metrics (Prometheus).';
comment on constraint daily_metrics_pkey on app_public.daily_metrics is 'id is already taken';
comment on constraint daily_metrics_day_unique on app_public.daily_metrics is 'metric_date already has this metric_type and currency';
comment on constraint daily_metrics_metric_type_known on app_public.daily_metrics is 'metric_type must be activity or money';
comment on constraint daily_metrics_currency_format on app_public.daily_metrics is 'currency must be three capital letters';
comment on constraint daily_metrics_currency_kind on app_public.daily_metrics is 'currency is set exactly on money rows';
comment on constraint daily_metrics_new_users_range on app_public.daily_metrics is 'new_users must be 0 or more';
comment on constraint daily_metrics_active_users_range on app_public.daily_metrics is 'active_users must be 0 or more';
comment on constraint daily_metrics_deleted_users_range on app_public.daily_metrics is 'deleted_users must be 0 or more';
comment on constraint daily_metrics_requests_range on app_public.daily_metrics is 'requests must be 0 or more';
comment on constraint daily_metrics_matches_range on app_public.daily_metrics is 'matches must be 0 or more';
comment on constraint daily_metrics_completions_range on app_public.daily_metrics is 'completions must be 0 or more';
comment on constraint daily_metrics_cancellations_range on app_public.daily_metrics is 'cancellations must be 0 or more';
comment on constraint daily_metrics_revenue_range on app_public.daily_metrics is 'revenue must be 0 or more';
comment on constraint daily_metrics_fees_range on app_public.daily_metrics is 'fees must be 0 or more';
comment on constraint daily_metrics_refunds_range on app_public.daily_metrics is 'refunds must be 0 or more';
comment on constraint daily_metrics_success_rate_range on app_public.daily_metrics is 'success_rate must be between 0 and 1';
comment on constraint daily_metrics_api_calls_range on app_public.daily_metrics is 'api_calls must be 0 or more';
comment on constraint daily_metrics_errors_range on app_public.daily_metrics is 'errors must be 0 or more';

create table app_public.popular_routes (
  id uuid primary key default gen_random_uuid(),
  origin_city text not null constraint popular_routes_origin_city_length check (length(origin_city) between 1 and 255),
  origin_country text not null constraint popular_routes_origin_country_length check (length(origin_country) between 1 and 100),
  destination_city text not null constraint popular_routes_destination_city_length check (length(destination_city) between 1 and 255),
  destination_country text not null constraint popular_routes_destination_country_length check (length(destination_country) between 1 and 100),
  request_count integer not null constraint popular_routes_request_count_range check (request_count >= 0),
  completion_count integer not null constraint popular_routes_completion_count_range check (completion_count >= 0),
  average_price bigint constraint popular_routes_average_price_range check (average_price >= 0),
  currency text constraint popular_routes_currency_format check (currency ~ '^[A-Z]{3}$'),
  average_rating numeric(3,2) constraint popular_routes_average_rating_range check (average_rating between 1 and 5),
  period_start timestamptz not null,
  period_end timestamptz not null,
  constraint popular_routes_period_order check (period_start < period_end),
  constraint popular_routes_route_unique unique (origin_country, origin_city, destination_country, destination_city)
);
alter table app_public.popular_routes enable row level security;
alter table app_public.popular_routes force row level security;
comment on table app_public.popular_routes is E'@behavior -insert -update -delete\nRoutes (city pairs) with at least 5 requests over the last 30 days, rebuilt weekly (analytics.read).';
comment on column app_public.popular_routes.average_price is 'Average final price of the route''s deliveries in its most used currency, minor units.';
comment on constraint popular_routes_pkey on app_public.popular_routes is 'id is already taken';
comment on constraint popular_routes_route_unique on app_public.popular_routes is 'origin_city and destination_city already form a route';
comment on constraint popular_routes_origin_city_length on app_public.popular_routes is 'origin_city must have 1 to 255 characters';
comment on constraint popular_routes_origin_country_length on app_public.popular_routes is 'origin_country must have 1 to 100 characters';
comment on constraint popular_routes_destination_city_length on app_public.popular_routes is 'destination_city must have 1 to 255 characters';
comment on constraint popular_routes_destination_country_length on app_public.popular_routes is 'destination_country must have 1 to 100 characters';
comment on constraint popular_routes_request_count_range on app_public.popular_routes is 'request_count must be 0 or more';
comment on constraint popular_routes_completion_count_range on app_public.popular_routes is 'completion_count must be 0 or more';
comment on constraint popular_routes_average_price_range on app_public.popular_routes is 'average_price must be 0 or more';
comment on constraint popular_routes_currency_format on app_public.popular_routes is 'currency must be three capital letters';
comment on constraint popular_routes_average_rating_range on app_public.popular_routes is 'average_rating must be between 1 and 5';
comment on constraint popular_routes_period_order on app_public.popular_routes is 'period_start must be before period_end';

-- Descriptions of the columns (their GraphQL descriptions).
comment on column app_public.system_backups.id is 'The id of the backup.';
comment on column app_public.system_backups.backup_type is 'What the backup holds (pg_dump takes database_only backups).';
comment on column app_public.system_backups.status is 'in_progress, completed, failed or expired (file removed).';
comment on column app_public.system_backups.requested_by is 'The admin who asked for it; null for a scheduled one.';
comment on column app_public.system_backups.byte_size is 'Size of the dump file in bytes.';
comment on column app_public.system_backups.sha256 is 'SHA-256 of the dump file, in hexadecimal.';
comment on column app_public.system_backups.error is 'Why the backup failed.';
comment on column app_public.system_backups.created_at is 'When it was asked for.';
comment on column app_public.system_backups.completed_at is 'When the dump was written.';
comment on column app_public.system_backups.expires_at is 'When the file is removed (retention.backups_days after the request).';
comment on column app_public.backup_restore_drills.id is 'The id of the drill.';
comment on column app_public.backup_restore_drills.backup_id is 'The backup restored.';
comment on column app_public.backup_restore_drills.status is 'running, passed (every table has its rows) or failed.';
comment on column app_public.backup_restore_drills.tables_compared is 'Tables compared between the backup and its restored copy.';
comment on column app_public.backup_restore_drills.rows_restored is 'Rows found in the restored copy.';
comment on column app_public.backup_restore_drills.error is 'Why the drill could not compare (a missing or changed file, a failed restore).';
comment on column app_public.backup_restore_drills.started_at is 'When the drill began.';
comment on column app_public.backup_restore_drills.finished_at is 'When it ended.';
comment on column app_public.data_exports.id is 'The id of the export: its file is GET /exports/<id>.';
comment on column app_public.data_exports.export_type is 'Which rows the export holds.';
comment on column app_public.data_exports.format is 'csv or json.';
comment on column app_public.data_exports.status is 'pending, processing, completed, failed or expired (file removed).';
comment on column app_public.data_exports.requested_by is 'The admin who asked for it; only they download it.';
comment on column app_public.data_exports.storage_key is 'Where the file lies under EXPORT_DIR.';
comment on column app_public.data_exports.byte_size is 'Size of the file in bytes.';
comment on column app_public.data_exports.row_count is 'Rows written.';
comment on column app_public.data_exports.sha256 is 'SHA-256 of the file, in hexadecimal.';
comment on column app_public.data_exports.error is 'Why the export failed.';
comment on column app_public.data_exports.created_at is 'When it was asked for.';
comment on column app_public.data_exports.completed_at is 'When the file was written.';
comment on column app_public.data_exports.expires_at is 'When the file is removed (retention.exports_days after the request).';
comment on column app_public.daily_metrics.id is 'The id of the row.';
comment on column app_public.daily_metrics.metric_date is 'The UTC day.';
comment on column app_public.daily_metrics.metric_type is 'activity (counts, currency null) or money (one row per currency).';
comment on column app_public.daily_metrics.currency is 'Currency of a money row; null on the activity row.';
comment on column app_public.daily_metrics.new_users is 'Accounts created that day.';
comment on column app_public.daily_metrics.deleted_users is 'Accounts deleted that day.';
comment on column app_public.daily_metrics.requests is 'Delivery requests created that day.';
comment on column app_public.daily_metrics.completions is 'Deliveries delivered that day (money rows: in that currency).';
comment on column app_public.daily_metrics.cancellations is 'Deliveries cancelled that day.';
comment on column app_public.daily_metrics.revenue is 'Payments captured that day, minor units.';
comment on column app_public.daily_metrics.fees is 'Platform fees of the payments captured that day, minor units.';
comment on column app_public.daily_metrics.refunds is 'Refunds that succeeded that day, minor units.';
comment on column app_public.daily_metrics.errors is 'Not recorded in SQL: the API error counters are /metrics (Prometheus).';
comment on column app_public.daily_metrics.computed_at is 'When the row was last computed.';
comment on column app_public.popular_routes.id is 'The id of the route.';
comment on column app_public.popular_routes.origin_city is 'Pickup city of the requests of the route.';
comment on column app_public.popular_routes.origin_country is 'Pickup country.';
comment on column app_public.popular_routes.destination_city is 'Delivery city.';
comment on column app_public.popular_routes.destination_country is 'Delivery country.';
comment on column app_public.popular_routes.request_count is 'Requests on the route created in the period.';
comment on column app_public.popular_routes.completion_count is 'Of those, requests delivered.';
comment on column app_public.popular_routes.currency is 'The most used currency of the route (of average_price).';
comment on column app_public.popular_routes.average_rating is 'Average rating customers gave the deliveries of the route.';
comment on column app_public.popular_routes.period_start is 'Start of the period (30 days before the rebuild).';
comment on column app_public.popular_routes.period_end is 'End of the period (the rebuild).';

-- Retention of QR scans (retention.qr_scans_days) scans by age.
-- squawk-ignore require-concurrent-index-creation
create index qr_code_scans_created_at_idx on app_public.qr_code_scans (created_at);

-- Monitoring (docs/operations.md, Monitoring): PostgreSQL's statistics, read by admins with system.read through
-- app_public.admin_database_performance(), admin_index_usage() and admin_table_sizes(); no API role reads them here.
create view app_hidden.database_performance with (security_invoker = true) as
  select format('%I.%I', s.schemaname, s.relname) as table_name, s.seq_scan, s.seq_tup_read, s.idx_scan,
         s.idx_tup_fetch, s.n_tup_ins, s.n_tup_upd, s.n_tup_del, s.n_live_tup, s.n_dead_tup,
         s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze
    from pg_catalog.pg_stat_user_tables s;
comment on view app_hidden.database_performance is 'Per table: scans, tuples read and written, live and dead rows, last vacuum and analyze (pg_stat_user_tables).';
create view app_hidden.index_usage with (security_invoker = true) as
  select s.relname, s.indexrelname, format('%I.%I', s.schemaname, s.indexrelname) as index_name, s.idx_scan,
         s.idx_tup_read, s.idx_tup_fetch, pg_catalog.pg_relation_size(s.indexrelid) as size_bytes
    from pg_catalog.pg_stat_user_indexes s;
comment on view app_hidden.index_usage is 'Per index: scans and size (pg_stat_user_indexes); an index never scanned is a candidate for removal.';
create view app_hidden.table_sizes with (security_invoker = true) as
  select format('%I.%I', n.nspname, c.relname) as table_name,
         pg_catalog.pg_table_size(c.oid) as table_bytes, pg_catalog.pg_indexes_size(c.oid) as index_bytes,
         coalesce(pg_catalog.pg_total_relation_size(c.reltoastrelid), 0) as toast_bytes,
         pg_catalog.pg_total_relation_size(c.oid) as total_bytes
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname not like 'pg\_toast%';
comment on view app_hidden.table_sizes is 'Per table: bytes of the table, its indexes and its TOAST data.';

-- migrate:down
set local lock_timeout = '5s';
drop view app_hidden.table_sizes;
drop view app_hidden.index_usage;
drop view app_hidden.database_performance;
drop index app_public.qr_code_scans_created_at_idx;
drop table app_public.popular_routes cascade;
drop table app_public.daily_metrics cascade;
drop table app_public.data_exports cascade;
drop table app_public.backup_restore_drills cascade;
drop table app_public.system_backups cascade;
drop type app_public.restore_drill_status cascade;
drop type app_public.export_type cascade;
drop type app_public.export_status cascade;
drop type app_public.export_format cascade;
drop type app_public.backup_status cascade;
drop type app_public.backup_type cascade;
