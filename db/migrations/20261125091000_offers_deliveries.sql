-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Offers and deliveries (docs/offers.md, docs/deliveries.md): negotiated offer threads with immutable versions, the
-- deliveries an accepted offer creates (with a readable number from a sequence), their append-only status history, and
-- the table of allowed status transitions a trigger enforces. Writes go through functions only.

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('offers', 'validity_hours', '24', 'Hours an offer version stays open (never past the request''s expiry).', true),
  ('offers', 'max_versions', '10', 'Versions (the offer and its counters) one offer thread may have.', true),
  ('offers', 'max_threads_per_traveler', '3', 'Offer threads a traveler may open on one request.', true),
  ('verification', 'phone_max_value', '20000', 'Highest declared value a phone-verified (not ID-verified) user may deal in, minor units.', true),
  ('verification', 'phone_max_active', '3', 'Live deliveries a phone-verified (not ID-verified) user may have at once.', true),
  ('deliveries', 'authorization_deadline_hours', '24', 'Hours after acceptance within which the payment must be authorized.', false),
  ('deliveries', 'dispute_window_hours', '48', 'Hours after delivery during which either party may open a dispute.', true),
  ('deliveries', 'contacts_after_hours', '48', 'Hours after delivery during which the parties still see each other''s contacts.', true),
  ('deliveries', 'cancel_flag_count', '3', 'Traveler cancellations within cancel_flag_days that flag the traveler for review.', false),
  ('deliveries', 'cancel_flag_days', '30', 'Window (days) of cancel_flag_count.', false),
  ('payments', 'platform_fee_rate', '0.10', 'Share of the final price charged to the customer as the platform fee.', true)
on conflict (category, key) do nothing;

create type app_public.offer_status as enum ('pending', 'accepted', 'declined', 'expired', 'withdrawn', 'cancelled');
comment on type app_public.offer_status is 'State of an offer thread: pending while negotiated, then accepted, declined, expired, withdrawn or cancelled.';
create type app_public.offer_party as enum ('customer', 'traveler');
comment on type app_public.offer_party is 'Side of an offer thread.';
create type app_public.offer_decline_reason as enum ('price_too_high', 'timing_not_suitable', 'prefer_other_traveler',
  'another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked', 'other');
comment on type app_public.offer_decline_reason is 'Why an offer thread was declined (by a party or by the platform).';
create type app_public.offer_withdraw_reason as enum ('schedule_changed', 'found_better_option', 'no_longer_available', 'other');
comment on type app_public.offer_withdraw_reason is 'Why a traveler withdrew an offer.';
create type app_public.delivery_status as enum ('accepted', 'pickup_scheduled', 'picked_up', 'in_transit',
  'delivery_scheduled', 'delivered', 'cancelled', 'disputed');
comment on type app_public.delivery_status is 'Lifecycle of a delivery; allowed moves are the rows of delivery_transitions.';
create type app_public.delivery_cancel_reason as enum ('no_longer_needed', 'found_alternative', 'traveler_unresponsive',
  'schedule_changed', 'trip_cancelled', 'item_not_as_described', 'cannot_inspect', 'prohibited_item', 'payment_failed',
  'admin_decision', 'other');
comment on type app_public.delivery_cancel_reason is 'Why a delivery was cancelled.';
create type app_public.transition_source as enum ('user', 'qr_scan', 'backup_code', 'emergency_override', 'system', 'admin');
comment on type app_public.transition_source is 'What caused a delivery status change.';

create table app_public.delivery_offers (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references app_public.delivery_requests (id) on delete cascade,
  -- The request's customer, copied so that policies and the customer's lists need no join through requests.
  customer_id uuid not null references app_public.users (id) on delete cascade,
  traveler_id uuid not null references app_public.users (id) on delete cascade,
  trip_id uuid not null references app_public.trips (id) on delete cascade,
  initiated_by app_public.offer_party not null,
  status app_public.offer_status not null default 'pending',
  current_version integer not null default 1 check (current_version between 1 and 100),
  awaiting_party app_public.offer_party not null,
  price bigint not null check (price > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  pickup_time timestamptz,
  delivery_time timestamptz,
  valid_until timestamptz not null,
  guarantees text[] not null default '{}' check (cardinality(guarantees) <= 10),
  terms_hash bytea check (length(terms_hash) = 32),
  decline_reason app_public.offer_decline_reason,
  withdraw_reason app_public.offer_withdraw_reason,
  closing_note text check (length(closing_note) between 1 and 1000),
  closed_by uuid references app_public.users (id) on delete set null,
  closed_at timestamptz,
  accepted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint delivery_offers_not_own check (customer_id <> traveler_id),
  constraint delivery_offers_times_ordered check (delivery_time > pickup_time),
  -- An accepted thread keeps its acceptance when its delivery is cancelled later (status cancelled).
  constraint delivery_offers_accepted check ((accepted_at is not null) = (terms_hash is not null)
                                             and (status <> 'accepted' or accepted_at is not null)),
  constraint delivery_offers_closed check ((status = 'pending') = (closed_at is null)),
  constraint delivery_offers_decline_reason check ((status = 'declined') = (decline_reason is not null)),
  constraint delivery_offers_withdraw_reason check ((status = 'withdrawn') = (withdraw_reason is not null))
);
-- One live thread per traveler and request (a traveler may offer again after a decline or withdrawal) and one
-- accepted thread per request.
create unique index delivery_offers_one_pending_key on app_public.delivery_offers (request_id, traveler_id)
  where status = 'pending';
create unique index delivery_offers_one_accepted_key on app_public.delivery_offers (request_id)
  where status = 'accepted';
create index delivery_offers_request_id_idx on app_public.delivery_offers (request_id, status);
create index delivery_offers_customer_id_idx on app_public.delivery_offers (customer_id, created_at);
create index delivery_offers_traveler_id_idx on app_public.delivery_offers (traveler_id, created_at);
create index delivery_offers_trip_id_idx on app_public.delivery_offers (trip_id);
create index delivery_offers_closed_by_idx on app_public.delivery_offers (closed_by);
-- The expiry job reads only live threads.
create index delivery_offers_pending_valid_until_idx on app_public.delivery_offers (valid_until) where status = 'pending';
alter table app_public.delivery_offers enable row level security;
alter table app_public.delivery_offers force row level security;
comment on table app_public.delivery_offers is E'@behavior -insert -update -delete\nA negotiation between a request''s customer and a traveler about carrying it on one of the traveler''s trips. Its versions are in offer_versions; the current one is mirrored here. Visible to both parties and admins; changed only through submitOffer, inviteTraveler, counterOffer, acceptOffer, declineOffer and withdrawOffer.';
comment on column app_public.delivery_offers.id is 'Identifier of the offer thread.';
comment on column app_public.delivery_offers.request_id is 'The delivery request negotiated.';
comment on column app_public.delivery_offers.customer_id is 'The customer who posted the request.';
comment on column app_public.delivery_offers.traveler_id is 'The traveler who would carry the item.';
comment on column app_public.delivery_offers.trip_id is 'The traveler''s trip the item would travel on.';
comment on column app_public.delivery_offers.initiated_by is 'Who opened the thread: the traveler (an offer) or the customer (an invitation).';
comment on column app_public.delivery_offers.status is 'State of the thread.';
comment on column app_public.delivery_offers.current_version is 'Number of the latest version: the only one that can be accepted.';
comment on column app_public.delivery_offers.awaiting_party is 'Whose turn it is: only this party may accept or counter.';
comment on column app_public.delivery_offers.price is 'Price of the current version, in minor units: what the traveler receives.';
comment on column app_public.delivery_offers.currency is 'Currency of the price (the request''s).';
comment on column app_public.delivery_offers.pickup_time is 'Pickup time proposed by the current version.';
comment on column app_public.delivery_offers.delivery_time is 'Drop-off time proposed by the current version.';
comment on column app_public.delivery_offers.valid_until is 'When the current version expires.';
comment on column app_public.delivery_offers.guarantees is 'What the traveler promises (e.g. photo updates), at most 10.';
comment on column app_public.delivery_offers.terms_hash is 'SHA-256 of the accepted version and the request essentials: what both parties agreed to.';
comment on column app_public.delivery_offers.decline_reason is 'Why the thread was declined.';
comment on column app_public.delivery_offers.withdraw_reason is 'Why the traveler withdrew.';
comment on column app_public.delivery_offers.closing_note is 'Free-text note given when the thread was declined, withdrawn or cancelled.';
comment on column app_public.delivery_offers.closed_by is 'Who closed the thread (NULL: the platform).';
comment on column app_public.delivery_offers.closed_at is 'When the thread stopped being pending.';
comment on column app_public.delivery_offers.accepted_at is 'When the thread was accepted.';
comment on column app_public.delivery_offers.created_at is 'When the thread was opened.';
comment on column app_public.delivery_offers.updated_at is 'When the thread last changed.';

create table app_public.offer_versions (
  id uuid primary key default gen_random_uuid(),
  offer_id uuid not null references app_public.delivery_offers (id) on delete cascade,
  version integer not null check (version between 1 and 100),
  proposed_by app_public.offer_party not null,
  proposed_by_user_id uuid references app_public.users (id) on delete set null,
  price bigint not null check (price > 0),
  pickup_time timestamptz,
  delivery_time timestamptz,
  message text check (length(message) between 1 and 1000),
  valid_until timestamptz not null,
  created_at timestamptz not null default now(),
  constraint offer_versions_offer_version_key unique (offer_id, version),
  constraint offer_versions_times_ordered check (delivery_time > pickup_time)
);
create index offer_versions_proposed_by_user_id_idx on app_public.offer_versions (proposed_by_user_id);
alter table app_public.offer_versions enable row level security;
alter table app_public.offer_versions force row level security;
comment on table app_public.offer_versions is E'@behavior -insert -update -delete\nEvery proposal of an offer thread, immutable: the opening offer and each counter. Visible to the thread''s parties and admins.';
comment on column app_public.offer_versions.id is 'Identifier of the version.';
comment on column app_public.offer_versions.offer_id is 'The offer thread.';
comment on column app_public.offer_versions.version is 'Position in the thread, from 1.';
comment on column app_public.offer_versions.proposed_by is 'Which side proposed it.';
comment on column app_public.offer_versions.proposed_by_user_id is 'The user who proposed it.';
comment on column app_public.offer_versions.price is 'Proposed price in minor units (the offer''s currency).';
comment on column app_public.offer_versions.pickup_time is 'Proposed pickup time.';
comment on column app_public.offer_versions.delivery_time is 'Proposed drop-off time.';
comment on column app_public.offer_versions.message is 'Message to the other party.';
comment on column app_public.offer_versions.valid_until is 'When this proposal expires.';
comment on column app_public.offer_versions.created_at is 'When it was proposed.';

create sequence app_public.delivery_number_seq as bigint minvalue 1 maxvalue 99999999 no cycle;
comment on sequence app_public.delivery_number_seq is 'Source of delivery numbers (DEL- and 8 digits); never MAX+1.';

create table app_public.deliveries (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references app_public.delivery_requests (id) on delete restrict,
  offer_id uuid not null references app_public.delivery_offers (id) on delete restrict,
  customer_id uuid not null references app_public.users (id) on delete restrict,
  traveler_id uuid not null references app_public.users (id) on delete restrict,
  trip_id uuid not null references app_public.trips (id) on delete restrict,
  delivery_number text not null default 'DEL-' || lpad(nextval('app_public.delivery_number_seq')::text, 8, '0')
    check (delivery_number ~ '^DEL-[0-9]{8}$'),
  status app_public.delivery_status not null default 'accepted',
  final_price bigint not null check (final_price > 0),
  platform_fee bigint not null check (platform_fee >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  terms_hash bytea not null check (length(terms_hash) = 32),
  pickup_time timestamptz,
  delivery_time timestamptz,
  accepted_at timestamptz not null default now(),
  pickup_scheduled_at timestamptz,
  picked_up_at timestamptz,
  in_transit_at timestamptz,
  delivery_scheduled_at timestamptz,
  delivered_at timestamptz,
  receipt_confirmed_at timestamptz,
  cancelled_at timestamptz,
  disputed_at timestamptz,
  cancellation_reason app_public.delivery_cancel_reason,
  cancellation_note text check (length(cancellation_note) between 1 and 1000),
  cancelled_by uuid references app_public.users (id) on delete set null,
  verification jsonb not null default '{}' check (jsonb_typeof(verification) = 'object'),
  pickup_photo_key text check (length(pickup_photo_key) between 1 and 500),
  delivery_photo_key text check (length(delivery_photo_key) between 1 and 500),
  signature_key text check (length(signature_key) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint deliveries_offer_id_key unique (offer_id),
  constraint deliveries_delivery_number_key unique (delivery_number),
  constraint deliveries_parties_differ check (customer_id <> traveler_id),
  constraint deliveries_cancellation check ((status = 'cancelled') = (cancelled_at is not null and cancellation_reason is not null)),
  constraint deliveries_delivered check (status not in ('delivered') or delivered_at is not null),
  constraint deliveries_times_ordered check (delivery_time > pickup_time)
);
-- At most one live delivery per request: a cancelled one makes room for the next offer.
create unique index deliveries_one_live_per_request_key on app_public.deliveries (request_id) where status <> 'cancelled';
create index deliveries_request_id_idx on app_public.deliveries (request_id);
create index deliveries_customer_id_idx on app_public.deliveries (customer_id, created_at);
create index deliveries_traveler_id_idx on app_public.deliveries (traveler_id, created_at);
create index deliveries_trip_id_idx on app_public.deliveries (trip_id);
create index deliveries_cancelled_by_idx on app_public.deliveries (cancelled_by);
create index deliveries_live_idx on app_public.deliveries (status) where status not in ('delivered', 'cancelled');
alter table app_public.deliveries enable row level security;
alter table app_public.deliveries force row level security;
comment on table app_public.deliveries is E'@behavior -insert -update -delete\nThe carrying of one request''s item by one traveler, created by accepting an offer. Visible to both parties and admins; its status moves only along delivery_transitions, through the delivery functions.';
comment on column app_public.deliveries.id is 'Identifier of the delivery.';
comment on column app_public.deliveries.request_id is 'The request being delivered.';
comment on column app_public.deliveries.offer_id is 'The accepted offer thread (one delivery per offer).';
comment on column app_public.deliveries.customer_id is 'The customer.';
comment on column app_public.deliveries.traveler_id is 'The traveler carrying the item.';
comment on column app_public.deliveries.trip_id is 'The trip the item travels on.';
comment on column app_public.deliveries.delivery_number is 'Readable unique number, DEL- and 8 digits.';
comment on column app_public.deliveries.status is 'Where the delivery stands.';
comment on column app_public.deliveries.final_price is 'Agreed price in minor units: what the traveler receives.';
comment on column app_public.deliveries.platform_fee is 'Platform fee charged to the customer on top of the final price, in minor units.';
comment on column app_public.deliveries.currency is 'Currency of the price and the fee.';
comment on column app_public.deliveries.terms_hash is 'SHA-256 of the accepted terms (see delivery_offers.terms_hash).';
comment on column app_public.deliveries.pickup_time is 'Agreed (then scheduled) pickup time.';
comment on column app_public.deliveries.delivery_time is 'Agreed (then scheduled) drop-off time.';
comment on column app_public.deliveries.accepted_at is 'When the offer was accepted.';
comment on column app_public.deliveries.pickup_scheduled_at is 'When the pickup was scheduled.';
comment on column app_public.deliveries.picked_up_at is 'When the traveler took the item.';
comment on column app_public.deliveries.in_transit_at is 'When the item went on its way.';
comment on column app_public.deliveries.delivery_scheduled_at is 'When the drop-off was scheduled.';
comment on column app_public.deliveries.delivered_at is 'When the item was handed over.';
comment on column app_public.deliveries.receipt_confirmed_at is 'When the customer confirmed receipt (ends the hold early).';
comment on column app_public.deliveries.cancelled_at is 'When the delivery was cancelled.';
comment on column app_public.deliveries.disputed_at is 'When a dispute was opened.';
comment on column app_public.deliveries.cancellation_reason is 'Why it was cancelled.';
comment on column app_public.deliveries.cancellation_note is 'Free-text note on the cancellation.';
comment on column app_public.deliveries.cancelled_by is 'Who cancelled (NULL: the platform).';
comment on column app_public.deliveries.verification is 'Handover verification details (filled by the QR handover).';
comment on column app_public.deliveries.pickup_photo_key is 'Storage key of the photo taken at pickup (or at a refused pickup).';
comment on column app_public.deliveries.delivery_photo_key is 'Storage key of the photo taken at drop-off.';
comment on column app_public.deliveries.signature_key is 'Storage key of the recipient''s signature.';
comment on column app_public.deliveries.created_at is 'When the delivery was created.';
comment on column app_public.deliveries.updated_at is 'When the delivery last changed.';

-- The capacity a delivery holds on its trip (created with the trips; the deliveries table exists only now).
-- Every reservation is made for a delivery, so none can exist before this table: validating scans nothing.
alter table app_public.trip_capacity_reservations
  -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
  add constraint trip_capacity_reservations_delivery_id_fkey foreign key (delivery_id)
  references app_public.deliveries (id) on delete cascade;

create table app_public.delivery_transitions (
  from_status app_public.delivery_status not null,
  to_status app_public.delivery_status not null,
  source app_public.transition_source not null,
  primary key (from_status, to_status, source),
  check (from_status <> to_status)
);
alter table app_public.delivery_transitions enable row level security;
alter table app_public.delivery_transitions force row level security;
comment on table app_public.delivery_transitions is E'@behavior -insert -update -delete\nThe allowed delivery status changes and what may cause each; a trigger refuses every other change.';
comment on column app_public.delivery_transitions.from_status is 'Status before the change.';
comment on column app_public.delivery_transitions.to_status is 'Status after the change.';
comment on column app_public.delivery_transitions.source is 'What may cause it.';
-- docs/deliveries.md. Pickup and drop-off are also allowed from 'user' (the assigned traveler) until the QR
-- handover issue requires a scan, a backup code or an override.
insert into app_public.delivery_transitions (from_status, to_status, source)
select f::app_public.delivery_status, t::app_public.delivery_status, s::app_public.transition_source
  from (values
    ('accepted', 'pickup_scheduled', 'user'),
    ('in_transit', 'delivery_scheduled', 'user'),
    ('accepted', 'picked_up', 'user'), ('accepted', 'picked_up', 'qr_scan'), ('accepted', 'picked_up', 'backup_code'),
    ('accepted', 'picked_up', 'emergency_override'),
    ('pickup_scheduled', 'picked_up', 'user'), ('pickup_scheduled', 'picked_up', 'qr_scan'),
    ('pickup_scheduled', 'picked_up', 'backup_code'), ('pickup_scheduled', 'picked_up', 'emergency_override'),
    ('picked_up', 'in_transit', 'user'), ('picked_up', 'in_transit', 'system'),
    ('picked_up', 'delivered', 'user'), ('picked_up', 'delivered', 'qr_scan'), ('picked_up', 'delivered', 'backup_code'),
    ('picked_up', 'delivered', 'emergency_override'),
    ('in_transit', 'delivered', 'user'), ('in_transit', 'delivered', 'qr_scan'), ('in_transit', 'delivered', 'backup_code'),
    ('in_transit', 'delivered', 'emergency_override'),
    ('delivery_scheduled', 'delivered', 'user'), ('delivery_scheduled', 'delivered', 'qr_scan'),
    ('delivery_scheduled', 'delivered', 'backup_code'), ('delivery_scheduled', 'delivered', 'emergency_override'),
    ('accepted', 'cancelled', 'user'), ('accepted', 'cancelled', 'admin'), ('accepted', 'cancelled', 'system'),
    ('pickup_scheduled', 'cancelled', 'user'), ('pickup_scheduled', 'cancelled', 'admin'),
    ('pickup_scheduled', 'cancelled', 'system'),
    ('picked_up', 'cancelled', 'admin'), ('in_transit', 'cancelled', 'admin'), ('delivery_scheduled', 'cancelled', 'admin'),
    ('picked_up', 'disputed', 'user'), ('in_transit', 'disputed', 'user'), ('delivery_scheduled', 'disputed', 'user'),
    ('delivered', 'disputed', 'user'),
    ('disputed', 'delivered', 'admin'), ('disputed', 'cancelled', 'admin')
  ) as allowed (f, t, s);

create table app_public.delivery_status_history (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null references app_public.deliveries (id) on delete cascade,
  from_status app_public.delivery_status,
  to_status app_public.delivery_status not null,
  changed_by uuid references app_public.users (id) on delete set null,
  source app_public.transition_source not null,
  reason text check (length(reason) between 1 and 1000),
  created_at timestamptz not null default clock_timestamp()
);
create index delivery_status_history_delivery_id_idx on app_public.delivery_status_history (delivery_id, created_at);
create index delivery_status_history_changed_by_idx on app_public.delivery_status_history (changed_by);
alter table app_public.delivery_status_history enable row level security;
alter table app_public.delivery_status_history force row level security;
comment on table app_public.delivery_status_history is E'@behavior -insert -update -delete\nEvery status of every delivery, append-only: from, to, who, what caused it and why. Visible to the parties and admins.';
comment on column app_public.delivery_status_history.id is 'Identifier of the entry.';
comment on column app_public.delivery_status_history.delivery_id is 'The delivery.';
comment on column app_public.delivery_status_history.from_status is 'Status before (NULL when the delivery was created).';
comment on column app_public.delivery_status_history.to_status is 'Status after.';
comment on column app_public.delivery_status_history.changed_by is 'Who made the change (NULL: the platform).';
comment on column app_public.delivery_status_history.source is 'What caused the change.';
comment on column app_public.delivery_status_history.reason is 'Why, when a reason was given.';
comment on column app_public.delivery_status_history.created_at is 'When the change happened.';

-- What delivery_contacts(id) returns: the other party and the exact places, for the parties only.
create type app_public.delivery_contact as (
  counterpart_name text,
  counterpart_phone text,
  pickup_address text,
  pickup_contact_name text,
  pickup_contact_phone text,
  pickup_instructions text,
  delivery_address text,
  delivery_contact_name text,
  delivery_contact_phone text,
  delivery_instructions text,
  available_until timestamptz
);
comment on type app_public.delivery_contact is 'Contacts and exact addresses of a delivery, for its parties from acceptance until shortly after delivery.';
comment on column app_public.delivery_contact.counterpart_name is 'Full name of the other party.';
comment on column app_public.delivery_contact.counterpart_phone is 'Verified phone number of the other party, if any.';
comment on column app_public.delivery_contact.pickup_address is 'Exact pickup address.';
comment on column app_public.delivery_contact.pickup_contact_name is 'Who hands the item over.';
comment on column app_public.delivery_contact.pickup_contact_phone is 'Phone of the pickup contact.';
comment on column app_public.delivery_contact.pickup_instructions is 'Instructions for the pickup.';
comment on column app_public.delivery_contact.delivery_address is 'Exact drop-off address.';
comment on column app_public.delivery_contact.delivery_contact_name is 'Who receives the item.';
comment on column app_public.delivery_contact.delivery_contact_phone is 'Phone of the recipient.';
comment on column app_public.delivery_contact.delivery_instructions is 'Instructions for the drop-off.';
comment on column app_public.delivery_contact.available_until is 'When these details stop being shown (NULL: while the delivery is live).';

-- Live deliveries with what the parties need at a glance. security_invoker: each caller sees the deliveries,
-- requests, trips and statistics their own policies allow (parties and admins); never emails or phones.
create view app_public.active_deliveries with (security_invoker = true) as
select d.id,
       d.delivery_number,
       d.status,
       d.customer_id,
       cu.display_name as customer_name,
       cu.picture_key as customer_picture_key,
       cs.average_rating as customer_rating,
       d.traveler_id,
       tu.display_name as traveler_name,
       tu.picture_key as traveler_picture_key,
       ts.average_rating as traveler_rating,
       r.title,
       r.item_name,
       r.category,
       r.quantity,
       r.total_weight,
       r.is_fragile,
       r.pickup_address,
       r.pickup_city,
       r.delivery_address,
       r.delivery_city,
       d.pickup_time,
       d.delivery_time,
       t.departure_time,
       t.arrival_time,
       d.final_price,
       d.currency,
       d.accepted_at
  from app_public.deliveries d
  join app_public.delivery_requests r on r.id = d.request_id
  left join app_public.trips t on t.id = d.trip_id
  left join app_public.users cu on cu.id = d.customer_id
  left join app_public.user_statistics cs on cs.user_id = d.customer_id
  left join app_public.users tu on tu.id = d.traveler_id
  left join app_public.user_statistics ts on ts.user_id = d.traveler_id
 where d.status not in ('delivered', 'cancelled');
comment on view app_public.active_deliveries is E'@primaryKey id\n@behavior -insert -update -delete\nLive deliveries of the caller (admins: all) with both parties'' names, pictures and ratings, the item, the addresses and the trip times. Never shows emails or phones.';
comment on column app_public.active_deliveries.id is 'Identifier of the delivery.';
comment on column app_public.active_deliveries.delivery_number is 'Readable delivery number.';
comment on column app_public.active_deliveries.status is 'Where the delivery stands.';
comment on column app_public.active_deliveries.customer_id is 'The customer.';
comment on column app_public.active_deliveries.customer_name is 'Display name of the customer.';
comment on column app_public.active_deliveries.customer_picture_key is 'Profile picture of the customer.';
comment on column app_public.active_deliveries.customer_rating is 'Average rating of the customer (when shared).';
comment on column app_public.active_deliveries.traveler_id is 'The traveler.';
comment on column app_public.active_deliveries.traveler_name is 'Display name of the traveler.';
comment on column app_public.active_deliveries.traveler_picture_key is 'Profile picture of the traveler.';
comment on column app_public.active_deliveries.traveler_rating is 'Average rating of the traveler (when shared).';
comment on column app_public.active_deliveries.title is 'Title of the request.';
comment on column app_public.active_deliveries.item_name is 'The item carried.';
comment on column app_public.active_deliveries.category is 'Category of the item.';
comment on column app_public.active_deliveries.quantity is 'Units of the item.';
comment on column app_public.active_deliveries.total_weight is 'Total weight in kg.';
comment on column app_public.active_deliveries.is_fragile is 'Whether the item is fragile.';
comment on column app_public.active_deliveries.pickup_address is 'Exact pickup address.';
comment on column app_public.active_deliveries.pickup_city is 'Pickup city.';
comment on column app_public.active_deliveries.delivery_address is 'Exact drop-off address.';
comment on column app_public.active_deliveries.delivery_city is 'Drop-off city.';
comment on column app_public.active_deliveries.pickup_time is 'Agreed or scheduled pickup time.';
comment on column app_public.active_deliveries.delivery_time is 'Agreed or scheduled drop-off time.';
comment on column app_public.active_deliveries.departure_time is 'Departure of the trip.';
comment on column app_public.active_deliveries.arrival_time is 'Arrival of the trip.';
comment on column app_public.active_deliveries.final_price is 'Agreed price in minor units.';
comment on column app_public.active_deliveries.currency is 'Currency of the price.';
comment on column app_public.active_deliveries.accepted_at is 'When the offer was accepted.';

-- migrate:down
-- cascade: canonical functions, triggers and policies on these objects go too; db:migrate restores what remains.
drop view app_public.active_deliveries;
drop type app_public.delivery_contact cascade;
alter table app_public.trip_capacity_reservations drop constraint trip_capacity_reservations_delivery_id_fkey;
drop table app_public.delivery_status_history cascade;
drop table app_public.delivery_transitions cascade;
drop table app_public.deliveries cascade;
drop sequence app_public.delivery_number_seq;
drop table app_public.offer_versions cascade;
drop table app_public.delivery_offers cascade;
drop type app_public.transition_source cascade;
drop type app_public.delivery_cancel_reason cascade;
drop type app_public.delivery_status cascade;
drop type app_public.offer_withdraw_reason cascade;
drop type app_public.offer_decline_reason cascade;
drop type app_public.offer_party cascade;
drop type app_public.offer_status cascade;
delete from app_public.system_configuration where (category, key) in (
  ('offers', 'validity_hours'), ('offers', 'max_versions'), ('offers', 'max_threads_per_traveler'),
  ('verification', 'phone_max_value'), ('verification', 'phone_max_active'),
  ('deliveries', 'authorization_deadline_hours'), ('deliveries', 'dispute_window_hours'),
  ('deliveries', 'contacts_after_hours'), ('deliveries', 'cancel_flag_count'), ('deliveries', 'cancel_flag_days'),
  ('payments', 'platform_fee_rate'));
