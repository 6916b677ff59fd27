-- Pickup confirmed by the traveler; the QR handover issue will require a scan for it.
create or replace function app_public.confirm_pickup(delivery_id uuid, pickup_photo_id uuid default null)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the pickup');
  update app_public.deliveries d set pickup_photo_id = coalesce(confirm_pickup.pickup_photo_id, d.pickup_photo_id)
   where d.id = v_delivery.id;
  -- The item is on board; its capacity stays reserved until delivery consumes it (or a cancellation releases it).
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'picked_up', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was picked up',
    format(E'The traveler has your item (%s).\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;
comment on function app_public.confirm_pickup(uuid, uuid) is E'@resultFieldName delivery\nThe traveler confirms taking the item (until the QR handover requires a scan), optionally with a photo of it (a ready pickup_evidence file of theirs). Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not awaiting pickup, or the photo not uploaded yet), INVAL (pickup_photo_id: not the traveler''s file or not a pickup photo).';
grant execute on function app_public.confirm_pickup(uuid, uuid) to app_user;
