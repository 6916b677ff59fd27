-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Delivery requests (docs/requests.md): what customers want carried, the masked marketplace listing, the input
-- type create/update share, the report link from user_reports, and the limits/requests/pricing tunables
-- (docs/requests.md, docs/matching.md).

create type app_public.item_category as enum ('documents', 'electronics', 'clothing', 'food', 'fragile', 'books', 'gifts', 'other');
comment on type app_public.item_category is 'What kind of item a delivery request is about.';
create type app_public.delivery_request_status as enum ('pending', 'matched', 'accepted', 'picked_up', 'in_transit', 'delivered', 'cancelled', 'expired');
comment on type app_public.delivery_request_status is 'Lifecycle of a delivery request: pending (or matched while it has pending offers) until an offer is accepted; then it mirrors the delivery; cancelled by the customer or expired.';
create type app_public.urgency_level as enum ('standard', 'express', 'urgent');
comment on type app_public.urgency_level is 'How urgently an item must arrive; priced by pricing.urgency_multipliers.';
create type app_public.request_cancel_reason as enum ('no_longer_needed', 'found_alternative', 'too_expensive', 'other');
comment on type app_public.request_cancel_reason is 'Why a customer cancelled a delivery request.';

-- Tunables of this migration (docs/requests.md, docs/matching.md). Money is in minor units.
insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('platform', 'supported_currencies', '["USD", "EUR", "GBP"]', 'Currencies requests, trips and payments may use (ISO 4217).', true),
  ('limits', 'max_delivery_value', '500000', 'Highest declared value of one delivery request, in minor units.', true),
  ('limits', 'max_delivery_weight_kg', '25', 'Highest total weight (kg) of one delivery request.', true),
  ('limits', 'max_delivery_distance_km', '20000', 'Longest great-circle distance (km) from pickup to drop-off.', true),
  ('limits', 'max_active_deliveries', '10', 'Live deliveries a user may have at once.', true),
  ('limits', 'max_open_requests', '20', 'Open (pending or matched) delivery requests a customer may have at once.', true),
  ('limits', 'max_quantity', '10', 'Most units of an item in one delivery request.', true),
  ('limits', 'max_dimension_cm', '200', 'Longest side (cm) of one unit of an item.', true),
  ('limits', 'min_request_price', '100', 'Lowest max_price of a delivery request, in minor units.', true),
  ('limits', 'max_request_price', '100000', 'Highest max_price of a delivery request, in minor units.', true),
  ('requests', 'expiry_days', '7', 'Days a new delivery request stays open unless the customer picks another expiry.', true),
  ('requests', 'max_expiry_days', '30', 'Latest expiry of a delivery request, in days after its creation.', true),
  ('requests', 'search_radius_km', '25', 'Default radius (km) of search_requests around the given point.', true),
  ('requests', 'max_search_radius_km', '500', 'Largest radius (km) search_requests accepts.', true),
  ('pricing', 'base', '1000', 'Base of the default quote, in minor units.', true),
  ('pricing', 'per_km', '50', 'Default quote per great-circle km, in minor units.', true),
  ('pricing', 'per_kg', '200', 'Default quote per kg of total weight, in minor units.', true),
  ('pricing', 'fragile_multiplier', '1.2', 'Default quote multiplier for fragile items.', true),
  ('pricing', 'min_price', '1000', 'Lowest default quote, in minor units.', true),
  ('pricing', 'max_price', '50000', 'Highest default quote, in minor units.', true),
  ('pricing', 'urgency_multipliers', '{"standard": 1.0, "express": 1.5, "urgent": 2.0}', 'Default quote multiplier per urgency level.', true)
on conflict (category, key) do nothing;

create table app_public.delivery_requests (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references app_public.users (id) on delete restrict,
  title text not null check (length(title) between 5 and 255),
  description text check (length(description) between 1 and 2000),
  category app_public.item_category not null,
  status app_public.delivery_request_status not null default 'pending',
  urgency app_public.urgency_level not null default 'standard',
  item_name text not null check (length(item_name) between 1 and 255),
  quantity integer not null default 1 check (quantity between 1 and 10),
  weight_kg numeric(7, 3) not null check (weight_kg > 0),
  length_cm numeric(5, 1) check (length_cm between 1 and 200),
  width_cm numeric(5, 1) check (width_cm between 1 and 200),
  height_cm numeric(5, 1) check (height_cm between 1 and 200),
  total_weight numeric(9, 3) generated always as (weight_kg * quantity) stored,
  total_volume_l numeric(10, 3) generated always as (
    quantity * coalesce(round(length_cm * width_cm * height_cm / 1000, 3), 1)) stored,
  declared_value bigint not null default 0 check (declared_value >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  is_fragile boolean not null default false,
  is_perishable boolean not null default false,
  is_hazardous boolean not null default false,
  requires_signature boolean not null default false,
  pickup_address text not null check (length(pickup_address) between 1 and 500),
  pickup_point geography(point, 4326) not null,
  pickup_city text not null check (length(pickup_city) between 1 and 100),
  pickup_country text not null check (pickup_country ~ '^[A-Z]{2}$'),
  pickup_contact_name text check (length(pickup_contact_name) between 1 and 100),
  pickup_contact_phone text check (pickup_contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
  pickup_instructions text check (length(pickup_instructions) between 1 and 1000),
  pickup_window_start timestamptz,
  pickup_window_end timestamptz,
  delivery_address text not null check (length(delivery_address) between 1 and 500),
  delivery_point geography(point, 4326) not null,
  delivery_city text not null check (length(delivery_city) between 1 and 100),
  delivery_country text not null check (delivery_country ~ '^[A-Z]{2}$'),
  delivery_contact_name text check (length(delivery_contact_name) between 1 and 100),
  delivery_contact_phone text check (delivery_contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
  delivery_instructions text check (length(delivery_instructions) between 1 and 1000),
  delivery_window_start timestamptz,
  delivery_window_end timestamptz,
  max_price bigint not null check (max_price between 100 and 100000),
  auto_accept_price bigint check (auto_accept_price > 0),
  estimated_price bigint check (estimated_price > 0),
  preferred_travelers uuid[] not null default '{}',
  blacklisted_travelers uuid[] not null default '{}',
  min_traveler_rating numeric(2, 1) check (min_traveler_rating between 1 and 5),
  verification_required boolean not null default false,
  background_check_required boolean not null default false,
  expires_at timestamptz not null,
  cancellation_reason app_public.request_cancel_reason,
  cancellation_note text check (length(cancellation_note) between 1 and 1000),
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint delivery_requests_dimensions_all_or_none check (num_nulls(length_cm, width_cm, height_cm) in (0, 3)),
  constraint delivery_requests_no_hazardous check (not is_hazardous),
  constraint delivery_requests_pickup_window check (
    num_nulls(pickup_window_start, pickup_window_end) in (0, 2) and pickup_window_start < pickup_window_end),
  constraint delivery_requests_delivery_window check (
    num_nulls(delivery_window_start, delivery_window_end) in (0, 2) and delivery_window_start < delivery_window_end),
  constraint delivery_requests_windows_ordered check (delivery_window_end > pickup_window_start),
  constraint delivery_requests_auto_accept_price check (auto_accept_price <= max_price),
  constraint delivery_requests_traveler_lists check (
    cardinality(preferred_travelers) <= 50 and cardinality(blacklisted_travelers) <= 50
    and array_position(preferred_travelers, null) is null and array_position(blacklisted_travelers, null) is null
    and not (preferred_travelers && blacklisted_travelers)),
  constraint delivery_requests_cancellation check (
    (status = 'cancelled') = (cancelled_at is not null and cancellation_reason is not null)
    and (cancellation_note is null or status = 'cancelled')),
  constraint delivery_requests_expiry check (expires_at > created_at)
);
create index delivery_requests_customer_id_idx on app_public.delivery_requests (customer_id, created_at);
-- The marketplace and the expiry sweep read only open rows.
create index delivery_requests_open_idx on app_public.delivery_requests (status, expires_at)
  where status in ('pending', 'matched');
create index delivery_requests_pickup_point_idx on app_public.delivery_requests using gist (pickup_point);
create index delivery_requests_delivery_point_idx on app_public.delivery_requests using gist (delivery_point);
-- coalesce: a NULL description must not make the whole text NULL (and the row unfindable).
create index idx_delivery_requests_text on app_public.delivery_requests using gin (
  (coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(item_name, '')) public.gin_trgm_ops);
alter table app_public.delivery_requests enable row level security;
alter table app_public.delivery_requests force row level security;
comment on table app_public.delivery_requests is E'@behavior -insert -update -delete\nItems customers want carried, with exact places and contacts: visible to the customer and to admins with deliveries.read. Written only through createDeliveryRequest, updateDeliveryRequest, cancelDeliveryRequest and duplicateDeliveryRequest; travelers browse the masked searchRequests.';
comment on column app_public.delivery_requests.id is 'Identifier of the request.';
comment on column app_public.delivery_requests.customer_id is 'The customer who wants the item carried.';
comment on column app_public.delivery_requests.title is 'Short title shown in the marketplace (5–255 characters).';
comment on column app_public.delivery_requests.description is 'Longer description of the item and the job (up to 2000 characters).';
comment on column app_public.delivery_requests.category is 'Kind of item.';
comment on column app_public.delivery_requests.status is 'Lifecycle state; changes only through the request functions (and later the offers and deliveries).';
comment on column app_public.delivery_requests.urgency is 'How urgently the item must arrive.';
comment on column app_public.delivery_requests.item_name is 'Name of the item.';
comment on column app_public.delivery_requests.quantity is 'Number of units (1–10).';
comment on column app_public.delivery_requests.weight_kg is 'Weight of one unit in kg (> 0).';
comment on column app_public.delivery_requests.length_cm is 'Length of one unit in cm (1–200); the three dimensions are given together or not at all.';
comment on column app_public.delivery_requests.width_cm is 'Width of one unit in cm (1–200).';
comment on column app_public.delivery_requests.height_cm is 'Height of one unit in cm (1–200).';
comment on column app_public.delivery_requests.total_weight is 'Total weight in kg: weight_kg × quantity.';
comment on column app_public.delivery_requests.total_volume_l is 'Total volume in litres: the dimensions'' volume × quantity, or 1 L per unit without dimensions.';
comment on column app_public.delivery_requests.declared_value is 'Declared value of the items, in minor units of currency.';
comment on column app_public.delivery_requests.currency is 'ISO 4217 currency of every amount of the request.';
comment on column app_public.delivery_requests.is_fragile is 'Whether the item is fragile (priced higher).';
comment on column app_public.delivery_requests.is_perishable is 'Whether the item is perishable.';
comment on column app_public.delivery_requests.is_hazardous is 'Whether the item is hazardous; hazardous items are refused, so this is always false.';
comment on column app_public.delivery_requests.requires_signature is 'Whether the recipient must sign on delivery.';
comment on column app_public.delivery_requests.pickup_address is 'Exact pickup address (customer, admins and the assigned traveler only).';
comment on column app_public.delivery_requests.pickup_point is 'Exact pickup location (GeoJSON point).';
comment on column app_public.delivery_requests.pickup_city is 'Pickup city.';
comment on column app_public.delivery_requests.pickup_country is 'Pickup country (ISO 3166-1 alpha-2).';
comment on column app_public.delivery_requests.pickup_contact_name is 'Who hands the item over.';
comment on column app_public.delivery_requests.pickup_contact_phone is 'Phone of the pickup contact (E.164).';
comment on column app_public.delivery_requests.pickup_instructions is 'Instructions for the pickup.';
comment on column app_public.delivery_requests.pickup_window_start is 'Earliest pickup time (given together with pickup_window_end).';
comment on column app_public.delivery_requests.pickup_window_end is 'Latest pickup time, after pickup_window_start.';
comment on column app_public.delivery_requests.delivery_address is 'Exact drop-off address (customer, admins and the assigned traveler only).';
comment on column app_public.delivery_requests.delivery_point is 'Exact drop-off location (GeoJSON point).';
comment on column app_public.delivery_requests.delivery_city is 'Drop-off city.';
comment on column app_public.delivery_requests.delivery_country is 'Drop-off country (ISO 3166-1 alpha-2).';
comment on column app_public.delivery_requests.delivery_contact_name is 'Who receives the item.';
comment on column app_public.delivery_requests.delivery_contact_phone is 'Phone of the recipient (E.164).';
comment on column app_public.delivery_requests.delivery_instructions is 'Instructions for the drop-off.';
comment on column app_public.delivery_requests.delivery_window_start is 'Earliest drop-off time (given together with delivery_window_end).';
comment on column app_public.delivery_requests.delivery_window_end is 'Latest drop-off time, after delivery_window_start and after the pickup window starts.';
comment on column app_public.delivery_requests.max_price is 'Most the customer pays the traveler, in minor units (100–100000).';
comment on column app_public.delivery_requests.auto_accept_price is 'Offers at or below this price are accepted at once (at most max_price).';
comment on column app_public.delivery_requests.estimated_price is 'The platform''s default quote for this request, in minor units.';
comment on column app_public.delivery_requests.preferred_travelers is 'Travelers the customer prefers (at most 50).';
comment on column app_public.delivery_requests.blacklisted_travelers is 'Travelers who must never see or carry this request (at most 50).';
comment on column app_public.delivery_requests.min_traveler_rating is 'Lowest average rating a traveler needs (1–5).';
comment on column app_public.delivery_requests.verification_required is 'Whether the traveler must be id_verified.';
comment on column app_public.delivery_requests.background_check_required is 'Whether the traveler must be fully_verified.';
comment on column app_public.delivery_requests.expires_at is 'When an open request expires.';
comment on column app_public.delivery_requests.cancellation_reason is 'Why the customer cancelled.';
comment on column app_public.delivery_requests.cancellation_note is 'The customer''s note on the cancellation.';
comment on column app_public.delivery_requests.cancelled_at is 'When the customer cancelled.';
comment on column app_public.delivery_requests.created_at is 'When the request was created.';
comment on column app_public.delivery_requests.updated_at is 'When the request last changed.';

-- What a customer enters to create or replace a request: the input object of createDeliveryRequest and
-- updateDeliveryRequest. Null attributes take their defaults (see the function comments).
create type app_public.delivery_request_details as (
  title text,
  description text,
  category app_public.item_category,
  urgency app_public.urgency_level,
  item_name text,
  quantity integer,
  weight_kg numeric,
  length_cm numeric,
  width_cm numeric,
  height_cm numeric,
  declared_value bigint,
  currency text,
  is_fragile boolean,
  is_perishable boolean,
  is_hazardous boolean,
  requires_signature boolean,
  pickup_address text,
  pickup_point geography(point, 4326),
  pickup_city text,
  pickup_country text,
  pickup_contact_name text,
  pickup_contact_phone text,
  pickup_instructions text,
  pickup_window_start timestamptz,
  pickup_window_end timestamptz,
  delivery_address text,
  delivery_point geography(point, 4326),
  delivery_city text,
  delivery_country text,
  delivery_contact_name text,
  delivery_contact_phone text,
  delivery_instructions text,
  delivery_window_start timestamptz,
  delivery_window_end timestamptz,
  max_price bigint,
  auto_accept_price bigint,
  preferred_travelers uuid[],
  blacklisted_travelers uuid[],
  min_traveler_rating numeric,
  verification_required boolean,
  background_check_required boolean,
  expires_at timestamptz
);
comment on type app_public.delivery_request_details is 'Everything a customer enters for a delivery request (create, or replace while open).';
comment on column app_public.delivery_request_details.title is 'Short title (5–255 characters). Required.';
comment on column app_public.delivery_request_details.description is 'Longer description (up to 2000 characters).';
comment on column app_public.delivery_request_details.category is 'Kind of item. Required.';
comment on column app_public.delivery_request_details.urgency is 'Urgency; standard when null.';
comment on column app_public.delivery_request_details.item_name is 'Name of the item. Required.';
comment on column app_public.delivery_request_details.quantity is 'Units (1 to limits.max_quantity); 1 when null.';
comment on column app_public.delivery_request_details.weight_kg is 'Weight of one unit in kg. Required.';
comment on column app_public.delivery_request_details.length_cm is 'Length of one unit in cm; all three dimensions or none.';
comment on column app_public.delivery_request_details.width_cm is 'Width of one unit in cm.';
comment on column app_public.delivery_request_details.height_cm is 'Height of one unit in cm.';
comment on column app_public.delivery_request_details.declared_value is 'Declared value in minor units; 0 when null.';
comment on column app_public.delivery_request_details.currency is 'ISO 4217 currency from platform.supported_currencies; platform.default_currency when null.';
comment on column app_public.delivery_request_details.is_fragile is 'Fragile item; false when null.';
comment on column app_public.delivery_request_details.is_perishable is 'Perishable item; false when null.';
comment on column app_public.delivery_request_details.is_hazardous is 'Hazardous item; true is refused.';
comment on column app_public.delivery_request_details.requires_signature is 'Signature on delivery; false when null.';
comment on column app_public.delivery_request_details.pickup_address is 'Exact pickup address. Required.';
comment on column app_public.delivery_request_details.pickup_point is 'Pickup location. Required.';
comment on column app_public.delivery_request_details.pickup_city is 'Pickup city. Required.';
comment on column app_public.delivery_request_details.pickup_country is 'Pickup country (ISO 3166-1 alpha-2). Required.';
comment on column app_public.delivery_request_details.pickup_contact_name is 'Who hands the item over.';
comment on column app_public.delivery_request_details.pickup_contact_phone is 'Phone of the pickup contact (E.164).';
comment on column app_public.delivery_request_details.pickup_instructions is 'Instructions for the pickup.';
comment on column app_public.delivery_request_details.pickup_window_start is 'Earliest pickup (with pickup_window_end, or neither).';
comment on column app_public.delivery_request_details.pickup_window_end is 'Latest pickup, in the future and after the start.';
comment on column app_public.delivery_request_details.delivery_address is 'Exact drop-off address. Required.';
comment on column app_public.delivery_request_details.delivery_point is 'Drop-off location. Required.';
comment on column app_public.delivery_request_details.delivery_city is 'Drop-off city. Required.';
comment on column app_public.delivery_request_details.delivery_country is 'Drop-off country (ISO 3166-1 alpha-2). Required.';
comment on column app_public.delivery_request_details.delivery_contact_name is 'Who receives the item.';
comment on column app_public.delivery_request_details.delivery_contact_phone is 'Phone of the recipient (E.164).';
comment on column app_public.delivery_request_details.delivery_instructions is 'Instructions for the drop-off.';
comment on column app_public.delivery_request_details.delivery_window_start is 'Earliest drop-off (with delivery_window_end, or neither).';
comment on column app_public.delivery_request_details.delivery_window_end is 'Latest drop-off, after the start and after the pickup window starts.';
comment on column app_public.delivery_request_details.max_price is 'Most the customer pays, in minor units (limits.min_request_price to limits.max_request_price). Required.';
comment on column app_public.delivery_request_details.auto_accept_price is 'Auto-accept offers up to this price (at most max_price).';
comment on column app_public.delivery_request_details.preferred_travelers is 'Preferred travelers (at most 50).';
comment on column app_public.delivery_request_details.blacklisted_travelers is 'Travelers never shown this request (at most 50).';
comment on column app_public.delivery_request_details.min_traveler_rating is 'Lowest traveler rating (1–5).';
comment on column app_public.delivery_request_details.verification_required is 'Traveler must be id_verified; false when null.';
comment on column app_public.delivery_request_details.background_check_required is 'Traveler must be fully_verified; false when null.';
comment on column app_public.delivery_request_details.expires_at is 'Expiry; now + requests.expiry_days when null (on create), unchanged when null (on update); at most requests.max_expiry_days after creation.';

-- The masked marketplace view of a request (docs/requests.md, Who reads what): never exact addresses, contacts or
-- phones; points snapped to 0.01° (about 1 km).
create type app_public.request_listing as (
  id uuid,
  title text,
  category app_public.item_category,
  urgency app_public.urgency_level,
  quantity integer,
  total_weight numeric,
  total_volume_l numeric,
  is_fragile boolean,
  pickup_city text,
  pickup_country text,
  pickup_point geography(point, 4326),
  pickup_window_start timestamptz,
  pickup_window_end timestamptz,
  delivery_city text,
  delivery_country text,
  delivery_point geography(point, 4326),
  delivery_window_start timestamptz,
  delivery_window_end timestamptz,
  distance_km numeric,
  max_price bigint,
  currency text,
  expires_at timestamptz,
  customer_display_name text,
  customer_average_rating numeric
);
comment on type app_public.request_listing is 'A delivery request as travelers see it in the marketplace: cities, approximate points, windows, an item summary and the price, never exact addresses or contacts.';
comment on column app_public.request_listing.id is 'Identifier of the request (to make an offer or report it).';
comment on column app_public.request_listing.title is 'Title of the request.';
comment on column app_public.request_listing.category is 'Kind of item.';
comment on column app_public.request_listing.urgency is 'How urgently the item must arrive.';
comment on column app_public.request_listing.quantity is 'Number of units.';
comment on column app_public.request_listing.total_weight is 'Total weight in kg.';
comment on column app_public.request_listing.total_volume_l is 'Total volume in litres.';
comment on column app_public.request_listing.is_fragile is 'Whether the item is fragile.';
comment on column app_public.request_listing.pickup_city is 'Pickup city.';
comment on column app_public.request_listing.pickup_country is 'Pickup country.';
comment on column app_public.request_listing.pickup_point is 'Pickup location snapped to a 0.01° grid (not the exact place).';
comment on column app_public.request_listing.pickup_window_start is 'Earliest pickup.';
comment on column app_public.request_listing.pickup_window_end is 'Latest pickup.';
comment on column app_public.request_listing.delivery_city is 'Drop-off city.';
comment on column app_public.request_listing.delivery_country is 'Drop-off country.';
comment on column app_public.request_listing.delivery_point is 'Drop-off location snapped to a 0.01° grid (not the exact place).';
comment on column app_public.request_listing.delivery_window_start is 'Earliest drop-off.';
comment on column app_public.request_listing.delivery_window_end is 'Latest drop-off.';
comment on column app_public.request_listing.distance_km is 'Distance in km from the searched point to the snapped pickup point, to 0.1 km.';
comment on column app_public.request_listing.max_price is 'Most the customer pays, in minor units.';
comment on column app_public.request_listing.currency is 'Currency of max_price.';
comment on column app_public.request_listing.expires_at is 'When the request expires.';
comment on column app_public.request_listing.customer_display_name is 'Display name of the customer.';
comment on column app_public.request_listing.customer_average_rating is 'The customer''s average rating (null when unrated or when the customer hides statistics).';

-- user_reports.delivery_request_id had no target until now: clear any dangling value, then add the key.
update app_public.user_reports set delivery_request_id = null where delivery_request_id is not null;
-- user_reports is small and the key was just cleared, so validation reads nothing of note; migrations run in a
-- transaction (no concurrent builds there).
-- squawk-ignore require-concurrent-index-creation
create index user_reports_delivery_request_id_idx on app_public.user_reports (delivery_request_id);
-- squawk-ignore adding-foreign-key-constraint, constraint-missing-not-valid
alter table app_public.user_reports add constraint user_reports_delivery_request_id_fkey
  foreign key (delivery_request_id) references app_public.delivery_requests (id) on delete set null;


-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
alter table app_public.user_reports drop constraint user_reports_delivery_request_id_fkey;
drop index app_public.user_reports_delivery_request_id_idx;
drop type app_public.request_listing cascade;
drop type app_public.delivery_request_details cascade;
drop table app_public.delivery_requests cascade;
drop type app_public.request_cancel_reason cascade;
drop type app_public.urgency_level cascade;
drop type app_public.delivery_request_status cascade;
drop type app_public.item_category cascade;
delete from app_public.system_configuration
 where (category, key) in (('platform', 'supported_currencies'), ('limits', 'max_delivery_value'),
                           ('limits', 'max_delivery_weight_kg'), ('limits', 'max_delivery_distance_km'),
                           ('limits', 'max_active_deliveries'), ('limits', 'max_open_requests'),
                           ('limits', 'max_quantity'), ('limits', 'max_dimension_cm'),
                           ('limits', 'min_request_price'), ('limits', 'max_request_price'),
                           ('requests', 'expiry_days'), ('requests', 'max_expiry_days'),
                           ('requests', 'search_radius_km'), ('requests', 'max_search_radius_km'),
                           ('pricing', 'base'), ('pricing', 'per_km'), ('pricing', 'per_kg'),
                           ('pricing', 'fragile_multiplier'), ('pricing', 'min_price'), ('pricing', 'max_price'),
                           ('pricing', 'urgency_multipliers'));
