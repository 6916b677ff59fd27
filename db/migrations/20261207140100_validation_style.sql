-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- One validation style (db/README.md "Validation"): a CHECK for each rule that never changes, whose comment is the
-- message a client reads (app_hidden.raise_broken_rule turns the violation into INVAL with it); a function check for
-- each limit that comes from system_configuration; never the same rule in both.
--
-- Delivery requests: the upper bounds of quantity, dimensions and max_price are tunables (limits.max_quantity,
-- limits.max_dimension_cm, limits.min_request_price and max_request_price), so their CHECKs keep only what never
-- changes. Loosening a CHECK needs no scan of the rows: every row passed the stricter one. The rule that a customer
-- cannot list themselves, checked only in a function so far, becomes a CHECK.
alter table app_public.delivery_requests
  drop constraint delivery_requests_quantity_check,
  drop constraint delivery_requests_length_cm_check,
  drop constraint delivery_requests_width_cm_check,
  drop constraint delivery_requests_height_cm_check,
  drop constraint delivery_requests_max_price_check,
  add constraint delivery_requests_quantity_check check (quantity >= 1) not valid,
  add constraint delivery_requests_length_cm_check check (length_cm >= 1) not valid,
  add constraint delivery_requests_width_cm_check check (width_cm >= 1) not valid,
  add constraint delivery_requests_height_cm_check check (height_cm >= 1) not valid,
  add constraint delivery_requests_max_price_check check (max_price > 0) not valid,
  add constraint delivery_requests_customer_not_listed
    check (not (customer_id = any (preferred_travelers || blacklisted_travelers))) not valid;
-- Validated by the next migration, in a transaction of its own (reads and writes go on meanwhile).
comment on column app_public.delivery_requests.quantity is 'Number of units (1 to limits.max_quantity).';
comment on column app_public.delivery_requests.length_cm is 'Length of one unit in cm (1 to limits.max_dimension_cm); the three dimensions are given together or not at all.';
comment on column app_public.delivery_requests.width_cm is 'Width of one unit in cm (1 to limits.max_dimension_cm).';
comment on column app_public.delivery_requests.height_cm is 'Height of one unit in cm (1 to limits.max_dimension_cm).';
comment on column app_public.delivery_requests.max_price is 'Most the customer pays the traveler, in minor units (limits.min_request_price to limits.max_request_price).';

-- Trips had no configured limits: a price of 2^63 − 1 or a departure in the year 9999 passed. These bound them; the
-- currency must be one of platform.supported_currencies and max_item_value at most limits.max_delivery_value, as
-- for requests.
insert into app_public.system_configuration (category, key, value, description, is_public, data_type, validation, is_sensitive) values
  ('trips', 'max_price', '100000', 'Highest base_price, price_per_kg, price_per_km and auto_accept_price of a trip, in minor units.', true, 'integer', '{"min": 1, "max": 100000000}', false),
  ('trips', 'max_departure_days', '365', 'Latest departure of a new or rescheduled trip, in days from now.', true, 'integer', '{"min": 1, "max": 3650}', false),
  ('trips', 'max_duration_hours', '720', 'Longest trip, in hours from departure to arrival.', true, 'integer', '{"min": 1, "max": 8760}', false)
on conflict (category, key) do nothing;

-- The messages of the rules (named by field, as clients send them).
comment on constraint delivery_requests_auto_accept_price on app_public.delivery_requests is 'auto_accept_price may be at most max_price';
comment on constraint delivery_requests_auto_accept_price_check on app_public.delivery_requests is 'auto_accept_price must be more than 0';
comment on constraint delivery_requests_cancellation on app_public.delivery_requests is 'cancellation_reason: a cancelled request has its cancellation time and reason, and only a cancelled one has a cancellation_note';
comment on constraint delivery_requests_cancellation_note_check on app_public.delivery_requests is 'cancellation_note may have at most 1000 characters';
comment on constraint delivery_requests_currency_check on app_public.delivery_requests is 'currency must be three capital letters (ISO 4217)';
comment on constraint delivery_requests_customer_not_listed on app_public.delivery_requests is 'preferred_travelers and blacklisted_travelers cannot list yourself';
comment on constraint delivery_requests_declared_value_check on app_public.delivery_requests is 'declared_value cannot be negative';
comment on constraint delivery_requests_delivery_address_check on app_public.delivery_requests is 'delivery_address must have 1 to 500 characters';
comment on constraint delivery_requests_delivery_city_check on app_public.delivery_requests is 'delivery_city must have 1 to 100 characters';
comment on constraint delivery_requests_delivery_contact_name_check on app_public.delivery_requests is 'delivery_contact_name may have at most 100 characters';
comment on constraint delivery_requests_delivery_contact_phone_check on app_public.delivery_requests is 'delivery_contact_phone must be in E.164 format, e.g. +4930123456';
comment on constraint delivery_requests_delivery_country_check on app_public.delivery_requests is 'delivery_country must be a two-letter country code (ISO 3166-1)';
comment on constraint delivery_requests_delivery_instructions_check on app_public.delivery_requests is 'delivery_instructions may have at most 1000 characters';
comment on constraint delivery_requests_delivery_window on app_public.delivery_requests is 'delivery_window_start and delivery_window_end: a time window needs both, and must start before it ends';
comment on constraint delivery_requests_description_check on app_public.delivery_requests is 'description may have at most 2000 characters';
comment on constraint delivery_requests_dimensions_all_or_none on app_public.delivery_requests is 'length_cm, width_cm and height_cm: give all three or none of them';
comment on constraint delivery_requests_estimated_price_check on app_public.delivery_requests is 'estimated_price must be more than 0';
comment on constraint delivery_requests_expiry on app_public.delivery_requests is 'expires_at must lie after the request was created';
comment on constraint delivery_requests_height_cm_check on app_public.delivery_requests is 'height_cm must be at least 1';
comment on constraint delivery_requests_item_name_check on app_public.delivery_requests is 'item_name must have 1 to 255 characters';
comment on constraint delivery_requests_length_cm_check on app_public.delivery_requests is 'length_cm must be at least 1';
comment on constraint delivery_requests_max_price_check on app_public.delivery_requests is 'max_price must be more than 0';
comment on constraint delivery_requests_min_traveler_rating_check on app_public.delivery_requests is 'min_traveler_rating must be between 1 and 5';
comment on constraint delivery_requests_no_hazardous on app_public.delivery_requests is 'is_hazardous: hazardous items cannot be sent';
comment on constraint delivery_requests_pickup_address_check on app_public.delivery_requests is 'pickup_address must have 1 to 500 characters';
comment on constraint delivery_requests_pickup_city_check on app_public.delivery_requests is 'pickup_city must have 1 to 100 characters';
comment on constraint delivery_requests_pickup_contact_name_check on app_public.delivery_requests is 'pickup_contact_name may have at most 100 characters';
comment on constraint delivery_requests_pickup_contact_phone_check on app_public.delivery_requests is 'pickup_contact_phone must be in E.164 format, e.g. +4930123456';
comment on constraint delivery_requests_pickup_country_check on app_public.delivery_requests is 'pickup_country must be a two-letter country code (ISO 3166-1)';
comment on constraint delivery_requests_pickup_instructions_check on app_public.delivery_requests is 'pickup_instructions may have at most 1000 characters';
comment on constraint delivery_requests_pickup_window on app_public.delivery_requests is 'pickup_window_start and pickup_window_end: a time window needs both, and must start before it ends';
comment on constraint delivery_requests_quantity_check on app_public.delivery_requests is 'quantity must be at least 1';
comment on constraint delivery_requests_title_check on app_public.delivery_requests is 'title must have 5 to 255 characters';
comment on constraint delivery_requests_traveler_lists on app_public.delivery_requests is 'preferred_travelers and blacklisted_travelers: at most 50 users each, none of them in both lists';
comment on constraint delivery_requests_weight_kg_check on app_public.delivery_requests is 'weight_kg must be more than 0';
comment on constraint delivery_requests_width_cm_check on app_public.delivery_requests is 'width_cm must be at least 1';
comment on constraint delivery_requests_windows_ordered on app_public.delivery_requests is 'delivery_window_end must lie after pickup_window_start';
comment on constraint trips_auto_accept_price on app_public.trips is 'auto_accept_price: auto-accept needs a price';
comment on constraint trips_auto_accept_price_check on app_public.trips is 'auto_accept_price must be more than 0';
comment on constraint trips_available_items_range on app_public.trips is 'available_items must lie between 0 and capacity_items';
comment on constraint trips_available_volume_range on app_public.trips is 'available_volume_l must lie between 0 and capacity_volume_l';
comment on constraint trips_available_weight_range on app_public.trips is 'available_weight_kg must lie between 0 and capacity_weight_kg';
comment on constraint trips_base_price_check on app_public.trips is 'base_price cannot be negative';
comment on constraint trips_cancellation on app_public.trips is 'cancellation_reason: a cancelled trip has its cancellation reason and time, and only a cancelled one has them';
comment on constraint trips_cancellation_note_check on app_public.trips is 'cancellation_note may have 1 to 1000 characters';
comment on constraint trips_capacity_items_range on app_public.trips is 'capacity_items must be between 1 and 50';
comment on constraint trips_capacity_volume_range on app_public.trips is 'capacity_volume_l must be more than 0 and at most 500';
comment on constraint trips_capacity_weight_range on app_public.trips is 'capacity_weight_kg must be more than 0 and at most 100';
comment on constraint trips_completion on app_public.trips is 'completed_at: a completed trip has its completion time, and only a completed one has it';
comment on constraint trips_currency_check on app_public.trips is 'currency must be three capital letters (ISO 4217)';
comment on constraint trips_description_check on app_public.trips is 'description may have at most 2000 characters';
comment on constraint trips_destination_address_check on app_public.trips is 'destination_address must have 1 to 500 characters';
comment on constraint trips_destination_airport_check on app_public.trips is 'destination_airport must be a three-letter IATA code';
comment on constraint trips_express_multiplier_check on app_public.trips is 'express_multiplier must be between 1 and 5';
comment on constraint trips_fragile_multiplier_check on app_public.trips is 'fragile_multiplier must be between 1 and 3';
comment on constraint trips_has_price on app_public.trips is 'base_price, price_per_kg and price_per_km: at least one price must be more than 0';
comment on constraint trips_max_item_value_check on app_public.trips is 'max_item_value must be more than 0';
comment on constraint trips_origin_address_check on app_public.trips is 'origin_address must have 1 to 500 characters';
comment on constraint trips_origin_airport_check on app_public.trips is 'origin_airport must be a three-letter IATA code';
comment on constraint trips_price_per_kg_check on app_public.trips is 'price_per_kg cannot be negative';
comment on constraint trips_price_per_km_check on app_public.trips is 'price_per_km cannot be negative';
comment on constraint trips_prohibited_categories_known on app_public.trips is 'prohibited_categories may list only item categories (documents, electronics, clothing, food, fragile, books, gifts, other)';
comment on constraint trips_recurrence_on_parent on app_public.trips is 'recurring_pattern: a trip created from a recurring trip does not recur itself';
comment on constraint trips_recurring_pattern_shape on app_public.trips is 'recurring_pattern must be {frequency: daily, weekly or monthly; interval: 1–12; days_of_week: [1–7], weekly only; until: "YYYY-MM-DD"}';
comment on constraint trips_times_ordered on app_public.trips is 'arrival_time must lie after departure_time';
comment on constraint trips_title_check on app_public.trips is 'title must have 3 to 255 characters';

-- migrate:down
delete from app_public.system_configuration
 where category = 'trips' and key in ('max_price', 'max_departure_days', 'max_duration_hours');
alter table app_public.delivery_requests
  drop constraint delivery_requests_customer_not_listed,
  drop constraint delivery_requests_quantity_check,
  drop constraint delivery_requests_length_cm_check,
  drop constraint delivery_requests_width_cm_check,
  drop constraint delivery_requests_height_cm_check,
  drop constraint delivery_requests_max_price_check,
  add constraint delivery_requests_quantity_check check (quantity between 1 and 10),
  add constraint delivery_requests_length_cm_check check (length_cm between 1 and 200),
  add constraint delivery_requests_width_cm_check check (width_cm between 1 and 200),
  add constraint delivery_requests_height_cm_check check (height_cm between 1 and 200),
  add constraint delivery_requests_max_price_check check (max_price between 100 and 100000);
comment on column app_public.delivery_requests.quantity is 'Number of units (1–10).';
comment on column app_public.delivery_requests.length_cm is 'Length of one unit in cm (1–200); the three dimensions are given together or not at all.';
comment on column app_public.delivery_requests.width_cm is 'Width of one unit in cm (1–200).';
comment on column app_public.delivery_requests.height_cm is 'Height of one unit in cm (1–200).';
comment on column app_public.delivery_requests.max_price is 'Most the customer pays the traveler, in minor units (100–100000).';
comment on constraint delivery_requests_auto_accept_price on app_public.delivery_requests is null;
comment on constraint delivery_requests_auto_accept_price_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_cancellation on app_public.delivery_requests is null;
comment on constraint delivery_requests_cancellation_note_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_currency_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_declared_value_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_address_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_city_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_contact_name_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_contact_phone_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_country_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_instructions_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_delivery_window on app_public.delivery_requests is null;
comment on constraint delivery_requests_description_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_dimensions_all_or_none on app_public.delivery_requests is null;
comment on constraint delivery_requests_estimated_price_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_expiry on app_public.delivery_requests is null;
comment on constraint delivery_requests_item_name_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_min_traveler_rating_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_no_hazardous on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_address_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_city_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_contact_name_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_contact_phone_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_country_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_instructions_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_pickup_window on app_public.delivery_requests is null;
comment on constraint delivery_requests_title_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_traveler_lists on app_public.delivery_requests is null;
comment on constraint delivery_requests_weight_kg_check on app_public.delivery_requests is null;
comment on constraint delivery_requests_windows_ordered on app_public.delivery_requests is null;
comment on constraint trips_auto_accept_price on app_public.trips is null;
comment on constraint trips_auto_accept_price_check on app_public.trips is null;
comment on constraint trips_available_items_range on app_public.trips is null;
comment on constraint trips_available_volume_range on app_public.trips is null;
comment on constraint trips_available_weight_range on app_public.trips is null;
comment on constraint trips_base_price_check on app_public.trips is null;
comment on constraint trips_cancellation on app_public.trips is null;
comment on constraint trips_cancellation_note_check on app_public.trips is null;
comment on constraint trips_capacity_items_range on app_public.trips is null;
comment on constraint trips_capacity_volume_range on app_public.trips is null;
comment on constraint trips_capacity_weight_range on app_public.trips is null;
comment on constraint trips_completion on app_public.trips is null;
comment on constraint trips_currency_check on app_public.trips is null;
comment on constraint trips_description_check on app_public.trips is null;
comment on constraint trips_destination_address_check on app_public.trips is null;
comment on constraint trips_destination_airport_check on app_public.trips is null;
comment on constraint trips_express_multiplier_check on app_public.trips is null;
comment on constraint trips_fragile_multiplier_check on app_public.trips is null;
comment on constraint trips_has_price on app_public.trips is null;
comment on constraint trips_max_item_value_check on app_public.trips is null;
comment on constraint trips_origin_address_check on app_public.trips is null;
comment on constraint trips_origin_airport_check on app_public.trips is null;
comment on constraint trips_price_per_kg_check on app_public.trips is null;
comment on constraint trips_price_per_km_check on app_public.trips is null;
comment on constraint trips_prohibited_categories_known on app_public.trips is null;
comment on constraint trips_recurrence_on_parent on app_public.trips is null;
comment on constraint trips_recurring_pattern_shape on app_public.trips is null;
comment on constraint trips_times_ordered on app_public.trips is null;
comment on constraint trips_title_check on app_public.trips is null;
