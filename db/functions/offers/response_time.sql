-- user_statistics.response_time_minutes (docs/offers.md, Response time): how fast a user answers offers. An answer is the awaited
-- party acting on the current version of a live thread:
--   a counter-offer (the next version), an acceptance (closed_by = them), or a decline of their own (closed_by =
--   them, a reason of theirs; the platform's reasons — another offer accepted, request cancelled or changed, a
--   block — are not answers);
-- its time is from the answered version's creation to the answer. Not answers: expiry, auto-accept (closed_by NULL),
-- a withdrawal, and a customer declining while the traveler's answer is awaited. The column is the mean of the
-- user's answer times in whole minutes (rounded), over all their answers, kept exactly through two counters
-- (offer_answers, offer_answer_seconds).
--
-- A deferred constraint trigger: it runs in the answering transaction but at its commit, so the user's statistics
-- row is the last lock that transaction takes. A counter that goes on to auto-accept (trip, traveler locks) thus
-- never holds a statistics row while it waits for a marketplace lock, and the lock order of the accept transaction
-- (request → offer → trip → traveler, accept_offer.sql) gains nothing before the end.
create or replace function app_hidden.tg_delivery_offers__count_answer()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_answerer uuid := case OLD.awaiting_party when 'customer' then OLD.customer_id else OLD.traveler_id end;
  v_asked_at timestamptz;
  v_seconds bigint;
begin
  -- closed_by is NULL when the platform closes a thread: compared with "is not distinct from", never "=".
  if not (NEW.current_version > OLD.current_version
          or (NEW.status = 'accepted' and NEW.closed_by is not distinct from v_answerer)
          or (NEW.status = 'declined' and NEW.closed_by is not distinct from v_answerer
              and NEW.decline_reason not in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked'))) then
    return null;
  end if;
  select v.created_at into v_asked_at from app_public.offer_versions v
   where v.offer_id = OLD.id and v.version = OLD.current_version;
  -- The answer happens in this transaction: now() is its time (the new version's created_at, or closed_at).
  v_seconds := greatest(0, floor(extract(epoch from now() - v_asked_at)))::bigint;
  update app_public.user_statistics s
     set offer_answers = s.offer_answers + 1,
         offer_answer_seconds = s.offer_answer_seconds + v_seconds,
         response_time_minutes = round((s.offer_answer_seconds + v_seconds) / 60.0 / (s.offer_answers + 1))::integer
   where s.user_id = v_answerer;
  return null;
end;
$$;
comment on function app_hidden.tg_delivery_offers__count_answer() is 'Counts the awaited party''s answer to an offer version in their response time.';

-- PostgreSQL has no "create or replace" for constraint triggers.
drop trigger if exists _500_count_answer on app_public.delivery_offers;
create constraint trigger _500_count_answer after update on app_public.delivery_offers
  deferrable initially deferred
  for each row when (OLD.status = 'pending')
  execute function app_hidden.tg_delivery_offers__count_answer();
