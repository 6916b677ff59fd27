-- Cancelling a trip (trip_rules.sql has the state machine): by the traveler before pickup, by admins later.
create or replace function app_public.cancel_trip(
  trip_id uuid,
  reason app_public.trip_cancel_reason,
  note text default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('cancel trips');
  v_is_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
  v_trip app_public.trips;
begin
  if cancel_trip.reason is null then
    raise exception 'Say why the trip is cancelled' using errcode = 'INVAL';
  end if;
  if not v_is_admin and not exists (select 1 from app_public.trips t
                                      where t.id = cancel_trip.trip_id and t.traveler_id = v_user_id) then
    perform app_hidden.own_trip_for_update(cancel_trip.trip_id, v_user_id); -- raises its NTFND
  end if;
  -- Lock order. Cancelling withdraws the trip's live offers and cancels its deliveries, which updates their requests;
  -- accept_offer locks request → offer → trip. Taking the trip first here would deadlock against an accept holding
  -- its request and waiting for the trip, so the requests (id order) and offers come first, as in every offer path.
  perform 1 from app_public.delivery_requests r
   where r.id in (select o.request_id from app_public.delivery_offers o
                   where o.trip_id = cancel_trip.trip_id and o.status = 'pending'
                  union
                  select d.request_id from app_public.deliveries d
                   where d.trip_id = cancel_trip.trip_id and d.status not in ('delivered', 'cancelled', 'disputed'))
   order by r.id
   for update;
  perform 1 from app_public.delivery_offers o
   where o.trip_id = cancel_trip.trip_id and o.status = 'pending'
   order by o.id
   for update;
  if v_is_admin then
    select t.* into v_trip from app_public.trips t where t.id = cancel_trip.trip_id for update;
    if v_trip.id is null then
      raise exception 'Trip not found' using errcode = 'NTFND';
    end if;
  else
    v_trip := app_hidden.own_trip_for_update(cancel_trip.trip_id, v_user_id);
  end if;
  if v_trip.status not in ('upcoming', 'delayed', 'active') then
    raise exception 'A % trip cannot be cancelled', v_trip.status using errcode = 'BADST';
  end if;
  if not v_is_admin then
    if v_trip.status = 'active' then
      raise exception 'A trip under way can only be cancelled by support' using errcode = 'DNIED';
    end if;
    -- Anything picked up and not cancelled since (on board, delivered or disputed) keeps the trip.
    if exists (select 1 from app_public.deliveries d
                where d.trip_id = v_trip.id and d.picked_up_at is not null and d.status <> 'cancelled') then
      raise exception 'Items were already picked up on this trip; contact support' using errcode = 'BADST';
    end if;
  end if;

  -- Its deliveries are cancelled (trip_cancelled, caused by the traveler or decided by an admin), which releases
  -- their capacity and reopens their requests; live offers on the trip are withdrawn.
  perform app_hidden.on_trip_cancelled(v_trip.id, v_user_id, v_is_admin);

  update app_public.trips t
     set status = 'cancelled', cancellation_reason = cancel_trip.reason,
         cancellation_note = nullif(trim(cancel_trip.note), ''), cancelled_by = v_user_id, cancelled_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  -- Another traveler's trip cancelled by an admin is an admin act (docs/admin.md, Audit).
  if v_is_admin and v_trip.traveler_id <> v_user_id then
    perform app_hidden.log_admin_action('cancel_trip', 'trip', v_trip.id::text, 'high', null,
      jsonb_build_object('status', v_trip.status, 'cancellation_reason', v_trip.cancellation_reason),
      v_trip.cancellation_note);
  end if;
  return v_trip;
end;
$$;
comment on function app_public.cancel_trip(uuid, app_public.trip_cancel_reason, text) is E'@resultFieldName trip\nCancels a trip: the traveler cancels an upcoming or delayed trip on which nothing was picked up; admins with deliveries.write may also cancel an active one. Held capacity is released. A cancelled recurring trip creates no further trips. Errors: LOGIN, DNIED, NTFND, BADST, INVAL (no reason; a note longer than 1000 characters).';
grant execute on function app_public.cancel_trip(uuid, app_public.trip_cancel_reason, text) to app_user;
