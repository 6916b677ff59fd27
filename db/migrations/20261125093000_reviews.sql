-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Reviews, review reports and moderation (docs/reviews.md), plus the delivery analytics and route popularity
-- views. Reviews are written only through functions; the reviewee's rating statistics follow them by trigger.

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('reviews', 'window_days', '30', 'Days after delivery during which either party may review the other.', true),
  ('reviews', 'edit_hours', '24', 'Hours after writing during which the author may edit a review.', true),
  ('reviews', 'hide_after_reports', '3', 'Open reports that hide a review until a moderator decides.', false),
  ('reviews', 'blind_reveal_days', '14', 'Days after which a review shows even if the other party has not reviewed (blind reveal).', true)
on conflict (category, key) do nothing;

create type app_public.review_status as enum ('active', 'hidden', 'deleted');
comment on type app_public.review_status is 'Whether a review shows: active, hidden (reported, awaiting moderation) or deleted (removed by moderation).';
create type app_public.moderation_status as enum ('pending', 'approved', 'rejected');
comment on type app_public.moderation_status is 'Moderation of a review: approved (published; the default), pending (hidden by reports, awaiting a moderator) or rejected (removed).';
create type app_public.report_reason as enum ('inappropriate_content', 'spam', 'harassment', 'false_information', 'other');
comment on type app_public.report_reason is 'Why a review was reported.';

create table app_public.reviews (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null references app_public.deliveries (id) on delete cascade,
  reviewer_id uuid not null references app_public.users (id) on delete cascade,
  reviewee_id uuid not null references app_public.users (id) on delete cascade,
  reviewer_role app_public.offer_party not null,
  overall_rating integer not null check (overall_rating between 1 and 5),
  communication_rating integer check (communication_rating between 1 and 5),
  punctuality_rating integer check (punctuality_rating between 1 and 5),
  care_rating integer check (care_rating between 1 and 5),
  accuracy_rating integer check (accuracy_rating between 1 and 5),
  comment text check (length(comment) between 1 and 1000),
  is_anonymous boolean not null default false,
  is_verified boolean not null default false,
  status app_public.review_status not null default 'active',
  moderation_status app_public.moderation_status not null default 'approved',
  moderation_note text check (length(moderation_note) between 1 and 1000),
  moderated_by uuid references app_public.users (id) on delete set null,
  moderated_at timestamptz,
  response text check (length(response) between 1 and 500),
  response_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reviews_delivery_reviewer_key unique (delivery_id, reviewer_id),
  constraint reviews_not_self check (reviewer_id <> reviewee_id),
  constraint reviews_response check ((response is null) = (response_at is null))
);
create index reviews_reviewer_id_idx on app_public.reviews (reviewer_id, created_at);
create index reviews_reviewee_id_idx on app_public.reviews (reviewee_id, created_at);
create index reviews_moderated_by_idx on app_public.reviews (moderated_by);
-- The moderation queue.
create index reviews_pending_idx on app_public.reviews (created_at) where moderation_status = 'pending';
alter table app_public.reviews enable row level security;
alter table app_public.reviews force row level security;
comment on table app_public.reviews is E'@behavior -insert -update -delete\nWhat one party of a delivered delivery says about the other. Rows are visible to their author, their reviewee and moderators; everybody signed in reads published reviews through userReviews (which hides the author of anonymous ones). Written only through submitReview, updateReview, respondToReview, reportReview and moderateReview.';
comment on column app_public.reviews.id is 'Identifier of the review.';
comment on column app_public.reviews.delivery_id is 'The delivery reviewed.';
comment on column app_public.reviews.reviewer_id is 'The party who wrote the review.';
comment on column app_public.reviews.reviewee_id is 'The other party, whom the review is about.';
comment on column app_public.reviews.reviewer_role is 'Side of the author in the delivery: customer (reviewing the traveler) or traveler (reviewing the customer).';
comment on column app_public.reviews.overall_rating is 'Overall rating, 1–5; the only one counted in the reviewee''s average.';
comment on column app_public.reviews.communication_rating is 'How well the reviewee communicated, 1–5.';
comment on column app_public.reviews.punctuality_rating is 'Whether the reviewee kept the agreed times (traveler: pickup and drop-off; customer: handover), 1–5.';
comment on column app_public.reviews.care_rating is 'Care taken (traveler: of the item; customer: packaging), 1–5.';
comment on column app_public.reviews.accuracy_rating is 'Accuracy (traveler: updates and ETA; customer: the item as described), 1–5.';
comment on column app_public.reviews.comment is 'Free text, at most 1000 characters.';
comment on column app_public.reviews.is_anonymous is 'Whether the author is hidden from other users in published reviews.';
comment on column app_public.reviews.is_verified is 'Whether the delivery was proven delivered (set by trigger).';
comment on column app_public.reviews.status is 'active (shown), hidden (awaiting moderation) or deleted (removed by moderation).';
comment on column app_public.reviews.moderation_status is 'approved (published), pending (awaiting a moderator) or rejected.';
comment on column app_public.reviews.moderation_note is 'Moderator''s note on the last decision.';
comment on column app_public.reviews.moderated_by is 'Moderator who decided last.';
comment on column app_public.reviews.moderated_at is 'When a moderator decided last.';
comment on column app_public.reviews.response is 'The reviewee''s one answer, at most 500 characters.';
comment on column app_public.reviews.response_at is 'When the reviewee answered.';
comment on column app_public.reviews.edited_at is 'When the author last edited the review.';
comment on column app_public.reviews.created_at is 'When the review was written.';
comment on column app_public.reviews.updated_at is 'When the review last changed.';

create table app_public.review_reports (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references app_public.reviews (id) on delete cascade,
  reporter_id uuid not null references app_public.users (id) on delete cascade,
  reason app_public.report_reason not null,
  details text check (length(details) between 1 and 1000),
  status app_public.report_status not null default 'pending',
  handled_by uuid references app_public.users (id) on delete set null,
  handled_at timestamptz,
  created_at timestamptz not null default now(),
  constraint review_reports_review_reporter_key unique (review_id, reporter_id),
  constraint review_reports_handled check ((status = 'pending') = (handled_at is null))
);
create index review_reports_reporter_id_idx on app_public.review_reports (reporter_id);
create index review_reports_handled_by_idx on app_public.review_reports (handled_by);
alter table app_public.review_reports enable row level security;
alter table app_public.review_reports force row level security;
comment on table app_public.review_reports is E'@behavior -insert -update -delete\nA user''s report of a review, one per reporter and review. Visible to the reporter and moderators; created by reportReview and closed by moderateReview.';
comment on column app_public.review_reports.id is 'Identifier of the report.';
comment on column app_public.review_reports.review_id is 'The review reported.';
comment on column app_public.review_reports.reporter_id is 'Who reported it.';
comment on column app_public.review_reports.reason is 'Why it was reported.';
comment on column app_public.review_reports.details is 'What is wrong, at most 1000 characters.';
comment on column app_public.review_reports.status is 'pending until a moderator decides on the review: resolved (review removed) or dismissed (review kept).';
comment on column app_public.review_reports.handled_by is 'Moderator who closed the report.';
comment on column app_public.review_reports.handled_at is 'When the report was closed.';
comment on column app_public.review_reports.created_at is 'When the report was made.';

-- A published review as every signed-in user may see it (returned by user_reviews): the author is NULL when the
-- review is anonymous, except for the author and moderators.
create type app_public.public_review as (
  id uuid,
  reviewee_id uuid,
  reviewer_id uuid,
  reviewer_name text,
  reviewer_role app_public.offer_party,
  overall_rating integer,
  communication_rating integer,
  punctuality_rating integer,
  care_rating integer,
  accuracy_rating integer,
  comment text,
  is_anonymous boolean,
  is_verified boolean,
  response text,
  response_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz
);
comment on type app_public.public_review is 'A published review as other users see it: anonymous reviews carry no author.';
comment on column app_public.public_review.id is 'Identifier of the review.';
comment on column app_public.public_review.reviewee_id is 'The user reviewed.';
comment on column app_public.public_review.reviewer_id is 'The author (NULL when anonymous).';
comment on column app_public.public_review.reviewer_name is 'Display name of the author (NULL when anonymous).';
comment on column app_public.public_review.reviewer_role is 'Side of the author: customer or traveler.';
comment on column app_public.public_review.overall_rating is 'Overall rating, 1–5.';
comment on column app_public.public_review.communication_rating is 'Communication, 1–5.';
comment on column app_public.public_review.punctuality_rating is 'Punctuality, 1–5.';
comment on column app_public.public_review.care_rating is 'Care, 1–5.';
comment on column app_public.public_review.accuracy_rating is 'Accuracy, 1–5.';
comment on column app_public.public_review.comment is 'Free text.';
comment on column app_public.public_review.is_anonymous is 'Whether the author chose to stay anonymous.';
comment on column app_public.public_review.is_verified is 'Whether the delivery was proven delivered.';
comment on column app_public.public_review.response is 'The reviewee''s answer.';
comment on column app_public.public_review.response_at is 'When the reviewee answered.';
comment on column app_public.public_review.edited_at is 'When the author last edited it.';
comment on column app_public.public_review.created_at is 'When it was written.';

-- Per UTC day and currency: deliveries accepted, delivered and cancelled that day, the average price of those
-- accepted, revenue (platform fees of those delivered and still delivered) and the average hours from acceptance to
-- pickup (of pickups that day) and from pickup to delivery (of deliveries that day). security_invoker: callers see
-- the aggregates of the deliveries their policies show (their own; everything with deliveries.read).
create view app_public.delivery_analytics with (security_invoker = true) as
select (e.at at time zone 'UTC')::date as day,
       d.currency,
       (count(*) filter (where e.kind = 'accepted'))::integer as accepted_count,
       (count(*) filter (where e.kind = 'delivered'))::integer as delivered_count,
       (count(*) filter (where e.kind = 'cancelled'))::integer as cancelled_count,
       round(avg(d.final_price) filter (where e.kind = 'accepted'))::bigint as average_final_price,
       coalesce(sum(d.platform_fee) filter (where e.kind = 'delivered' and d.status = 'delivered'), 0)::bigint as revenue,
       round(avg(extract(epoch from d.picked_up_at - d.accepted_at) / 3600) filter (where e.kind = 'picked_up'), 2)
         as average_hours_to_pickup,
       round(avg(extract(epoch from d.delivered_at - d.picked_up_at) / 3600) filter (where e.kind = 'delivered'), 2)
         as average_hours_to_delivery
  from app_public.deliveries d
 cross join lateral (values ('accepted', d.accepted_at), ('picked_up', d.picked_up_at),
                            ('delivered', d.delivered_at), ('cancelled', d.cancelled_at)) as e (kind, at)
 where e.at is not null
 group by 1, 2;
comment on view app_public.delivery_analytics is E'@behavior -insert -update -delete\nDelivery figures per UTC day and currency, over the deliveries the caller may see (all of them with deliveries.read).';
comment on column app_public.delivery_analytics.day is 'The UTC day.';
comment on column app_public.delivery_analytics.currency is 'Currency of the prices and fees.';
comment on column app_public.delivery_analytics.accepted_count is 'Deliveries accepted that day.';
comment on column app_public.delivery_analytics.delivered_count is 'Deliveries delivered that day.';
comment on column app_public.delivery_analytics.cancelled_count is 'Deliveries cancelled that day.';
comment on column app_public.delivery_analytics.average_final_price is 'Average final price of the deliveries accepted that day, minor units.';
comment on column app_public.delivery_analytics.revenue is 'Platform fees of the deliveries delivered that day (and not cancelled since), minor units.';
comment on column app_public.delivery_analytics.average_hours_to_pickup is 'Average hours from acceptance to pickup, of the pickups that day.';
comment on column app_public.delivery_analytics.average_hours_to_delivery is 'Average hours from pickup to delivery, of the deliveries delivered that day.';

-- Routes (city and country pairs) of the requests posted in the last 30 days, per currency. Live and unfiltered;
-- the admin issue's weekly popular_routes table keeps history and its 5-request threshold. security_invoker: each
-- caller aggregates the requests, deliveries and reviews their policies show (everything with deliveries.read and
-- content.moderate).
create view app_public.route_popularity with (security_invoker = true) as
select r.pickup_city,
       r.pickup_country,
       r.delivery_city,
       r.delivery_country,
       r.currency,
       count(distinct r.id)::integer as request_count,
       (count(distinct d.id) filter (where d.status = 'delivered'))::integer as completed_deliveries,
       round(avg(d.final_price) filter (where d.status = 'delivered'))::bigint as average_final_price,
       round(sum(v.rating_sum) / nullif(sum(v.rating_count), 0), 2) as average_rating
  from app_public.delivery_requests r
  left join app_public.deliveries d on d.request_id = r.id and d.status = 'delivered'
  -- Ratings aggregated per delivery first, so that a delivery's two reviews do not count its price twice.
  left join lateral (select sum(v.overall_rating) as rating_sum, count(*) as rating_count
                       from app_public.reviews v
                      where v.delivery_id = d.id and v.status = 'active' and v.moderation_status <> 'rejected') v
         on true
 where r.created_at >= now() - interval '30 days'
 group by r.pickup_city, r.pickup_country, r.delivery_city, r.delivery_country, r.currency;
comment on view app_public.route_popularity is E'@behavior -insert -update -delete\nCity-to-city routes of the requests posted in the last 30 days, per currency, with completed deliveries, average price and average rating, over what the caller may see.';
comment on column app_public.route_popularity.pickup_city is 'Pickup city.';
comment on column app_public.route_popularity.pickup_country is 'Pickup country.';
comment on column app_public.route_popularity.delivery_city is 'Drop-off city.';
comment on column app_public.route_popularity.delivery_country is 'Drop-off country.';
comment on column app_public.route_popularity.currency is 'Currency of the requests and prices.';
comment on column app_public.route_popularity.request_count is 'Requests posted on the route in the last 30 days.';
comment on column app_public.route_popularity.completed_deliveries is 'Of those, how many were delivered.';
comment on column app_public.route_popularity.average_final_price is 'Average final price of the delivered ones, minor units.';
comment on column app_public.route_popularity.average_rating is 'Average overall rating of the published reviews of those deliveries.';

-- migrate:down
-- cascade: canonical functions, triggers and policies on these objects go too; db:migrate restores what remains.
drop view app_public.route_popularity;
drop view app_public.delivery_analytics;
drop type app_public.public_review cascade;
drop table app_public.review_reports cascade;
drop table app_public.reviews cascade;
drop type app_public.report_reason cascade;
drop type app_public.moderation_status cascade;
drop type app_public.review_status cascade;
delete from app_public.system_configuration where (category, key) in (
  ('reviews', 'window_days'), ('reviews', 'edit_hours'), ('reviews', 'hide_after_reports'),
  ('reviews', 'blind_reveal_days'));
