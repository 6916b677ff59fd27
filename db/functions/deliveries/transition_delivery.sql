-- The delivery state machine (docs/deliveries.md). Every status change goes through app_hidden.transition_delivery,
-- which names its cause in transaction-local settings; the BEFORE UPDATE trigger refuses any (from, to, source)
-- not in delivery_transitions, so even an UPDATE written by hand cannot skip a step. The AFTER triggers write the
-- history row, keep the request and the trip's capacity in step with the delivery and maintain user statistics, all
-- in the same transaction.

create or replace function app_hidden.transition_delivery(
  delivery_id uuid,
  to_status app_public.delivery_status,
  source app_public.transition_source,
  actor_id uuid,
  reason text default null
)
returns app_public.deliveries
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
begin
  perform set_config('delivery.transition_source', transition_delivery.source::text, true);
  perform set_config('delivery.transition_actor', coalesce(transition_delivery.actor_id::text, ''), true);
  perform set_config('delivery.transition_reason', coalesce(transition_delivery.reason, ''), true);
  update app_public.deliveries d set status = transition_delivery.to_status
   where d.id = transition_delivery.delivery_id
  returning d.* into v_delivery;
  perform set_config('delivery.transition_source', '', true);
  if v_delivery.id is null then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  return v_delivery;
end;
$$;
comment on function app_hidden.transition_delivery(uuid, app_public.delivery_status, app_public.transition_source, uuid, text) is
  'Moves a delivery to a status on behalf of a cause (source, actor, reason); the transition trigger decides whether that is allowed.';

create or replace function app_hidden.tg_deliveries__check_transition()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_source text := nullif(current_setting('delivery.transition_source', true), '');
begin
  if NEW.status is not distinct from OLD.status then
    return NEW;
  end if;
  if v_source is null then
    raise exception 'Delivery status changes go through the delivery functions' using errcode = 'BADST';
  end if;
  if not exists (select 1 from app_public.delivery_transitions t
                  where t.from_status = OLD.status and t.to_status = NEW.status and t.source = v_source::app_public.transition_source) then
    raise exception 'A delivery cannot go from % to % (%)', OLD.status, NEW.status, v_source using errcode = 'BADST';
  end if;
  case NEW.status
    when 'pickup_scheduled' then NEW.pickup_scheduled_at := now();
    when 'picked_up' then NEW.picked_up_at := now();
    when 'in_transit' then NEW.in_transit_at := now();
    when 'delivery_scheduled' then NEW.delivery_scheduled_at := now();
    when 'delivered' then NEW.delivered_at := coalesce(NEW.delivered_at, now());
    when 'cancelled' then NEW.cancelled_at := now();
    when 'disputed' then NEW.disputed_at := now();
    else null;
  end case;
  return NEW;
end;
$$;
comment on function app_hidden.tg_deliveries__check_transition() is 'Refuses delivery status changes that delivery_transitions does not allow for their cause; stamps the state''s time.';

-- What the request shows while a delivery is live (docs/requests.md, States: after acceptance it mirrors the delivery). Cancellation and
-- disputes are decided by the functions that cause them.
create or replace function app_hidden.request_status_for(status app_public.delivery_status)
returns app_public.delivery_request_status
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select case request_status_for.status
    when 'accepted' then 'accepted'
    when 'pickup_scheduled' then 'accepted'
    when 'picked_up' then 'picked_up'
    when 'in_transit' then 'in_transit'
    when 'delivery_scheduled' then 'in_transit'
    when 'delivered' then 'delivered'
  end::app_public.delivery_request_status;
$$;
comment on function app_hidden.request_status_for(app_public.delivery_status) is 'The request status that mirrors a live delivery status (NULL for cancelled and disputed).';

create or replace function app_hidden.tg_deliveries__after_status()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_source app_public.transition_source :=
    coalesce(nullif(current_setting('delivery.transition_source', true), ''), 'user')::app_public.transition_source;
  v_actor uuid := nullif(current_setting('delivery.transition_actor', true), '')::uuid;
  v_request_status app_public.delivery_request_status := app_hidden.request_status_for(NEW.status);
begin
  if TG_OP = 'UPDATE' and NEW.status is not distinct from OLD.status then
    return null;
  end if;
  insert into app_public.delivery_status_history (delivery_id, from_status, to_status, changed_by, source, reason)
  values (NEW.id, case when TG_OP = 'UPDATE' then OLD.status end, NEW.status, v_actor, v_source,
          nullif(current_setting('delivery.transition_reason', true), ''));
  if v_request_status is not null then
    update app_public.delivery_requests r set status = v_request_status
     where r.id = NEW.request_id and r.status is distinct from v_request_status;
  end if;
  -- The trip's capacity follows the delivery (docs/trips.md, Capacity): consumed for good at delivery, released by a cancellation at any
  -- step before it (a party's before pickup, an admin's after). Both are idempotent, and a consumed reservation is
  -- never released, so a delivered delivery cancelled after a dispute keeps its capacity used.
  if TG_OP = 'UPDATE' and NEW.status = 'delivered' then
    perform app_hidden.consume_trip_capacity(NEW.id);
  elsif TG_OP = 'UPDATE' and NEW.status = 'cancelled' then
    perform app_hidden.release_trip_capacity(NEW.id);
  end if;
  if TG_OP = 'UPDATE' and NEW.status in ('delivered', 'cancelled') then
    perform app_hidden.count_delivery_outcome(OLD, NEW);
  end if;
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__after_status() is 'Writes the history row of a delivery status, mirrors it on the request, consumes or releases the trip''s capacity and counts outcomes in the statistics.';

create or replace trigger _100_timestamps before update on app_public.deliveries
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _200_check_transition before update of status on app_public.deliveries
  for each row execute function app_hidden.tg_deliveries__check_transition();
create or replace trigger _500_after_status after insert or update of status on app_public.deliveries
  for each row execute function app_hidden.tg_deliveries__after_status();

-- History is append-only, for the owner too.
create or replace trigger _100_append_only before update on app_public.delivery_status_history
  for each row execute function app_hidden.tg__append_only();
