-- The traveler refuses an item at pickup, with a photo; no penalty for the traveler.
create or replace function app_public.refuse_pickup(
  delivery_id uuid,
  reason app_public.delivery_cancel_reason,
  pickup_photo_id uuid,
  note text default null
)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'refuse pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(refuse_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'refuse the pickup');
  if refuse_pickup.reason is null or refuse_pickup.reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item') then
    raise exception 'A pickup is refused because the item is not as described, cannot be inspected or is prohibited'
      using errcode = 'INVAL';
  end if;
  if refuse_pickup.pickup_photo_id is null then
    raise exception 'pickup_photo_id: a refused pickup needs a photo of the item' using errcode = 'INVAL';
  end if;
  -- The photo is checked as it is attached (app_hidden.tg__attach_files: the traveler's own ready refused_pickup
  -- file); the customer sees it for the dispute window.
  update app_public.deliveries d set pickup_photo_id = refuse_pickup.pickup_photo_id where d.id = v_delivery.id;
  return app_hidden.cancel_delivery_as(v_delivery.id, 'user', v_user_id, refuse_pickup.reason, refuse_pickup.note);
end;
$$;
comment on function app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, uuid, text) is
  E'@resultFieldName delivery\nThe traveler refuses to take an item that is not as described, cannot be inspected or is prohibited, with a photo (a ready refused_pickup file of the traveler''s, which the customer may see); the delivery is cancelled without a penalty to the traveler. Errors: LOGIN, NTFND, DNIED (not the traveler), INVAL (reason missing; pickup_photo_id missing, not the traveler''s file or not a refused-pickup photo), BADST (already picked up, or the photo not uploaded yet).';
grant execute on function app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, uuid, text) to app_user;
