-- Drop-off confirmed by the traveler: the delivery is delivered and its capacity consumed.
create or replace function app_public.confirm_delivery(
  delivery_id uuid,
  delivery_photo_id uuid default null,
  signature_id uuid default null
)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_delivery.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the drop-off');
  update app_public.deliveries d set delivery_photo_id = coalesce(confirm_delivery.delivery_photo_id, d.delivery_photo_id),
         signature_id = coalesce(confirm_delivery.signature_id, d.signature_id)
   where d.id = v_delivery.id;
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'delivered', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was delivered',
    format(E'%s was handed over. Confirm receipt and review the traveler in the app.\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;
comment on function app_public.confirm_delivery(uuid, uuid, uuid) is E'@resultFieldName delivery\nThe traveler confirms handing the item over (until the QR handover requires a scan); the item''s trip capacity is consumed for good. A photo and the recipient''s signature (ready delivery_evidence files of the traveler''s) may come with it. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up, or a file not uploaded yet), INVAL (delivery_photo_id, signature_id: not the traveler''s file or not delivery evidence).';
grant execute on function app_public.confirm_delivery(uuid, uuid, uuid) to app_user;
