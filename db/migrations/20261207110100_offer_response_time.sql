-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- user_statistics.response_time_minutes becomes maintained (docs/offers.md, Response time): the mean of the user's
-- answer times, kept as a count and a sum so that every new answer updates it exactly, in its own transaction
-- (app_hidden.tg_delivery_offers__count_answer).
alter table app_public.user_statistics
  add column offer_answers integer not null default 0 check (offer_answers >= 0),
  add column offer_answer_seconds bigint not null default 0 check (offer_answer_seconds >= 0);
comment on column app_public.user_statistics.offer_answers is 'How many offer versions awaiting the user they answered (counter-offer, acceptance or decline).';
comment on column app_public.user_statistics.offer_answer_seconds is 'Sum of the seconds between each of those versions and the user''s answer to it.';
comment on column app_public.user_profiles.response_time_minutes is 'Mean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';
comment on column app_public.user_statistics.response_time_minutes is 'Typical time the user takes to answer an offer: the mean, in whole minutes (rounded), of the time between an offer version awaiting them and their answer to it (a counter-offer, an acceptance or a decline of their own), over all their answers; null before the first. Expiry, auto-accept and declines by the platform are not answers.';

-- The answers given so far, with the same rule: a version answered by the next version (a counter by the awaited
-- side), and a thread closed by the awaited side (accepted, or declined for a reason of their own).
with answers as (
  select v.proposed_by_user_id as user_id, v.created_at - p.created_at as took
    from app_public.offer_versions v
    join app_public.offer_versions p on p.offer_id = v.offer_id and p.version = v.version - 1
   where v.proposed_by_user_id is not null
  union all
  select o.closed_by, o.closed_at - c.created_at
    from app_public.delivery_offers o
    join app_public.offer_versions c on c.offer_id = o.id and c.version = o.current_version
   where o.closed_by = case o.awaiting_party when 'customer' then o.customer_id else o.traveler_id end
     and (o.accepted_at is not null
          or (o.status = 'declined'
              and o.decline_reason not in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked')))
), totals as (
  select a.user_id, count(*)::integer as n, sum(greatest(0, floor(extract(epoch from a.took))))::bigint as seconds
    from answers a group by a.user_id
)
update app_public.user_statistics s
   set offer_answers = t.n, offer_answer_seconds = t.seconds,
       response_time_minutes = round(t.seconds / 60.0 / t.n)::integer
  from totals t
 where s.user_id = t.user_id;

-- migrate:down
update app_public.user_statistics set response_time_minutes = null where response_time_minutes is not null;
comment on column app_public.user_profiles.response_time_minutes is 'Mean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';
comment on column app_public.user_statistics.response_time_minutes is 'Typical time the user takes to answer an offer, in minutes.';
comment on column app_public.user_profiles.response_time_minutes is 'Typical response time in minutes (null when hidden or unknown).';
alter table app_public.user_statistics drop column offer_answer_seconds, drop column offer_answers;
