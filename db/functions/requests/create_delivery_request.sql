-- Customers post what they want carried (docs/requests.md, Creating): active, email_verified, user_type customer or
-- both. Every rule lives in app_hidden.checked_delivery_request_details and app_hidden.insert_delivery_request.
create or replace function app_public.create_delivery_request(details app_public.delivery_request_details)
returns app_public.delivery_requests
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create delivery requests');
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('customer', 'both')) then
    raise exception 'Only customers create delivery requests; switch your account to customer or both'
      using errcode = 'DNIED';
  end if;
  -- The matching job is enqueued by the _900_enqueue_matching trigger (db/functions/matching).
  return app_hidden.insert_delivery_request(v_user_id, create_delivery_request.details);
end;
$$;
comment on function app_public.create_delivery_request(app_public.delivery_request_details) is E'@resultFieldName deliveryRequest\nPosts a delivery request (pending) for the signed-in customer, with the platform''s estimated price. Defaults: urgency standard, quantity 1, declared value 0, currency platform.default_currency, expiry now + requests.expiry_days (at most requests.max_expiry_days). Refused: total weight over limits.max_delivery_weight_kg, value over limits.max_delivery_value, pickup to drop-off over limits.max_delivery_distance_km, hazardous items, unordered or past windows, partial dimensions, max price outside limits.min_request_price–max_request_price, auto-accept price over the max price. Errors: LOGIN, DNIED (not active, not email_verified, or a traveler-only account), INVAL (a rule above), LIMIT (limits.max_open_requests open requests).';
grant execute on function app_public.create_delivery_request(app_public.delivery_request_details) to app_user;
