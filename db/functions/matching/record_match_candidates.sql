-- Candidate recording (docs/matching.md, Recorded matches): a new trip or delivery request enqueues the
-- matching__record_candidates job (id-only payload, one job_key per row); the job calls
-- app_private.record_match_candidates, which upserts the current best matches into request_matches and emails the
-- other side once per pair: the request's customer about a new trip, the trip's traveler about a new request.
-- Idempotent: a repeated job refreshes scores and emails nobody twice (notified_at is set in the same statement that
-- picks the pairs to email, under the row lock, so concurrent jobs on one pair cannot both send).
--
-- The enqueueing triggers are deferred constraint triggers: they still enqueue in the causing transaction, but at its
-- commit, so a rolled-back bulk insert enqueues nothing, and a long transaction does not hold graphile_worker's
-- task-identifier row (the first add_job of a task inserts it) while other transactions wait to enqueue.

create or replace function app_private.tg_trips__enqueue_matching()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform graphile_worker.add_job('matching__record_candidates', json_build_object('trip_id', NEW.id),
    job_key := 'matching:trip:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;
comment on function app_private.tg_trips__enqueue_matching() is 'Enqueues candidate recording for a new trip.';

-- PostgreSQL has no "create or replace" for constraint triggers.
drop trigger if exists _900_enqueue_matching on app_public.trips;
create constraint trigger _900_enqueue_matching after insert on app_public.trips
  deferrable initially deferred
  for each row execute function app_private.tg_trips__enqueue_matching();

create or replace function app_private.tg_delivery_requests__enqueue_matching()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform graphile_worker.add_job('matching__record_candidates', json_build_object('request_id', NEW.id),
    job_key := 'matching:request:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;
comment on function app_private.tg_delivery_requests__enqueue_matching() is 'Enqueues candidate recording for a new delivery request.';

-- PostgreSQL has no "create or replace" for constraint triggers.
drop trigger if exists _900_enqueue_matching on app_public.delivery_requests;
create constraint trigger _900_enqueue_matching after insert on app_public.delivery_requests
  deferrable initially deferred
  for each row execute function app_private.tg_delivery_requests__enqueue_matching();

create or replace trigger _100_timestamps before update on app_public.request_matches
  for each row execute function app_hidden.tg__set_updated_at();

-- Exactly one of request_id and trip_id is given. Returns how many emails were queued.
create or replace function app_private.record_match_candidates(request_id uuid, trip_id uuid)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_emailed integer;
begin
  if num_nulls(record_match_candidates.request_id, record_match_candidates.trip_id) <> 1 then
    raise exception 'Give exactly one of request_id and trip_id' using errcode = 'INVAL';
  end if;

  insert into app_public.request_matches as rm (request_id, trip_id, score, detour_km, quoted_price, factors)
  select m.request_id, m.trip_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(record_match_candidates.request_id, record_match_candidates.trip_id) m
  on conflict on constraint request_matches_pair_key do update
     set score = excluded.score, detour_km = excluded.detour_km, quoted_price = excluded.quoted_price,
         factors = excluded.factors
   where (rm.score, rm.detour_km, rm.quoted_price, rm.factors)
         is distinct from (excluded.score, excluded.detour_km, excluded.quoted_price, excluded.factors);

  with marked as (
    update app_public.request_matches rm
       set notified_at = now()
     where rm.notified_at is null
       and (rm.request_id = record_match_candidates.request_id or rm.trip_id = record_match_candidates.trip_id)
    returning rm.request_id, rm.trip_id, rm.score
  ), messages as (
    -- A new trip tells the request's customer; a new request tells the trip's traveler. Cities and titles only:
    -- exact addresses stay with the customer until an offer is accepted.
    select case when record_match_candidates.trip_id is not null then r.customer_id else t.traveler_id end as user_id,
           case when record_match_candidates.trip_id is not null then 'match_trip_found' else 'match_request_found' end
             as template,
           jsonb_build_object('trip_title', t.title, 'request_title', r.title, 'pickup_city', r.pickup_city,
                              'delivery_city', r.delivery_city, 'score', m.score::text,
                              'departure', to_char(t.departure_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI')) as variables
      from marked m
      join app_public.delivery_requests r on r.id = m.request_id
      join app_public.trips t on t.id = m.trip_id
  )
  select count(*) filter (where app_hidden.notify(msg.user_id, msg.template, msg.variables) > 0)::int into v_emailed
    from messages msg;
  return v_emailed;
end;
$$;
comment on function app_private.record_match_candidates(uuid, uuid) is
  'Records the current best matches of a new request or trip in request_matches and notifies the other side once per pair; returns how many were notified.';
