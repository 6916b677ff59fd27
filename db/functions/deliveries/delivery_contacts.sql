-- Contacts and exact addresses of a delivery (docs/domain.md §7): the two parties only, from acceptance until
-- deliveries.contacts_after_hours after delivery, never for a cancelled delivery. The other party's phone shows
-- only once verified.
create or replace function app_public.delivery_contacts(delivery_id uuid)
returns app_public.delivery_contact
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'see delivery contacts');
  v_delivery app_public.deliveries;
  v_until timestamptz;
  v_result app_public.delivery_contact;
begin
  select * into v_delivery from app_public.deliveries d where d.id = delivery_contacts.delivery_id;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if v_delivery.status = 'cancelled' then
    raise exception 'The delivery was cancelled' using errcode = 'BADST';
  end if;
  v_until := v_delivery.delivered_at
    + make_interval(hours => (app_hidden.config_value('deliveries.contacts_after_hours'))::int);
  if v_until <= now() then
    raise exception 'Contacts of a delivery are shown until % hours after it', 
      app_hidden.config_value('deliveries.contacts_after_hours') using errcode = 'EXPRD';
  end if;
  select u.first_name || coalesce(' ' || c.last_name, ''),
         case when c.phone_verified_at is not null then c.phone_number end,
         r.pickup_address, r.pickup_contact_name, r.pickup_contact_phone, r.pickup_instructions,
         r.delivery_address, r.delivery_contact_name, r.delivery_contact_phone, r.delivery_instructions,
         v_until
    into v_result
    from app_public.delivery_requests r,
         app_public.users u
         join app_public.user_contacts c on c.user_id = u.id
   where r.id = v_delivery.request_id
     and u.id = case v_user_id when v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end;
  return v_result;
end;
$$;
comment on function app_public.delivery_contacts(uuid) is E'The other party''s name and verified phone and the exact addresses and contacts of a delivery, for its parties from acceptance until 48 hours after delivery. Errors: LOGIN, NTFND (not a party), BADST (cancelled), EXPRD (too long after delivery).';
grant execute on function app_public.delivery_contacts(uuid) to app_user;
