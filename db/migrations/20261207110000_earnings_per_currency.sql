-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Money totals per user and currency (docs/deliveries.md, Statistics and money): one row per currency the user earned
-- or spent in, created by the first delivered delivery in it. Until now a row held one currency and money in any other
-- was not added anywhere; the totals are rebuilt from the delivered deliveries, so that money comes back.
alter table app_public.user_earnings drop constraint user_earnings_pkey;
delete from app_public.user_earnings;
-- A delivery counts once it was delivered (delivered_at is set then and never cleared): the traveler earned the final
-- price, the customer spent the final price plus the platform fee.
insert into app_public.user_earnings (user_id, currency, total_earnings, total_spent)
select m.user_id, m.currency, sum(m.earned), sum(m.spent)
  from (select d.traveler_id as user_id, d.currency, d.final_price as earned, 0::bigint as spent
          from app_public.deliveries d where d.delivered_at is not null
        union all
        select d.customer_id, d.currency, 0, d.final_price + d.platform_fee
          from app_public.deliveries d where d.delivered_at is not null) m
 group by m.user_id, m.currency;
-- The table was just rebuilt in this transaction, which already holds its ACCESS EXCLUSIVE lock (drop constraint):
-- building the key over the fresh rows blocks nothing more.
-- squawk-ignore constraint-missing-not-valid, adding-serial-primary-key-field
alter table app_public.user_earnings add constraint user_earnings_pkey primary key (user_id, currency);
comment on table app_public.user_earnings is E'@behavior -insert -update -delete\nMoney totals of a user, one row per currency they earned or spent in (created by their first delivered delivery in it): visible only to the user and admins.';
comment on column app_public.user_earnings.currency is 'ISO 4217 currency of both totals of this row.';
comment on column app_public.user_earnings.total_earnings is 'Net earnings as a traveler in this currency, in minor units: the final prices of delivered deliveries.';
comment on column app_public.user_earnings.total_spent is 'Amount paid as a customer in this currency, in minor units: final price plus the fees charged, per delivered delivery.';

-- user_profiles showed one currency's totals; the totals of every currency are its computed field `earnings`
-- (app_public.user_profiles_earnings), still only for the user and admins. cascade: that canonical function and the
-- view's grants go with the view; db:migrate restores them.
drop view app_public.user_profiles cascade;
create view app_public.user_profiles with (security_invoker = true) as
select u.id,
       u.display_name,
       u.picture_key,
       u.bio,
       u.user_type,
       u.verification_level,
       u.created_at,
       s.total_trips,
       s.total_deliveries,
       s.successful_deliveries,
       s.cancelled_deliveries,
       s.deliveries_as_traveler,
       s.successful_as_traveler,
       s.cancelled_as_traveler,
       s.average_rating,
       s.total_ratings,
       s.completion_rate,
       case when s.total_deliveries > 0 then round(s.successful_deliveries::numeric / s.total_deliveries, 4) end
         as success_rate,
       s.response_time_minutes
  from app_public.users u
  left join app_public.user_statistics s on s.user_id = u.id;
comment on view app_public.user_profiles is E'@primaryKey id\n@behavior -insert -update -delete\nPublic profiles with statistics and rates. Statistics are null unless the user shows them (the user and admins always see them); money totals (`earnings`, per currency) only for the user and admins.';
comment on column app_public.user_profiles.id is 'Identifier of the user.';
comment on column app_public.user_profiles.display_name is 'Name shown to other users.';
comment on column app_public.user_profiles.picture_key is 'Storage key of the profile picture.';
comment on column app_public.user_profiles.bio is 'Self-description.';
comment on column app_public.user_profiles.user_type is 'customer, traveler or both.';
comment on column app_public.user_profiles.verification_level is 'Highest verified identity level.';
comment on column app_public.user_profiles.created_at is 'Member since.';
comment on column app_public.user_profiles.total_trips is 'Trips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is 'Ended deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is 'Deliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is 'Deliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is 'Ended deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is 'Deliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is 'Deliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is 'Mean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is 'Ratings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is 'Delivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is 'Delivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is 'Typical response time in minutes (null when hidden or unknown).';

-- migrate:down
-- Back to one row per user: the alphabetically first currency's totals stay (the others are dropped, as before this
-- migration), and users without money get their zero row in the default currency again.
drop view app_public.user_profiles cascade;
alter table app_public.user_earnings drop constraint user_earnings_pkey;
delete from app_public.user_earnings e
 where exists (select 1 from app_public.user_earnings o where o.user_id = e.user_id and o.currency < e.currency);
insert into app_public.user_earnings (user_id, currency)
select u.id, c.value #>> '{}'
  from app_public.users u
  join app_public.system_configuration c on c.category = 'platform' and c.key = 'default_currency'
 where not exists (select 1 from app_public.user_earnings e where e.user_id = u.id);
alter table app_public.user_earnings add constraint user_earnings_pkey primary key (user_id);
comment on table app_public.user_earnings is E'@behavior -insert -update -delete\nMoney totals of a user (1:1, created with the user): visible only to the user and admins.';
comment on column app_public.user_earnings.currency is 'ISO 4217 currency of both totals.';
comment on column app_public.user_earnings.total_earnings is 'Net earnings as a traveler, in minor units.';
comment on column app_public.user_earnings.total_spent is 'Amount paid as a customer, in minor units.';
create view app_public.user_profiles with (security_invoker = true) as
select u.id,
       u.display_name,
       u.picture_key,
       u.bio,
       u.user_type,
       u.verification_level,
       u.created_at,
       s.total_trips,
       s.total_deliveries,
       s.successful_deliveries,
       s.cancelled_deliveries,
       s.deliveries_as_traveler,
       s.successful_as_traveler,
       s.cancelled_as_traveler,
       s.average_rating,
       s.total_ratings,
       s.completion_rate,
       case when s.total_deliveries > 0 then round(s.successful_deliveries::numeric / s.total_deliveries, 4) end
         as success_rate,
       s.response_time_minutes,
       e.currency,
       e.total_earnings,
       e.total_spent
  from app_public.users u
  left join app_public.user_statistics s on s.user_id = u.id
  left join app_public.user_earnings e on e.user_id = u.id;
comment on view app_public.user_profiles is E'@primaryKey id\n@behavior -insert -update -delete\nPublic profiles with statistics and rates. Statistics are null unless the user shows them (the user and admins always see them); money totals only for the user and admins.';
comment on column app_public.user_profiles.id is 'Identifier of the user.';
comment on column app_public.user_profiles.display_name is 'Name shown to other users.';
comment on column app_public.user_profiles.picture_key is 'Storage key of the profile picture.';
comment on column app_public.user_profiles.bio is 'Self-description.';
comment on column app_public.user_profiles.user_type is 'customer, traveler or both.';
comment on column app_public.user_profiles.verification_level is 'Highest verified identity level.';
comment on column app_public.user_profiles.created_at is 'Member since.';
comment on column app_public.user_profiles.total_trips is 'Trips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is 'Ended deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is 'Deliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is 'Deliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is 'Ended deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is 'Deliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is 'Deliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is 'Mean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is 'Ratings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is 'Delivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is 'Delivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is 'Typical response time in minutes (null when hidden or unknown).';
comment on column app_public.user_profiles.currency is 'Currency of the money totals (only for the user and admins).';
comment on column app_public.user_profiles.total_earnings is 'Net earnings in minor units (only for the user and admins).';
comment on column app_public.user_profiles.total_spent is 'Amount spent in minor units (only for the user and admins).';
