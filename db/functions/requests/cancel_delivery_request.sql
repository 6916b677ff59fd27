-- Customers cancel their request until pickup (docs/requests.md, Editing and cancelling). Any signed-in owner may cancel, even
-- one whose account was suspended since: cancelling only ever withdraws. A customer cancellation ends the request.
create or replace function app_public.cancel_delivery_request(
  request_id uuid,
  reason app_public.request_cancel_reason,
  note text default null
)
returns app_public.delivery_requests
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('cancel delivery requests');
  v_note text := nullif(trim(cancel_delivery_request.note), '');
  v_request app_public.delivery_requests;
begin
  if cancel_delivery_request.reason is null then
    raise exception 'reason: say why the request is cancelled' using errcode = 'INVAL';
  end if;
  select r.* into v_request from app_public.delivery_requests r
   where r.id = cancel_delivery_request.request_id and r.customer_id = v_user_id
     for update;
  if v_request.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  -- Until pickup the customer may walk away: an accepted request takes its delivery down with it (customer-caused,
  -- which also ends the request as cancelled). Afterwards only a dispute remains.
  if v_request.status = 'accepted' then
    perform app_hidden.on_request_cancelled(v_request.id, v_user_id, cancel_delivery_request.reason);
    update app_public.delivery_requests r
       set cancellation_reason = cancel_delivery_request.reason, cancellation_note = v_note
     where r.id = v_request.id
    returning r.* into v_request;
    return v_request;
  end if;
  if v_request.status not in ('pending', 'matched') then
    raise exception 'A % request cannot be cancelled', v_request.status using errcode = 'BADST';
  end if;
  if v_request.expires_at <= now() then
    raise exception 'This request has already expired' using errcode = 'EXPRD';
  end if;
  update app_public.delivery_requests r
     set status = 'cancelled', cancellation_reason = cancel_delivery_request.reason, cancellation_note = v_note,
         cancelled_at = now()
   where r.id = v_request.id
  returning r.* into v_request;
  perform app_hidden.on_request_cancelled(v_request.id, v_user_id, cancel_delivery_request.reason);
  return (select r from app_public.delivery_requests r where r.id = v_request.id);
end;
$$;
comment on function app_public.cancel_delivery_request(uuid, app_public.request_cancel_reason, text) is E'@resultFieldName deliveryRequest\nCancels one of your open delivery requests, with a reason and an optional note (≤1000 characters). Errors: LOGIN, INVAL, NTFND, BADST (no longer open), EXPRD (already expired).';
grant execute on function app_public.cancel_delivery_request(uuid, app_public.request_cancel_reason, text) to app_user;
