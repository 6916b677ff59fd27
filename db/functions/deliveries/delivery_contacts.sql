-- Contacts and exact addresses of a delivery (docs/deliveries.md): the two parties only, from acceptance until
-- deliveries.contacts_after_hours after delivery, never for a cancelled delivery. The other party's phone shows
-- only once verified. The same window decides how long the traveler reads the request's exact row
-- (app_hidden.current_traveler_request_ids, read by the delivery_requests policy).

-- When the contacts window of a delivery closes: contacts_after_hours after its delivery; null while it is not
-- delivered (the window is open).
create or replace function app_hidden.contacts_until(delivered_at timestamptz)
returns timestamptz
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select contacts_until.delivered_at
         + make_interval(hours => (app_hidden.config_value('deliveries.contacts_after_hours'))::int);
$$;
comment on function app_hidden.contacts_until(timestamptz) is 'End of a delivery''s contacts window: deliveries.contacts_after_hours after delivery (null before delivery).';

-- Whether a delivery's contacts window is open: not cancelled, and not delivered longer ago than the window.
create or replace function app_hidden.contacts_open(status app_public.delivery_status, delivered_at timestamptz)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select contacts_open.status <> 'cancelled'
         and coalesce(app_hidden.contacts_until(contacts_open.delivered_at) > now(), true);
$$;
comment on function app_hidden.contacts_open(app_public.delivery_status, timestamptz) is 'Whether the parties of a delivery in this state may still see its contacts and exact places.';

-- The requests the signed-in traveler carries within the contacts window: a small set per caller (their live and
-- recently delivered deliveries), so that the delivery_requests policy reads it once per statement. Security definer
-- to read deliveries without their own policies; it only ever answers about the caller's deliveries.
create or replace function app_hidden.current_traveler_request_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select d.request_id
    from app_public.deliveries d
   where d.traveler_id = app_public.current_user_id()
     and app_hidden.contacts_open(d.status, d.delivered_at);
$$;
comment on function app_hidden.current_traveler_request_ids() is 'Requests the signed-in user carries as the traveler of a delivery whose contacts window is open.';
grant execute on function app_hidden.current_traveler_request_ids() to app_user;

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
  v_until := app_hidden.contacts_until(v_delivery.delivered_at);
  if not app_hidden.contacts_open(v_delivery.status, v_delivery.delivered_at) then
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
