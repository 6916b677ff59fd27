-- Posting the same thing again (docs/requests.md): a new pending request with the details of one of yours, in any
-- state. New time windows may be given (all four replace the old ones when any is given), since old windows have
-- often passed; the expiry starts afresh. Checked exactly like a new request, quota included.
create or replace function app_public.duplicate_delivery_request(
  request_id uuid,
  pickup_window_start timestamptz default null,
  pickup_window_end timestamptz default null,
  delivery_window_start timestamptz default null,
  delivery_window_end timestamptz default null
)
returns app_public.delivery_requests
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create delivery requests');
  v_source app_public.delivery_requests;
  d app_public.delivery_request_details;
begin
  if not exists (select 1 from app_public.users u
                  where u.id = v_user_id and u.user_type in ('customer', 'both')) then
    raise exception 'Only customers create delivery requests; switch your account to customer or both'
      using errcode = 'DNIED';
  end if;
  select r.* into v_source from app_public.delivery_requests r
   where r.id = duplicate_delivery_request.request_id and r.customer_id = v_user_id;
  if v_source.id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  d := app_hidden.delivery_request_details_of(v_source);
  d.expires_at := null;
  if num_nonnulls(duplicate_delivery_request.pickup_window_start, duplicate_delivery_request.pickup_window_end,
                  duplicate_delivery_request.delivery_window_start, duplicate_delivery_request.delivery_window_end) > 0 then
    d.pickup_window_start := duplicate_delivery_request.pickup_window_start;
    d.pickup_window_end := duplicate_delivery_request.pickup_window_end;
    d.delivery_window_start := duplicate_delivery_request.delivery_window_start;
    d.delivery_window_end := duplicate_delivery_request.delivery_window_end;
  end if;
  return app_hidden.insert_delivery_request(v_user_id, d);
end;
$$;
comment on function app_public.duplicate_delivery_request(uuid, timestamptz, timestamptz, timestamptz, timestamptz) is E'@resultFieldName deliveryRequest\nCreates a new pending request from one of yours (any state), optionally with new time windows (giving any replaces all four); checked like createDeliveryRequest. Errors: LOGIN, DNIED, NTFND, INVAL (e.g. the copied windows have passed), LIMIT.';
grant execute on function app_public.duplicate_delivery_request(uuid, timestamptz, timestamptz, timestamptz, timestamptz) to app_user;
