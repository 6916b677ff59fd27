-- Shared machinery of the request functions (docs/requests.md): the triggers of delivery_requests, the one
-- validation every write path passes (create, update, duplicate), the insert, and the marketplace visibility rule.
-- The helpers are plain (security invoker) functions without grants to the API roles: only the security definer
-- request functions, which run as app_owner, call them.

create or replace trigger _100_timestamps before update on app_public.delivery_requests
  for each row execute function app_hidden.tg__set_updated_at();

-- Normalises what a customer entered (trimmed text, defaults) and checks the rules a CHECK cannot hold, raising
-- INVAL naming the field for the first one broken: the limits.* and requests.* tunables, the supported currencies,
-- and what depends on the time of the write (windows and expiry in the future). Every rule that never changes is a
-- CHECK of delivery_requests, checked by the write itself (db/README.md "Validation"). created_at is the request's
-- creation time (now for a new one): expiry is bounded from it. Returns the normalised details; expires_at stays
-- null when the caller keeps the current expiry.
create or replace function app_hidden.checked_delivery_request_details(
  details app_public.delivery_request_details,
  customer_id uuid,
  created_at timestamptz,
  default_expiry boolean
)
returns app_public.delivery_request_details
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  d app_public.delivery_request_details := checked_delivery_request_details.details;
  v_max_dimension numeric := (app_hidden.config_value('limits.max_dimension_cm'))::numeric;
  v_latest_expiry timestamptz;
begin
  if d is null then
    raise exception 'The request details are missing' using errcode = 'INVAL';
  end if;
  d.title := nullif(trim(d.title), '');
  d.description := nullif(trim(d.description), '');
  d.item_name := nullif(trim(d.item_name), '');
  d.urgency := coalesce(d.urgency, 'standard');
  d.quantity := coalesce(d.quantity, 1);
  d.declared_value := coalesce(d.declared_value, 0);
  d.currency := upper(coalesce(nullif(trim(d.currency), ''), app_hidden.config_value('platform.default_currency') #>> '{}'));
  d.is_fragile := coalesce(d.is_fragile, false);
  d.is_perishable := coalesce(d.is_perishable, false);
  d.is_hazardous := coalesce(d.is_hazardous, false);
  d.requires_signature := coalesce(d.requires_signature, false);
  d.pickup_address := nullif(trim(d.pickup_address), '');
  d.pickup_city := nullif(trim(d.pickup_city), '');
  d.pickup_country := upper(trim(d.pickup_country));
  d.pickup_contact_name := nullif(trim(d.pickup_contact_name), '');
  d.pickup_contact_phone := nullif(trim(d.pickup_contact_phone), '');
  d.pickup_instructions := nullif(trim(d.pickup_instructions), '');
  d.delivery_address := nullif(trim(d.delivery_address), '');
  d.delivery_city := nullif(trim(d.delivery_city), '');
  d.delivery_country := upper(trim(d.delivery_country));
  d.delivery_contact_name := nullif(trim(d.delivery_contact_name), '');
  d.delivery_contact_phone := nullif(trim(d.delivery_contact_phone), '');
  d.delivery_instructions := nullif(trim(d.delivery_instructions), '');
  d.preferred_travelers := coalesce(d.preferred_travelers, '{}');
  d.blacklisted_travelers := coalesce(d.blacklisted_travelers, '{}');
  d.verification_required := coalesce(d.verification_required, false);
  d.background_check_required := coalesce(d.background_check_required, false);
  if d.expires_at is null and checked_delivery_request_details.default_expiry then
    d.expires_at := checked_delivery_request_details.created_at
                    + make_interval(days => (app_hidden.config_value('requests.expiry_days'))::int);
  end if;

  -- Limits from configuration (a missing value is the CHECKs' and NOT NULLs' to refuse)
  if d.quantity > (app_hidden.config_value('limits.max_quantity'))::int then
    raise exception 'quantity may be at most %', app_hidden.config_value('limits.max_quantity') using errcode = 'INVAL';
  end if;
  if d.length_cm > v_max_dimension then
    raise exception 'length_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.width_cm > v_max_dimension then
    raise exception 'width_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.height_cm > v_max_dimension then
    raise exception 'height_cm may be at most % cm', v_max_dimension using errcode = 'INVAL';
  end if;
  if d.weight_kg * d.quantity > (app_hidden.config_value('limits.max_delivery_weight_kg'))::numeric then
    raise exception 'weight_kg × quantity (the total weight) may be at most % kg',
      app_hidden.config_value('limits.max_delivery_weight_kg') using errcode = 'INVAL';
  end if;
  if not app_hidden.config_value('platform.supported_currencies') ? d.currency then
    raise exception 'currency % is not supported', d.currency using errcode = 'INVAL';
  end if;
  if d.declared_value > (app_hidden.config_value('limits.max_delivery_value'))::bigint then
    raise exception 'declared_value may be at most %', app_hidden.config_value('limits.max_delivery_value')
      using errcode = 'INVAL';
  end if;
  -- Great-circle distance (sphere), as the quote uses.
  if public.st_distance(d.pickup_point, d.delivery_point, false) / 1000
     > (app_hidden.config_value('limits.max_delivery_distance_km'))::numeric then
    raise exception 'pickup_point and delivery_point may be at most % km apart',
      app_hidden.config_value('limits.max_delivery_distance_km') using errcode = 'INVAL';
  end if;
  if d.max_price not between (app_hidden.config_value('limits.min_request_price'))::bigint
                         and (app_hidden.config_value('limits.max_request_price'))::bigint then
    raise exception 'max_price must be between % and %', app_hidden.config_value('limits.min_request_price'),
      app_hidden.config_value('limits.max_request_price') using errcode = 'INVAL';
  end if;
  v_latest_expiry := checked_delivery_request_details.created_at
                     + make_interval(days => (app_hidden.config_value('requests.max_expiry_days'))::int);
  if d.expires_at > v_latest_expiry then
    raise exception 'expires_at may be at most % days after the request was created',
      app_hidden.config_value('requests.max_expiry_days') using errcode = 'INVAL';
  end if;

  -- What depends on the time of the write
  if d.pickup_window_end <= now() then
    raise exception 'pickup_window_end must lie in the future' using errcode = 'INVAL';
  end if;
  if d.delivery_window_end <= now() then
    raise exception 'delivery_window_end must lie in the future' using errcode = 'INVAL';
  end if;
  if d.expires_at <= now() then
    raise exception 'expires_at must lie in the future' using errcode = 'INVAL';
  end if;
  return d;
end;
$$;
comment on function app_hidden.checked_delivery_request_details(app_public.delivery_request_details, uuid, timestamptz, boolean) is
  'Normalises the details of a delivery request and checks the configured limits (limits.*, requests.max_expiry_days, supported currencies) and the rules that depend on the time; raises INVAL naming the field. The table''s CHECKs hold the rest.';

-- The default quote of checked details: great-circle km and total weight. Null for details the write will refuse
-- anyway (no points, no positive weight), so that the table's own rule, not the quote's, names what is wrong.
create or replace function app_hidden.delivery_request_estimate(details app_public.delivery_request_details)
returns bigint
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case when (delivery_request_estimate.details).weight_kg * (delivery_request_estimate.details).quantity > 0
               and (delivery_request_estimate.details).pickup_point is not null
               and (delivery_request_estimate.details).delivery_point is not null
              then app_hidden.default_quote(
                     (public.st_distance((delivery_request_estimate.details).pickup_point,
                                         (delivery_request_estimate.details).delivery_point, false) / 1000)::numeric,
                     (delivery_request_estimate.details).weight_kg * (delivery_request_estimate.details).quantity,
                     (delivery_request_estimate.details).urgency,
                     (delivery_request_estimate.details).is_fragile,
                     (delivery_request_estimate.details).currency,
                     (delivery_request_estimate.details).category,
                     app_hidden.route_hash((delivery_request_estimate.details).pickup_point,
                                           (delivery_request_estimate.details).delivery_point))
         end;
$$;
comment on function app_hidden.delivery_request_estimate(app_public.delivery_request_details) is
  'Estimated price of checked request details (app_hidden.default_quote over the great-circle distance and total weight); null when they have no points or weight.';

-- The details of an existing request (for duplicate_delivery_request).
create or replace function app_hidden.delivery_request_details_of(request app_public.delivery_requests)
returns app_public.delivery_request_details
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select row((request).title, (request).description, (request).category, (request).urgency, (request).item_name,
             (request).quantity, (request).weight_kg, (request).length_cm, (request).width_cm, (request).height_cm,
             (request).declared_value, (request).currency, (request).is_fragile, (request).is_perishable,
             (request).is_hazardous, (request).requires_signature,
             (request).pickup_address, (request).pickup_point, (request).pickup_city, (request).pickup_country,
             (request).pickup_contact_name, (request).pickup_contact_phone, (request).pickup_instructions,
             (request).pickup_window_start, (request).pickup_window_end,
             (request).delivery_address, (request).delivery_point, (request).delivery_city, (request).delivery_country,
             (request).delivery_contact_name, (request).delivery_contact_phone, (request).delivery_instructions,
             (request).delivery_window_start, (request).delivery_window_end,
             (request).max_price, (request).auto_accept_price, (request).preferred_travelers,
             (request).blacklisted_travelers, (request).min_traveler_rating, (request).verification_required,
             (request).background_check_required, (request).expires_at)::app_public.delivery_request_details;
$$;
comment on function app_hidden.delivery_request_details_of(app_public.delivery_requests) is
  'The customer-entered details of a delivery request.';

-- A new pending request of the customer, after the quota check: at most limits.max_open_requests open (pending or
-- matched, unexpired) requests. A transaction-scoped advisory lock per customer serialises concurrent creates, so
-- two parallel calls cannot both take the last slot.
create or replace function app_hidden.insert_delivery_request(customer_id uuid, details app_public.delivery_request_details)
returns app_public.delivery_requests
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_now timestamptz := now();
  d app_public.delivery_request_details :=
    app_hidden.checked_delivery_request_details(insert_delivery_request.details, insert_delivery_request.customer_id,
                                                v_now, true);
  v_request app_public.delivery_requests;
begin
  perform pg_advisory_xact_lock(hashtext('app_public.delivery_requests'), hashtext(insert_delivery_request.customer_id::text));
  if (select count(*) from app_public.delivery_requests r
       where r.customer_id = insert_delivery_request.customer_id
         and r.status in ('pending', 'matched') and r.expires_at > v_now)
     >= (app_hidden.config_value('limits.max_open_requests'))::int then
    raise exception 'You may have at most % open delivery requests', app_hidden.config_value('limits.max_open_requests')
      using errcode = 'LIMIT';
  end if;
  insert into app_public.delivery_requests (
    customer_id, title, description, category, urgency, item_name, quantity, weight_kg, length_cm, width_cm,
    height_cm, declared_value, currency, is_fragile, is_perishable, is_hazardous, requires_signature,
    pickup_address, pickup_point, pickup_city, pickup_country, pickup_contact_name, pickup_contact_phone,
    pickup_instructions, pickup_window_start, pickup_window_end,
    delivery_address, delivery_point, delivery_city, delivery_country, delivery_contact_name, delivery_contact_phone,
    delivery_instructions, delivery_window_start, delivery_window_end,
    max_price, auto_accept_price, estimated_price, preferred_travelers, blacklisted_travelers, min_traveler_rating,
    verification_required, background_check_required, expires_at, created_at)
  values (
    insert_delivery_request.customer_id, d.title, d.description, d.category, d.urgency, d.item_name, d.quantity,
    d.weight_kg, d.length_cm, d.width_cm, d.height_cm, d.declared_value, d.currency, d.is_fragile, d.is_perishable,
    d.is_hazardous, d.requires_signature,
    d.pickup_address, d.pickup_point, d.pickup_city, d.pickup_country, d.pickup_contact_name, d.pickup_contact_phone,
    d.pickup_instructions, d.pickup_window_start, d.pickup_window_end,
    d.delivery_address, d.delivery_point, d.delivery_city, d.delivery_country, d.delivery_contact_name,
    d.delivery_contact_phone, d.delivery_instructions, d.delivery_window_start, d.delivery_window_end,
    d.max_price, d.auto_accept_price, app_hidden.delivery_request_estimate(d), d.preferred_travelers,
    d.blacklisted_travelers, d.min_traveler_rating, d.verification_required, d.background_check_required,
    d.expires_at, v_now)
  returning * into v_request;
  return v_request;
end;
$$;
comment on function app_hidden.insert_delivery_request(uuid, app_public.delivery_request_details) is
  'Validates the details and inserts a pending request for the customer; raises INVAL (a configured limit, naming the field), LIMIT (too many open requests) or a CHECK violation of the table (answered INVAL with its message by the server).';

-- The marketplace rule (docs/requests.md) for one viewer: open (pending or matched) and unexpired requests of active, undeleted
-- customers, never the viewer's own, never across a block in either direction, never where the viewer is
-- blacklisted. Plain SQL without SET options, so the planner inlines it into the caller's query: the GiST indexes
-- apply, and the block rule is an anti-join over the viewer's blocks. Called only from security definer functions (as app_owner), which is why it may read every row.
create or replace function app_hidden.listed_delivery_requests(viewer_id uuid)
returns setof app_public.delivery_requests
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select r.*
    from app_public.delivery_requests r
    join app_public.users u on u.id = r.customer_id
   where r.status in ('pending', 'matched')
     and r.expires_at > now()
     and u.status = 'active' and u.deleted_at is null
     and r.customer_id <> listed_delivery_requests.viewer_id
     and not (listed_delivery_requests.viewer_id = any (r.blacklisted_travelers))
     and not exists (select 1 from app_hidden.users_blocked_with(listed_delivery_requests.viewer_id) b
                      where b = r.customer_id);
$$;
comment on function app_hidden.listed_delivery_requests(uuid) is
  'Delivery requests the viewer may see in the marketplace (open, unexpired, active customer, not own, unblocked, not blacklisted).';

-- A point snapped to the 0.01° grid (about 1.1 km north–south): what the marketplace shows instead of the place.
create or replace function app_hidden.snapped_point(point public.geography)
returns public.geography
language sql immutable strict
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select public.st_snaptogrid(snapped_point.point::public.geometry, 0.01)::public.geography;
$$;
comment on function app_hidden.snapped_point(public.geography) is 'The point snapped to a 0.01° grid (masking exact places).';
