-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Profiles (docs/identity.md, docs/social.md): the rest of the public profile, addresses, preferences, statistics and
-- earnings, identity documents, blocks, favorites and reports, and the user_profiles view.

create type app_public.address_type as enum ('home', 'work', 'other');
comment on type app_public.address_type is 'Kind of a saved address.';
create type app_public.document_type as enum ('passport', 'driving_license', 'national_id', 'utility_bill', 'bank_statement', 'other');
comment on type app_public.document_type is 'Kind of an identity or address document: passport, driving_license and national_id prove identity, utility_bill and bank_statement prove an address.';
create type app_public.verification_status as enum ('pending', 'under_review', 'approved', 'rejected', 'expired');
comment on type app_public.verification_status is 'Review state of a verification document: pending → under_review → approved or rejected; expired after expires_on.';
create type app_public.block_reason as enum ('inappropriate_behavior', 'spam', 'harassment', 'unreliable', 'fraud_concern', 'safety_concern', 'other');
comment on type app_public.block_reason is 'Why a user blocked another (private to the blocker).';
create type app_public.user_report_category as enum ('inappropriate_behavior', 'fraud', 'harassment', 'spam', 'safety_concern', 'other');
comment on type app_public.user_report_category is 'What a report about a user is about.';
create type app_public.report_status as enum ('pending', 'reviewed', 'resolved', 'dismissed');
comment on type app_public.report_status is 'Moderation state of a report: pending → reviewed → resolved or dismissed.';
create type app_public.report_priority as enum ('low', 'medium', 'high', 'urgent');
comment on type app_public.report_priority is 'How soon moderators should look at a report.';
create type app_public.report_resolution_action as enum ('none', 'warning', 'suspension', 'ban', 'content_removed');
comment on type app_public.report_resolution_action is 'What moderators did about a report.';

-- Tunables of this migration (docs/identity.md, docs/platform.md).
insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('platform', 'default_currency', '"USD"', 'Currency of new money rows when nothing else decides.', true),
  ('verification', 'uploads_per_30d', '3', 'Verification documents a user may submit per type in 30 days.', true),
  ('verification', 'address_doc_max_age_days', '90', 'Age (days since submission) after which a proof of address no longer counts.', true),
  ('retention', 'anonymise_days', '30', 'Days after an account deletion before its personal data is anonymised.', false),
  ('retention', 'batch_size', '10000', 'Rows a cleanup function handles per call.', false)
on conflict (category, key) do nothing;

-- users: the rest of the public profile. The columns are nullable, so adding them rewrites nothing.
alter table app_public.users
  add column picture_key text check (length(picture_key) <= 512 and picture_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  add column bio text check (length(bio) <= 500),
  add column referral_code text check (referral_code ~ '^[0-9A-Z]{6,16}$'),
  add column referred_by_user_id uuid,
  add column suspended_until timestamptz,
  add column deactivated_at timestamptz,
  add column deleted_at timestamptz;
-- Existing accounts get a code now; new ones get one from the _100_referral_code trigger.
update app_public.users set referral_code = upper(encode(public.gen_random_bytes(5), 'hex')) where referral_code is null;
-- users is small when this release ships, and migrations run in a transaction (no concurrent builds there).
-- squawk-ignore require-concurrent-index-creation
create unique index users_referral_code_key on app_public.users (referral_code);
-- squawk-ignore require-concurrent-index-creation
create index users_referred_by_user_id_idx on app_public.users (referred_by_user_id);
-- The column was added in this transaction and is still empty, so validating the key reads nothing.
-- squawk-ignore adding-foreign-key-constraint, constraint-missing-not-valid
alter table app_public.users add constraint users_referred_by_user_id_fkey
  foreign key (referred_by_user_id) references app_public.users (id) on delete set null;
comment on column app_public.users.picture_key is 'Storage key of the profile picture (uploaded through a signed URL).';
comment on column app_public.users.bio is 'A short self-description, at most 500 characters.';
comment on column app_public.users.referral_code is 'Code others enter at sign-up to be referred by this user.';
comment on column app_public.users.referred_by_user_id is 'The user whose referral code this user signed up with.';
comment on column app_public.users.suspended_until is 'End of the current suspension, if any.';
comment on column app_public.users.deactivated_at is 'When the user deactivated the account (signing in within 30 days undoes it).';
comment on column app_public.users.deleted_at is 'When the user deleted the account; personal data is anonymised after a retention period.';

-- Why and when accounts were closed (deactivate_account, delete_account); free-text reasons stay server-side.
create type app_private.account_closure_kind as enum ('deactivated', 'deleted');
create table app_private.account_closures (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  kind app_private.account_closure_kind not null,
  reason text not null check (length(reason) between 1 and 1000),
  created_at timestamptz not null default now(),
  anonymised_at timestamptz,
  check (anonymised_at is null or kind = 'deleted')
);
create index account_closures_user_id_idx on app_private.account_closures (user_id, created_at);
create index account_closures_to_anonymise_idx on app_private.account_closures (created_at)
  where kind = 'deleted' and anonymised_at is null;
alter table app_private.account_closures enable row level security;
alter table app_private.account_closures force row level security;
comment on table app_private.account_closures is 'Account deactivations and deletions with the reason the user gave; drives anonymisation.';

create table app_public.user_addresses (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  address_type app_public.address_type not null default 'home',
  label text check (length(label) between 1 and 50),
  street text not null check (length(street) between 1 and 255),
  city text not null check (length(city) between 1 and 100),
  postal_code text check (length(postal_code) between 1 and 20),
  country text not null check (country ~ '^[A-Z]{2}$'),
  point geography(point, 4326),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index user_addresses_user_id_idx on app_public.user_addresses (user_id, created_at);
-- At most one default per user; the triggers make the first address the default and promote another when the
-- default is deleted, so a user with addresses always has exactly one.
create unique index user_addresses_one_default_key on app_public.user_addresses (user_id) where is_default;
create index user_addresses_point_idx on app_public.user_addresses using gist (point);
alter table app_public.user_addresses enable row level security;
alter table app_public.user_addresses force row level security;
comment on table app_public.user_addresses is 'Saved addresses of a user, visible only to the user (and admins with users.read). Exactly one is the default.';
comment on column app_public.user_addresses.id is 'Identifier of the address.';
comment on column app_public.user_addresses.user_id is E'@hasDefault\nOwner of the address (set from the signed-in user).';
comment on column app_public.user_addresses.address_type is 'home, work or other.';
comment on column app_public.user_addresses.label is 'Optional name the user gives the address.';
comment on column app_public.user_addresses.street is 'Street and number.';
comment on column app_public.user_addresses.city is 'City.';
comment on column app_public.user_addresses.postal_code is 'Postal code, if the country has one.';
comment on column app_public.user_addresses.country is 'Country as an upper-case ISO 3166-1 alpha-2 code, e.g. DE.';
comment on column app_public.user_addresses.point is 'Location of the address (GeoJSON point, WGS 84).';
comment on column app_public.user_addresses.is_default is 'Whether this is the default address; change it with setDefaultAddress.';
comment on column app_public.user_addresses.created_at is 'When the address was saved.';
comment on column app_public.user_addresses.updated_at is 'When the address last changed.';

create table app_public.user_preferences (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  privacy jsonb not null default '{"show_last_name": false, "show_statistics": true}',
  location jsonb not null default '{"tracking_level": "approximate", "delete_after_delivery": true}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint user_preferences_privacy_shape check (
    jsonb_typeof(privacy) = 'object'
    and privacy - array['show_last_name', 'show_statistics'] = '{}'::jsonb
    and jsonb_typeof(privacy -> 'show_last_name') = 'boolean'
    and jsonb_typeof(privacy -> 'show_statistics') = 'boolean'),
  constraint user_preferences_location_shape check (
    jsonb_typeof(location) = 'object'
    and location - array['tracking_level', 'delete_after_delivery'] = '{}'::jsonb
    and location ->> 'tracking_level' in ('precise', 'approximate', 'minimal')
    and jsonb_typeof(location -> 'delete_after_delivery') = 'boolean')
);
alter table app_public.user_preferences enable row level security;
alter table app_public.user_preferences force row level security;
comment on table app_public.user_preferences is E'@behavior -insert -delete -update\nPrivacy and location preferences of a user (1:1, created with the user); change them with updatePreferences.';
comment on column app_public.user_preferences.user_id is 'The user these preferences belong to.';
comment on column app_public.user_preferences.privacy is 'Privacy: {show_last_name: boolean (display the full name), show_statistics: boolean (statistics public)}.';
comment on column app_public.user_preferences.location is 'Location sharing: {tracking_level: precise|approximate|minimal, delete_after_delivery: boolean}.';
comment on column app_public.user_preferences.created_at is 'When the row was created.';
comment on column app_public.user_preferences.updated_at is 'When the preferences last changed.';

create table app_public.user_statistics (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  total_trips integer not null default 0 check (total_trips >= 0),
  total_deliveries integer not null default 0 check (total_deliveries >= 0),
  successful_deliveries integer not null default 0 check (successful_deliveries >= 0),
  cancelled_deliveries integer not null default 0 check (cancelled_deliveries >= 0),
  deliveries_as_traveler integer not null default 0 check (deliveries_as_traveler >= 0),
  successful_as_traveler integer not null default 0 check (successful_as_traveler >= 0),
  cancelled_as_traveler integer not null default 0 check (cancelled_as_traveler >= 0),
  average_rating numeric(3, 2) check (average_rating between 1 and 5),
  total_ratings integer not null default 0 check (total_ratings >= 0),
  completion_rate numeric(5, 4) generated always as (
    case when successful_deliveries + cancelled_deliveries > 0
         then round(successful_deliveries::numeric / (successful_deliveries + cancelled_deliveries), 4) end) stored,
  response_time_minutes integer check (response_time_minutes >= 0),
  updated_at timestamptz not null default now(),
  check (successful_deliveries + cancelled_deliveries <= total_deliveries),
  check (deliveries_as_traveler <= total_deliveries),
  check (successful_as_traveler <= deliveries_as_traveler and cancelled_as_traveler <= deliveries_as_traveler),
  check ((total_ratings = 0) = (average_rating is null))
);
alter table app_public.user_statistics enable row level security;
alter table app_public.user_statistics force row level security;
comment on table app_public.user_statistics is E'@behavior -insert -update -delete\nActivity statistics of a user (1:1, created with the user, maintained by triggers). Public when the user shows statistics; always visible to the user and admins.';
comment on column app_public.user_statistics.user_id is 'The user these statistics describe.';
comment on column app_public.user_statistics.total_trips is 'Trips completed as a traveler.';
comment on column app_public.user_statistics.total_deliveries is 'Deliveries taken part in, as customer or traveler, that have ended.';
comment on column app_public.user_statistics.successful_deliveries is 'Deliveries that ended delivered.';
comment on column app_public.user_statistics.cancelled_deliveries is 'Deliveries that ended cancelled.';
comment on column app_public.user_statistics.deliveries_as_traveler is 'Ended deliveries in which the user was the traveler.';
comment on column app_public.user_statistics.successful_as_traveler is 'Deliveries the user carried to the end.';
comment on column app_public.user_statistics.cancelled_as_traveler is 'Deliveries the user cancelled as the traveler.';
comment on column app_public.user_statistics.average_rating is 'Mean overall rating received (1–5), or null without ratings.';
comment on column app_public.user_statistics.total_ratings is 'Number of ratings received.';
comment on column app_public.user_statistics.completion_rate is 'Share of finished deliveries (delivered or cancelled) that were delivered, 0–1.';
comment on column app_public.user_statistics.response_time_minutes is 'Typical time the user takes to answer an offer, in minutes.';
comment on column app_public.user_statistics.updated_at is 'When the statistics last changed.';

-- Money figures of user_statistics live in their own 1:1 table: SELECT grants are table-wide, and earnings are
-- visible only to the user and admins even when the statistics are public.
create table app_public.user_earnings (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  total_earnings bigint not null default 0 check (total_earnings >= 0),
  total_spent bigint not null default 0 check (total_spent >= 0),
  updated_at timestamptz not null default now()
);
alter table app_public.user_earnings enable row level security;
alter table app_public.user_earnings force row level security;
comment on table app_public.user_earnings is E'@behavior -insert -update -delete\nMoney totals of a user (1:1, created with the user): visible only to the user and admins.';
comment on column app_public.user_earnings.user_id is 'The user these totals belong to.';
comment on column app_public.user_earnings.currency is 'ISO 4217 currency of both totals.';
comment on column app_public.user_earnings.total_earnings is 'Net earnings as a traveler, in minor units.';
comment on column app_public.user_earnings.total_spent is 'Amount paid as a customer, in minor units.';
comment on column app_public.user_earnings.updated_at is 'When the totals last changed.';

-- Existing accounts get their 1:1 rows now; new ones get them from the _500_create_related trigger.
insert into app_public.user_preferences (user_id) select u.id from app_public.users u;
insert into app_public.user_statistics (user_id) select u.id from app_public.users u;
insert into app_public.user_earnings (user_id, currency)
select u.id, c.value #>> '{}'
  from app_public.users u
  join app_public.system_configuration c on c.category = 'platform' and c.key = 'default_currency';

create table app_public.user_verification_documents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  document_type app_public.document_type not null,
  front_image_key text not null check (length(front_image_key) <= 512 and front_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  back_image_key text check (length(back_image_key) <= 512 and back_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  selfie_image_key text check (length(selfie_image_key) <= 512 and selfie_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  expires_on date,
  status app_public.verification_status not null default 'pending',
  verified_by uuid references app_private.admin_users (user_id) on delete set null,
  reviewed_at timestamptz,
  rejection_reason text check (length(rejection_reason) between 10 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint user_verification_documents_licence_back
    check (document_type <> 'driving_license' or back_image_key is not null),
  constraint user_verification_documents_id_selfie
    check (document_type not in ('passport', 'driving_license', 'national_id') or selfie_image_key is not null),
  check ((status = 'rejected') = (rejection_reason is not null)),
  check ((status in ('approved', 'rejected')) = (reviewed_at is not null) or status = 'expired')
);
create index user_verification_documents_user_id_idx on app_public.user_verification_documents (user_id, document_type, created_at);
create index user_verification_documents_verified_by_idx on app_public.user_verification_documents (verified_by);
create index user_verification_documents_queue_idx on app_public.user_verification_documents (created_at)
  where status in ('pending', 'under_review');
-- One live document per user and type: a new one may follow only a rejected or expired one.
create unique index user_verification_documents_live_key on app_public.user_verification_documents (user_id, document_type)
  where status in ('pending', 'under_review', 'approved');
alter table app_public.user_verification_documents enable row level security;
alter table app_public.user_verification_documents force row level security;
comment on table app_public.user_verification_documents is E'@behavior -update -delete\nIdentity and address documents a user submits for review; the images sit in a private bucket. Visible to the owner and to admins with users.verify.';
comment on column app_public.user_verification_documents.id is 'Identifier of the document.';
comment on column app_public.user_verification_documents.user_id is E'@hasDefault\nThe user the document belongs to.';
comment on column app_public.user_verification_documents.document_type is 'Kind of document.';
comment on column app_public.user_verification_documents.front_image_key is 'Storage key of the front image.';
comment on column app_public.user_verification_documents.back_image_key is 'Storage key of the back image (required for a driving licence).';
comment on column app_public.user_verification_documents.selfie_image_key is 'Storage key of a selfie holding the document (required for passports, licences and ID cards).';
comment on column app_public.user_verification_documents.expires_on is 'Last day the document is valid.';
comment on column app_public.user_verification_documents.status is 'Review state.';
comment on column app_public.user_verification_documents.verified_by is 'Admin who approved or rejected the document.';
comment on column app_public.user_verification_documents.reviewed_at is 'When the document was approved or rejected.';
comment on column app_public.user_verification_documents.rejection_reason is 'Why the document was rejected (at least 10 characters).';
comment on column app_public.user_verification_documents.created_at is 'When the document was submitted.';
comment on column app_public.user_verification_documents.updated_at is 'When the document last changed.';

create table app_public.user_blocks (
  id uuid primary key default gen_random_uuid(),
  blocker_id uuid not null references app_public.users (id) on delete cascade,
  blocked_id uuid not null references app_public.users (id) on delete cascade,
  reason app_public.block_reason not null default 'other',
  created_at timestamptz not null default now(),
  constraint user_blocks_pair_key unique (blocker_id, blocked_id),
  constraint user_blocks_not_self check (blocker_id <> blocked_id)
);
create index user_blocks_blocked_id_idx on app_public.user_blocks (blocked_id);
alter table app_public.user_blocks enable row level security;
alter table app_public.user_blocks force row level security;
comment on table app_public.user_blocks is E'@behavior -insert -update -delete\nUsers a user has blocked: private to the blocker. Blocked pairs are hidden from each other and never matched.';
comment on column app_public.user_blocks.id is 'Identifier of the block.';
comment on column app_public.user_blocks.blocker_id is 'The user who blocked.';
comment on column app_public.user_blocks.blocked_id is 'The user who is blocked.';
comment on column app_public.user_blocks.reason is 'Why (seen only by the blocker).';
comment on column app_public.user_blocks.created_at is 'When the block was made.';

create table app_public.user_favorites (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  traveler_id uuid not null references app_public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint user_favorites_pair_key unique (user_id, traveler_id),
  constraint user_favorites_not_self check (user_id <> traveler_id)
);
create index user_favorites_traveler_id_idx on app_public.user_favorites (traveler_id);
alter table app_public.user_favorites enable row level security;
alter table app_public.user_favorites force row level security;
comment on table app_public.user_favorites is E'@behavior -insert -update -delete\nTravelers a customer marked as favorites (a matching bonus): visible only to their owner.';
comment on column app_public.user_favorites.id is 'Identifier of the favorite.';
comment on column app_public.user_favorites.user_id is 'The customer who keeps the favorite.';
comment on column app_public.user_favorites.traveler_id is 'The favorite traveler.';
comment on column app_public.user_favorites.created_at is 'When the traveler was added.';

create table app_public.user_reports (
  id uuid primary key default gen_random_uuid(),
  reporter_id uuid not null references app_public.users (id) on delete cascade,
  reported_user_id uuid not null references app_public.users (id) on delete cascade,
  -- Foreign keys to deliveries and delivery_requests are added by the migrations that create those tables.
  delivery_id uuid,
  delivery_request_id uuid,
  category app_public.user_report_category not null,
  description text not null check (length(description) between 10 and 2000),
  status app_public.report_status not null default 'pending',
  priority app_public.report_priority not null default 'medium',
  resolution_action app_public.report_resolution_action,
  resolution_notes text check (length(resolution_notes) between 1 and 2000),
  handled_by uuid references app_private.admin_users (user_id) on delete set null,
  handled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint user_reports_not_self check (reporter_id <> reported_user_id),
  check ((status = 'pending') = (handled_at is null)),
  check (status not in ('resolved', 'dismissed') or resolution_action is not null)
);
create index user_reports_reporter_id_idx on app_public.user_reports (reporter_id, created_at);
create index user_reports_reported_user_id_idx on app_public.user_reports (reported_user_id);
create index user_reports_handled_by_idx on app_public.user_reports (handled_by);
create index user_reports_queue_idx on app_public.user_reports (priority, created_at) where status in ('pending', 'reviewed');
-- One open report per reporter and reported user: repeating it adds nothing for moderators.
create unique index user_reports_open_pair_key on app_public.user_reports (reporter_id, reported_user_id)
  where status in ('pending', 'reviewed');
alter table app_public.user_reports enable row level security;
alter table app_public.user_reports force row level security;
comment on table app_public.user_reports is E'@behavior -insert -update -delete\nReports about users, handled by moderators: visible to the reporter and to admins with content.moderate or users.read.';
comment on column app_public.user_reports.id is 'Identifier of the report.';
comment on column app_public.user_reports.reporter_id is 'The user who reported.';
comment on column app_public.user_reports.reported_user_id is 'The user reported.';
comment on column app_public.user_reports.delivery_id is 'The delivery the report is about, if any.';
comment on column app_public.user_reports.delivery_request_id is 'The delivery request the report is about, if any.';
comment on column app_public.user_reports.category is 'What the report is about.';
comment on column app_public.user_reports.description is 'What happened (10–2000 characters).';
comment on column app_public.user_reports.status is 'Moderation state.';
comment on column app_public.user_reports.priority is 'How urgent the report is (derived from the category).';
comment on column app_public.user_reports.resolution_action is 'What moderators did.';
comment on column app_public.user_reports.resolution_notes is 'Moderators'' notes.';
comment on column app_public.user_reports.handled_by is 'Moderator who last handled the report.';
comment on column app_public.user_reports.handled_at is 'When the report was last handled.';
comment on column app_public.user_reports.created_at is 'When the report was made.';
comment on column app_public.user_reports.updated_at is 'When the report last changed.';

-- The public profile with its statistics. security_invoker: the caller's RLS decides what shows — users as for
-- the users table, statistics only when shared (or own, or admin), money only for the user and admins.
create view app_public.user_profiles with (security_invoker = true) as
select u.id,
       u.display_name,
       u.picture_key,
       u.bio,
       u.user_type,
       u.verification_level,
       u.created_at,
       s.total_trips,
       s.total_deliveries,
       s.successful_deliveries,
       s.cancelled_deliveries,
       s.deliveries_as_traveler,
       s.successful_as_traveler,
       s.cancelled_as_traveler,
       s.average_rating,
       s.total_ratings,
       s.completion_rate,
       case when s.total_deliveries > 0 then round(s.successful_deliveries::numeric / s.total_deliveries, 4) end
         as success_rate,
       s.response_time_minutes,
       e.currency,
       e.total_earnings,
       e.total_spent
  from app_public.users u
  left join app_public.user_statistics s on s.user_id = u.id
  left join app_public.user_earnings e on e.user_id = u.id;
comment on view app_public.user_profiles is E'@primaryKey id\n@behavior -insert -update -delete\nPublic profiles with statistics and rates. Statistics are null unless the user shows them (the user and admins always see them); money totals only for the user and admins.';
comment on column app_public.user_profiles.id is 'Identifier of the user.';
comment on column app_public.user_profiles.display_name is 'Name shown to other users.';
comment on column app_public.user_profiles.picture_key is 'Storage key of the profile picture.';
comment on column app_public.user_profiles.bio is 'Self-description.';
comment on column app_public.user_profiles.user_type is 'customer, traveler or both.';
comment on column app_public.user_profiles.verification_level is 'Highest verified identity level.';
comment on column app_public.user_profiles.created_at is 'Member since.';
comment on column app_public.user_profiles.total_trips is 'Trips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is 'Ended deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is 'Deliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is 'Deliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is 'Ended deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is 'Deliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is 'Deliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is 'Mean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is 'Ratings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is 'Delivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is 'Delivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is 'Typical response time in minutes (null when hidden or unknown).';
comment on column app_public.user_profiles.currency is 'Currency of the money totals (only for the user and admins).';
comment on column app_public.user_profiles.total_earnings is 'Net earnings in minor units (only for the user and admins).';
comment on column app_public.user_profiles.total_spent is 'Amount spent in minor units (only for the user and admins).';


-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
delete from app_public.system_configuration
 where (category, key) in (('platform', 'default_currency'), ('verification', 'uploads_per_30d'),
                           ('verification', 'address_doc_max_age_days'), ('retention', 'anonymise_days'),
                           ('retention', 'batch_size'));
drop view app_public.user_profiles cascade;
drop table app_public.user_reports cascade;
drop table app_public.user_favorites cascade;
drop table app_public.user_blocks cascade;
drop table app_public.user_verification_documents cascade;
drop table app_public.user_earnings cascade;
drop table app_public.user_statistics cascade;
drop table app_public.user_preferences cascade;
drop table app_public.user_addresses cascade;
drop table app_private.account_closures cascade;
drop type app_private.account_closure_kind cascade;
alter table app_public.users
  drop column picture_key cascade,
  drop column bio cascade,
  drop column referral_code cascade,
  drop column referred_by_user_id cascade,
  drop column suspended_until cascade,
  drop column deactivated_at cascade,
  drop column deleted_at cascade;
drop type app_public.report_resolution_action cascade;
drop type app_public.report_priority cascade;
drop type app_public.report_status cascade;
drop type app_public.user_report_category cascade;
drop type app_public.block_reason cascade;
drop type app_public.verification_status cascade;
drop type app_public.document_type cascade;
drop type app_public.address_type cascade;
