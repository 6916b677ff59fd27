-- The marketplace (docs/requests.md, Who reads what): travelers browse open requests as request_listing rows,
-- never the table. Security definer to cross delivery_requests' RLS on purpose, so it checks the caller itself:
-- signed in, active, email_verified, and a traveler (or both).
--
-- Masking goes further than the returned columns: the radius and destination filters and the ordering use the
-- snapped points too, because filtering on exact points would let repeated searches with shrinking radii
-- trilaterate the exact address. The GiST indexes pre-select on the exact points with a margin that covers the
-- snapping (a 0.01° cell moves a point by at most ~0.79 km), then the snapped points decide.
create or replace function app_public.search_requests(
  near public.geography,
  radius_km numeric default null,
  destination public.geography default null,
  category app_public.item_category default null,
  window_from timestamptz default null,
  window_to timestamptz default null
)
returns setof app_public.request_listing
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'browse delivery requests');
  v_radius_m float8;
  v_margin_m constant float8 := 1000;
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('traveler', 'both')) then
    raise exception 'Only travelers browse delivery requests; switch your account to traveler or both'
      using errcode = 'DNIED';
  end if;
  if search_requests.near is null then
    raise exception 'Give the point to search near' using errcode = 'INVAL';
  end if;
  v_radius_m := 1000 * coalesce(search_requests.radius_km, (app_hidden.config_value('requests.search_radius_km'))::numeric);
  if v_radius_m <= 0 or v_radius_m > 1000 * (app_hidden.config_value('requests.max_search_radius_km'))::numeric then
    raise exception 'The radius must be more than 0 and at most % km', app_hidden.config_value('requests.max_search_radius_km')
      using errcode = 'INVAL';
  end if;
  if search_requests.window_from >= search_requests.window_to then
    raise exception 'The window must start before it ends' using errcode = 'INVAL';
  end if;

  return query
  with candidates as (
    select r.id, r.title, r.category, r.urgency, r.quantity, r.total_weight, r.total_volume_l, r.is_fragile,
           r.pickup_city, r.pickup_country, app_hidden.snapped_point(r.pickup_point)::geography(point, 4326) as pickup_point,
           r.pickup_window_start, r.pickup_window_end,
           r.delivery_city, r.delivery_country, app_hidden.snapped_point(r.delivery_point)::geography(point, 4326) as delivery_point,
           r.delivery_window_start, r.delivery_window_end, r.max_price, r.currency, r.expires_at,
           r.customer_id
      from app_hidden.listed_delivery_requests(v_user_id) r
     where st_dwithin(r.pickup_point, search_requests.near, v_radius_m + v_margin_m)
       and (search_requests.destination is null
            or st_dwithin(r.delivery_point, search_requests.destination, v_radius_m + v_margin_m))
       and (search_requests.category is null or r.category = search_requests.category)
       -- Requests without a pickup window are flexible and match any window.
       and (r.pickup_window_start is null
            or tstzrange(r.pickup_window_start, r.pickup_window_end)
               && tstzrange(search_requests.window_from, search_requests.window_to))
  )
  select c.id, c.title, c.category, c.urgency, c.quantity, c.total_weight, c.total_volume_l, c.is_fragile,
         c.pickup_city, c.pickup_country, c.pickup_point, c.pickup_window_start, c.pickup_window_end,
         c.delivery_city, c.delivery_country, c.delivery_point, c.delivery_window_start, c.delivery_window_end,
         round((st_distance(c.pickup_point, search_requests.near) / 1000)::numeric, 1),
         c.max_price, c.currency, c.expires_at, u.display_name,
         case when s.is_public then s.average_rating end
    from candidates c
    join app_public.users u on u.id = c.customer_id
    left join app_public.user_statistics s on s.user_id = c.customer_id
   where st_dwithin(c.pickup_point, search_requests.near, v_radius_m)
     and (search_requests.destination is null or st_dwithin(c.delivery_point, search_requests.destination, v_radius_m))
   order by st_distance(c.pickup_point, search_requests.near), c.expires_at, c.id;
end;
$$;
comment on function app_public.search_requests(public.geography, numeric, public.geography, app_public.item_category, timestamptz, timestamptz) is E'The marketplace for travelers: open, unexpired delivery requests whose pickup lies within radiusKm (default requests.search_radius_km, at most requests.max_search_radius_km) of near, optionally with the drop-off within radiusKm of destination, of one category, and with a pickup window overlapping windowFrom–windowTo (requests without a window always match). Never your own requests, requests across a block in either direction, requests that blacklist you, or requests of inactive customers. Places are masked: cities and points snapped to 0.01°. Ordered by distance, then expiry, then id. Errors: LOGIN, DNIED (not an active, email-verified traveler), INVAL.';
grant execute on function app_public.search_requests(public.geography, numeric, public.geography, app_public.item_category, timestamptz, timestamptz) to app_user;
