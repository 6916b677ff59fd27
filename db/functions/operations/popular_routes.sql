-- Popular routes (docs/operations.md, Metrics), rebuilt weekly by metrics__popular_routes: the city pairs of the
-- delivery requests created in the last 30 days with at least 5 of them, their completed deliveries, the average final
-- price in the route's most used currency and the average rating its travelers got for them. The table is replaced
-- in one transaction, so readers see the old list or the new one.
create or replace function app_private.rebuild_popular_routes()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_from timestamptz := now() - interval '30 days';
  v_rows integer;
begin
  delete from app_public.popular_routes where true;
  with requests as (
    select r.id, r.pickup_city, r.pickup_country, r.delivery_city, r.delivery_country, r.currency
      from app_public.delivery_requests r
     where r.created_at >= v_from),
  routes as (
    select q.pickup_country, q.pickup_city, q.delivery_country, q.delivery_city, count(*) as request_count,
           mode() within group (order by q.currency) as currency
      from requests q
     group by q.pickup_country, q.pickup_city, q.delivery_country, q.delivery_city
    having count(*) >= 5),
  done as (
    select q.pickup_country, q.pickup_city, q.delivery_country, q.delivery_city, d.id, d.final_price, d.currency
      from requests q join app_public.deliveries d on d.request_id = q.id
     where d.status = 'delivered')
  insert into app_public.popular_routes (origin_city, origin_country, destination_city, destination_country,
                                         request_count, completion_count, average_price, currency, average_rating,
                                         period_start, period_end)
  select r.pickup_city, r.pickup_country, r.delivery_city, r.delivery_country, r.request_count,
         (select count(*) from done x where (x.pickup_country, x.pickup_city, x.delivery_country, x.delivery_city)
                                           = (r.pickup_country, r.pickup_city, r.delivery_country, r.delivery_city)),
         (select round(avg(x.final_price))::bigint from done x
           where (x.pickup_country, x.pickup_city, x.delivery_country, x.delivery_city)
                 = (r.pickup_country, r.pickup_city, r.delivery_country, r.delivery_city) and x.currency = r.currency),
         r.currency,
         (select round(avg(v.overall_rating), 2) from done x join app_public.reviews v on v.delivery_id = x.id
           where (x.pickup_country, x.pickup_city, x.delivery_country, x.delivery_city)
                 = (r.pickup_country, r.pickup_city, r.delivery_country, r.delivery_city)
             and v.reviewer_role = 'customer'),
         v_from, now()
    from routes r;
  get diagnostics v_rows = row_count;
  return v_rows;
end;
$$;
comment on function app_private.rebuild_popular_routes() is 'Replaces popular_routes with the routes of the last 30 days that have at least 5 requests; returns how many.';
