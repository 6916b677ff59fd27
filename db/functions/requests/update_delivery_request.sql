-- Customers replace the details of their request while it is open (docs/requests.md, Editing and cancelling): pending or matched
-- and unexpired. The whole request is replaced (a null expires_at keeps the current expiry) and validated like a
-- new one, so the estimate is recomputed. Only the owner sees the request, so everyone else gets NTFND.
create or replace function app_public.update_delivery_request(
  request_id uuid,
  details app_public.delivery_request_details
)
returns app_public.delivery_requests
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'edit delivery requests');
  v_old app_public.delivery_requests;
  v_request app_public.delivery_requests;
  d app_public.delivery_request_details;
begin
  select r.* into v_old from app_public.delivery_requests r
   where r.id = update_delivery_request.request_id and r.customer_id = v_user_id
     for update;
  if v_old.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  if v_old.status not in ('pending', 'matched') then
    raise exception 'A % request can no longer be edited', v_old.status using errcode = 'BADST';
  end if;
  if v_old.expires_at <= now() then
    raise exception 'This request has expired' using errcode = 'EXPRD';
  end if;
  d := app_hidden.checked_delivery_request_details(update_delivery_request.details, v_user_id, v_old.created_at, false);

  update app_public.delivery_requests r
     set title = d.title, description = d.description, category = d.category, urgency = d.urgency,
         item_name = d.item_name, quantity = d.quantity, weight_kg = d.weight_kg, length_cm = d.length_cm,
         width_cm = d.width_cm, height_cm = d.height_cm, declared_value = d.declared_value, currency = d.currency,
         is_fragile = d.is_fragile, is_perishable = d.is_perishable, is_hazardous = d.is_hazardous,
         requires_signature = d.requires_signature,
         pickup_address = d.pickup_address, pickup_point = d.pickup_point, pickup_city = d.pickup_city,
         pickup_country = d.pickup_country, pickup_contact_name = d.pickup_contact_name,
         pickup_contact_phone = d.pickup_contact_phone, pickup_instructions = d.pickup_instructions,
         pickup_window_start = d.pickup_window_start, pickup_window_end = d.pickup_window_end,
         delivery_address = d.delivery_address, delivery_point = d.delivery_point, delivery_city = d.delivery_city,
         delivery_country = d.delivery_country, delivery_contact_name = d.delivery_contact_name,
         delivery_contact_phone = d.delivery_contact_phone, delivery_instructions = d.delivery_instructions,
         delivery_window_start = d.delivery_window_start, delivery_window_end = d.delivery_window_end,
         max_price = d.max_price, auto_accept_price = d.auto_accept_price,
         estimated_price = app_hidden.delivery_request_estimate(d),
         preferred_travelers = d.preferred_travelers, blacklisted_travelers = d.blacklisted_travelers,
         min_traveler_rating = d.min_traveler_rating, verification_required = d.verification_required,
         background_check_required = d.background_check_required,
         expires_at = coalesce(d.expires_at, r.expires_at)
   where r.id = v_old.id
  returning r.* into v_request;

  -- Live offers were made for the old terms: a changed item, place or window voids them all (request_changed), a
  -- lower max_price declines those above it, and travelers now blacklisted lose theirs.
  perform app_hidden.on_request_changed(v_request.id,
    (v_old.category, v_old.item_name, v_old.quantity, v_old.weight_kg, v_old.length_cm, v_old.width_cm, v_old.height_cm,
     v_old.declared_value, v_old.currency, v_old.is_fragile, v_old.is_perishable, v_old.requires_signature,
     v_old.pickup_address, v_old.pickup_point::text, v_old.pickup_window_start, v_old.pickup_window_end,
     v_old.delivery_address, v_old.delivery_point::text, v_old.delivery_window_start, v_old.delivery_window_end)
    is distinct from
    (v_request.category, v_request.item_name, v_request.quantity, v_request.weight_kg, v_request.length_cm,
     v_request.width_cm, v_request.height_cm, v_request.declared_value, v_request.currency, v_request.is_fragile,
     v_request.is_perishable, v_request.requires_signature, v_request.pickup_address, v_request.pickup_point::text,
     v_request.pickup_window_start, v_request.pickup_window_end, v_request.delivery_address,
     v_request.delivery_point::text, v_request.delivery_window_start, v_request.delivery_window_end),
    v_request.max_price, v_request.blacklisted_travelers);
  return (select r from app_public.delivery_requests r where r.id = v_request.id);
end;
$$;
comment on function app_public.update_delivery_request(uuid, app_public.delivery_request_details) is E'@resultFieldName deliveryRequest\nReplaces the details of one of your open (pending or matched) delivery requests; checked like createDeliveryRequest, estimate recomputed, a null expiresAt keeps the expiry. Errors: LOGIN, DNIED, NTFND, BADST (no longer open), EXPRD (past its expiry), INVAL.';
grant execute on function app_public.update_delivery_request(uuid, app_public.delivery_request_details) to app_user;
