-- The customer confirms receiving the item.
create or replace function app_public.confirm_receipt(delivery_id uuid)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm receipt');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_receipt.delivery_id, v_user_id);
begin
  if v_delivery.customer_id <> v_user_id then
    raise exception 'Only the customer confirms receipt' using errcode = 'DNIED';
  end if;
  if v_delivery.status <> 'delivered' then
    raise exception 'Only a delivered item can be confirmed' using errcode = 'BADST';
  end if;
  update app_public.deliveries d set receipt_confirmed_at = coalesce(d.receipt_confirmed_at, now())
   where d.id = v_delivery.id
  returning d.* into v_delivery;
  return v_delivery;
end;
$$;
comment on function app_public.confirm_receipt(uuid) is E'@resultFieldName delivery\nThe customer confirms receiving the item, which ends the payment hold early. Errors: LOGIN, NTFND, DNIED (not the customer), BADST (not delivered).';
grant execute on function app_public.confirm_receipt(uuid) to app_user;
