-- The traveler sets off with a picked-up item.
create or replace function app_public.start_transit(delivery_id uuid)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'update deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(start_transit.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'start the transit');
  return app_hidden.transition_delivery(v_delivery.id, 'in_transit', 'user', v_user_id);
end;
$$;
comment on function app_public.start_transit(uuid) is E'@resultFieldName delivery\nThe traveler reports the picked-up item on its way. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up).';
grant execute on function app_public.start_transit(uuid) to app_user;
