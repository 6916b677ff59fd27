-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Files take the place of the bare storage keys (docs/files.md, Attaching files): a profile picture, the images of a
-- verification document and a delivery's photos and signature now reference app_public.files. The trigger
-- app_hidden.tg__attach_files (db/functions/files/file_attachment_rules.sql) lets only the row's owner attach a
-- ready file of the right purpose, and marks it attached.
--
-- The keys had no upload route behind them, so no bytes exist for any of them: pictures and delivery photos are
-- dropped, and live documents submitted with keys only are rejected with a reason asking for a new submission
-- (which is why a rejected document may have no images). Deliveries reference their evidence with `on delete
-- restrict`: evidence is never removed while a delivery names it.

alter table app_public.files add column attached_at timestamptz;
comment on column app_public.files.attached_at is 'When the file was first attached to an object (a profile, a document, a delivery); ready files never attached are removed after files.unattached_days.';
-- Avatars are readable by every signed-in user (profiles are public), a per-row arm of the files policy: a listing of
-- the files one may see walks this index and tests each row (db/README.md, mostly public tables).
-- squawk-ignore require-concurrent-index-creation
create index files_created_at_idx on app_public.files (created_at, id);
-- squawk-ignore require-concurrent-index-creation
create index files_unattached_idx on app_public.files (ready_at) where status = 'ready' and attached_at is null;

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('files', 'unattached_days', '7', 'integer', '{"min": 1, "max": 365}', false, true,
   'Days a ready file may stay attached to nothing before the daily cleanup removes it.')
on conflict (category, key) do nothing;

-- Profile pictures.
drop view app_public.user_profiles cascade;
drop view app_public.active_deliveries;
-- The key's field leaves the API on purpose: no bytes ever stood behind it (clients read picture { downloadUrl }).
-- squawk-ignore ban-drop-column
alter table app_public.users drop column picture_key;
-- A new, empty column: the key is checked against no rows, and users is locked by the drop above anyway.
alter table app_public.users add column picture_id uuid
  -- squawk-ignore adding-foreign-key-constraint
  constraint users_picture_id_fkey references app_public.files (id) on delete set null;
comment on column app_public.users.picture_id is 'The profile picture: a ready avatar file of the user''s own.';
comment on constraint users_picture_id_fkey on app_public.users is E'@behavior -filterBy\n@backwardBehavior -*\npicture_id must name an existing file';
-- squawk-ignore require-concurrent-index-creation
create index users_picture_id_idx on app_public.users (picture_id);

-- Verification documents.
update app_public.user_verification_documents d
   set status = 'rejected', reviewed_at = now(),
       rejection_reason = 'Submitted before uploads were checked: please submit the document again.'
 where d.status in ('pending', 'under_review', 'approved');
alter table app_public.user_verification_documents
  -- squawk-ignore ban-drop-column
  drop column front_image_key,
  -- squawk-ignore ban-drop-column
  drop column back_image_key,
  -- squawk-ignore ban-drop-column
  drop column selfie_image_key;
-- New, empty columns (as for users above).
alter table app_public.user_verification_documents
  -- squawk-ignore adding-foreign-key-constraint
  add column front_image_id uuid constraint user_verification_documents_front_image_id_fkey
    references app_public.files (id) on delete cascade,
  -- squawk-ignore adding-foreign-key-constraint
  add column back_image_id uuid constraint user_verification_documents_back_image_id_fkey
    references app_public.files (id) on delete cascade,
  -- squawk-ignore adding-foreign-key-constraint
  add column selfie_image_id uuid constraint user_verification_documents_selfie_image_id_fkey
    references app_public.files (id) on delete cascade;
-- The rows were all just rewritten under this transaction's lock: checking them blocks nothing more.
alter table app_public.user_verification_documents
  -- squawk-ignore constraint-missing-not-valid
  add constraint user_verification_documents_front_image
    check (front_image_id is not null or status = 'rejected'),
  -- squawk-ignore constraint-missing-not-valid
  add constraint user_verification_documents_licence_back
    check (document_type <> 'driving_license' or back_image_id is not null or status = 'rejected'),
  -- squawk-ignore constraint-missing-not-valid
  add constraint user_verification_documents_id_selfie
    check (document_type not in ('passport', 'driving_license', 'national_id') or selfie_image_id is not null
           or status = 'rejected');
comment on column app_public.user_verification_documents.front_image_id is 'The front image (a ready verification_document file of the owner''s).';
comment on column app_public.user_verification_documents.back_image_id is 'The back image (required for a driving licence).';
comment on column app_public.user_verification_documents.selfie_image_id is 'A selfie holding the document (required for passports, licences and ID cards).';
comment on constraint user_verification_documents_front_image_id_fkey on app_public.user_verification_documents is E'@behavior -filterBy\n@backwardBehavior -*\nfront_image_id must name an existing file';
comment on constraint user_verification_documents_back_image_id_fkey on app_public.user_verification_documents is E'@behavior -filterBy\n@backwardBehavior -*\nback_image_id must name an existing file';
comment on constraint user_verification_documents_selfie_image_id_fkey on app_public.user_verification_documents is E'@behavior -filterBy\n@backwardBehavior -*\nselfie_image_id must name an existing file';
comment on constraint user_verification_documents_front_image on app_public.user_verification_documents is 'front_image_id: a document needs its front image';
comment on constraint user_verification_documents_licence_back on app_public.user_verification_documents is 'back_image_id: a driving licence needs its back side';
comment on constraint user_verification_documents_id_selfie on app_public.user_verification_documents is 'selfie_image_id: an identity document needs a selfie';
-- squawk-ignore require-concurrent-index-creation
create index user_verification_documents_front_image_id_idx on app_public.user_verification_documents (front_image_id);
-- squawk-ignore require-concurrent-index-creation
create index user_verification_documents_back_image_id_idx on app_public.user_verification_documents (back_image_id);
-- squawk-ignore require-concurrent-index-creation
create index user_verification_documents_selfie_image_id_idx on app_public.user_verification_documents (selfie_image_id);

-- Deliveries' photos and signature.
alter table app_public.deliveries
  -- squawk-ignore ban-drop-column
  drop column pickup_photo_key,
  -- squawk-ignore ban-drop-column
  drop column delivery_photo_key,
  -- squawk-ignore ban-drop-column
  drop column signature_key;
alter table app_public.deliveries
  -- squawk-ignore adding-foreign-key-constraint
  add column pickup_photo_id uuid constraint deliveries_pickup_photo_id_fkey
    references app_public.files (id) on delete restrict,
  -- squawk-ignore adding-foreign-key-constraint
  add column delivery_photo_id uuid constraint deliveries_delivery_photo_id_fkey
    references app_public.files (id) on delete restrict,
  -- squawk-ignore adding-foreign-key-constraint
  add column signature_id uuid constraint deliveries_signature_id_fkey
    references app_public.files (id) on delete restrict;
comment on column app_public.deliveries.pickup_photo_id is 'Photo of the item taken by the traveler at pickup, or of the item whose pickup was refused.';
comment on column app_public.deliveries.delivery_photo_id is 'Photo taken by the traveler at drop-off.';
comment on column app_public.deliveries.signature_id is 'The recipient''s signature, captured at drop-off.';
comment on constraint deliveries_pickup_photo_id_fkey on app_public.deliveries is E'@behavior -filterBy\n@backwardBehavior -*\npickup_photo_id must name an existing file';
comment on constraint deliveries_delivery_photo_id_fkey on app_public.deliveries is E'@behavior -filterBy\n@backwardBehavior -*\ndelivery_photo_id must name an existing file';
comment on constraint deliveries_signature_id_fkey on app_public.deliveries is E'@behavior -filterBy\n@backwardBehavior -*\nsignature_id must name an existing file';
-- squawk-ignore require-concurrent-index-creation
create index deliveries_pickup_photo_id_idx on app_public.deliveries (pickup_photo_id);
-- squawk-ignore require-concurrent-index-creation
create index deliveries_delivery_photo_id_idx on app_public.deliveries (delivery_photo_id)
 ;
-- squawk-ignore require-concurrent-index-creation
create index deliveries_signature_id_idx on app_public.deliveries (signature_id);

-- The functions whose arguments were keys take file ids now (their canonical files define the new signatures).
drop function if exists app_public.update_profile(text, text, text, text, app_public.user_type, date);
drop function if exists app_public.submit_verification_document(app_public.document_type, text, text, text, date);
drop function if exists app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, text, text);
drop function if exists app_public.confirm_pickup(uuid, text);
drop function if exists app_public.confirm_delivery(uuid, text);

-- The views showed the picture's key; they show the picture's file now (File.downloadUrl to show it).
create view app_public.user_profiles with (security_invoker = true) as
select u.id,
       u.display_name,
       u.picture_id,
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
comment on view app_public.user_profiles is E'@primaryKey id\n@foreignKey (picture_id) references app_public.files (id)|@fieldName picture|@behavior -filterBy|@backwardBehavior -*\n@behavior -insert -update -delete\nPublic profiles with statistics and rates. Statistics are null unless the user shows them (the user and admins always see them); money totals (`earnings`, per currency) only for the user and admins.';
comment on column app_public.user_profiles.id is 'Identifier of the user.';
comment on column app_public.user_profiles.display_name is E'@behavior -orderBy -filterBy\nName shown to other users.';
comment on column app_public.user_profiles.picture_id is E'@behavior -orderBy -filterBy\nThe profile picture''s file.';
comment on column app_public.user_profiles.bio is E'@behavior -orderBy -filterBy\nSelf-description.';
comment on column app_public.user_profiles.user_type is E'@behavior -orderBy -filterBy\ncustomer, traveler or both.';
comment on column app_public.user_profiles.verification_level is E'@behavior -orderBy -filterBy\nHighest verified identity level.';
comment on column app_public.user_profiles.created_at is E'@behavior -orderBy -filterBy\nMember since.';
comment on column app_public.user_profiles.total_trips is E'@behavior -orderBy -filterBy\nTrips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is E'@behavior -orderBy -filterBy\nEnded deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is E'@behavior -orderBy -filterBy\nDeliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is E'@behavior -orderBy -filterBy\nDeliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is E'@behavior -orderBy -filterBy\nEnded deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is E'@behavior -orderBy -filterBy\nDeliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is E'@behavior -orderBy -filterBy\nDeliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is E'@behavior -orderBy -filterBy\nMean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is E'@behavior -orderBy -filterBy\nRatings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is E'@behavior -orderBy -filterBy\nDelivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is E'@behavior -orderBy -filterBy\nDelivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is E'@behavior -orderBy -filterBy\nMean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';

create view app_public.active_deliveries with (security_invoker = true) as
select d.id,
       d.delivery_number,
       d.status,
       d.customer_id,
       cu.display_name as customer_name,
       cu.picture_id as customer_picture_id,
       cs.average_rating as customer_rating,
       d.traveler_id,
       tu.display_name as traveler_name,
       tu.picture_id as traveler_picture_id,
       ts.average_rating as traveler_rating,
       r.title,
       r.item_name,
       r.category,
       r.quantity,
       r.total_weight,
       r.is_fragile,
       r.pickup_address,
       r.pickup_city,
       r.delivery_address,
       r.delivery_city,
       d.pickup_time,
       d.delivery_time,
       t.departure_time,
       t.arrival_time,
       d.final_price,
       d.currency,
       d.accepted_at
  from app_public.deliveries d
  join app_public.delivery_requests r on r.id = d.request_id
  left join app_public.trips t on t.id = d.trip_id
  left join app_public.users cu on cu.id = d.customer_id
  left join app_public.user_statistics cs on cs.user_id = d.customer_id
  left join app_public.users tu on tu.id = d.traveler_id
  left join app_public.user_statistics ts on ts.user_id = d.traveler_id
 where d.status not in ('delivered', 'cancelled');
comment on view app_public.active_deliveries is E'@primaryKey id\n@foreignKey (customer_picture_id) references app_public.files (id)|@fieldName customerPicture|@behavior -filterBy|@backwardBehavior -*\n@foreignKey (traveler_picture_id) references app_public.files (id)|@fieldName travelerPicture|@behavior -filterBy|@backwardBehavior -*\n@behavior -insert -update -delete\nLive deliveries of the caller (admins: all) with both parties'' names, pictures and ratings, the item, the addresses and the trip times. Never shows emails or phones.';
comment on column app_public.active_deliveries.id is 'Identifier of the delivery.';
comment on column app_public.active_deliveries.delivery_number is 'Readable delivery number.';
comment on column app_public.active_deliveries.status is 'Where the delivery stands.';
comment on column app_public.active_deliveries.customer_id is 'The customer.';
comment on column app_public.active_deliveries.customer_name is 'Display name of the customer.';
comment on column app_public.active_deliveries.customer_picture_id is 'Profile picture of the customer (its file).';
comment on column app_public.active_deliveries.customer_rating is 'Average rating of the customer (when shared).';
comment on column app_public.active_deliveries.traveler_id is 'The traveler.';
comment on column app_public.active_deliveries.traveler_name is 'Display name of the traveler.';
comment on column app_public.active_deliveries.traveler_picture_id is 'Profile picture of the traveler (its file).';
comment on column app_public.active_deliveries.traveler_rating is 'Average rating of the traveler (when shared).';
comment on column app_public.active_deliveries.title is 'Title of the request.';
comment on column app_public.active_deliveries.item_name is 'The item carried.';
comment on column app_public.active_deliveries.category is 'Category of the item.';
comment on column app_public.active_deliveries.quantity is 'Units of the item.';
comment on column app_public.active_deliveries.total_weight is 'Total weight in kg.';
comment on column app_public.active_deliveries.is_fragile is 'Whether the item is fragile.';
comment on column app_public.active_deliveries.pickup_address is 'Exact pickup address.';
comment on column app_public.active_deliveries.pickup_city is 'Pickup city.';
comment on column app_public.active_deliveries.delivery_address is 'Exact drop-off address.';
comment on column app_public.active_deliveries.delivery_city is 'Drop-off city.';
comment on column app_public.active_deliveries.pickup_time is 'Agreed or scheduled pickup time.';
comment on column app_public.active_deliveries.delivery_time is 'Agreed or scheduled drop-off time.';
comment on column app_public.active_deliveries.departure_time is 'Departure of the trip.';
comment on column app_public.active_deliveries.arrival_time is 'Arrival of the trip.';
comment on column app_public.active_deliveries.final_price is 'Agreed price in minor units.';
comment on column app_public.active_deliveries.currency is 'Currency of the price.';
comment on column app_public.active_deliveries.accepted_at is 'When the offer was accepted.';

-- migrate:down
-- The keys cannot be brought back from files (no key names them): the columns return empty. cascade: canonical
-- functions and policies that use the file columns go too; db:migrate restores them.
drop view app_public.user_profiles cascade;
drop view app_public.active_deliveries;
drop function if exists app_public.update_profile(text, text, text, uuid, app_public.user_type, date);
drop function if exists app_public.submit_verification_document(app_public.document_type, uuid, uuid, uuid, date);
drop function if exists app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, uuid, text);
drop function if exists app_public.confirm_pickup(uuid, uuid);
drop function if exists app_public.confirm_delivery(uuid, uuid, uuid);
alter table app_public.deliveries
  drop column pickup_photo_id cascade, drop column delivery_photo_id cascade, drop column signature_id cascade;
alter table app_public.deliveries
  add column pickup_photo_key text constraint deliveries_pickup_photo_key_check check (length(pickup_photo_key) between 1 and 500),
  add column delivery_photo_key text constraint deliveries_delivery_photo_key_check check (length(delivery_photo_key) between 1 and 500),
  add column signature_key text constraint deliveries_signature_key_check check (length(signature_key) between 1 and 500);
delete from app_public.user_verification_documents d where d.front_image_id is null;
alter table app_public.user_verification_documents
  drop column front_image_id cascade, drop column back_image_id cascade, drop column selfie_image_id cascade;
alter table app_public.user_verification_documents
  add column front_image_key text not null default 'restored/unknown'
    constraint user_verification_documents_front_image_key_check
    check (length(front_image_key) <= 512 and front_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  add column back_image_key text constraint user_verification_documents_back_image_key_check
    check (length(back_image_key) <= 512 and back_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$'),
  add column selfie_image_key text constraint user_verification_documents_selfie_image_key_check
    check (length(selfie_image_key) <= 512 and selfie_image_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$');
alter table app_public.user_verification_documents alter column front_image_key drop default;
-- squawk-ignore constraint-missing-not-valid
alter table app_public.user_verification_documents
  add constraint user_verification_documents_licence_back
    check (document_type <> 'driving_license' or back_image_key is not null) not valid,
  add constraint user_verification_documents_id_selfie
    check (document_type not in ('passport', 'driving_license', 'national_id') or selfie_image_key is not null) not valid;
alter table app_public.users drop column picture_id cascade;
alter table app_public.users add column picture_key text constraint users_picture_key_check
  check (length(picture_key) <= 512 and picture_key ~ '^[A-Za-z0-9][A-Za-z0-9/_.=-]*$');
alter table app_public.files drop column attached_at;
drop index app_public.files_created_at_idx;
delete from app_public.system_configuration where category = 'files' and key = 'unattached_days';
create view app_public.user_profiles with (security_invoker = true) as
select u.id, u.display_name, u.picture_key, u.bio, u.user_type, u.verification_level, u.created_at,
       s.total_trips, s.total_deliveries, s.successful_deliveries, s.cancelled_deliveries, s.deliveries_as_traveler,
       s.successful_as_traveler, s.cancelled_as_traveler, s.average_rating, s.total_ratings, s.completion_rate,
       case when s.total_deliveries > 0 then round(s.successful_deliveries::numeric / s.total_deliveries, 4) end
         as success_rate,
       s.response_time_minutes
  from app_public.users u
  left join app_public.user_statistics s on s.user_id = u.id;
comment on view app_public.user_profiles is E'@primaryKey id\n@behavior -insert -update -delete\nPublic profiles with statistics and rates.';
create view app_public.active_deliveries with (security_invoker = true) as
select d.id, d.delivery_number, d.status, d.customer_id, cu.display_name as customer_name,
       cu.picture_key as customer_picture_key, cs.average_rating as customer_rating, d.traveler_id,
       tu.display_name as traveler_name, tu.picture_key as traveler_picture_key, ts.average_rating as traveler_rating,
       r.title, r.item_name, r.category, r.quantity, r.total_weight, r.is_fragile, r.pickup_address, r.pickup_city,
       r.delivery_address, r.delivery_city, d.pickup_time, d.delivery_time, t.departure_time, t.arrival_time,
       d.final_price, d.currency, d.accepted_at
  from app_public.deliveries d
  join app_public.delivery_requests r on r.id = d.request_id
  left join app_public.trips t on t.id = d.trip_id
  left join app_public.users cu on cu.id = d.customer_id
  left join app_public.user_statistics cs on cs.user_id = d.customer_id
  left join app_public.users tu on tu.id = d.traveler_id
  left join app_public.user_statistics ts on ts.user_id = d.traveler_id
 where d.status not in ('delivered', 'cancelled');
comment on view app_public.active_deliveries is E'@primaryKey id\n@behavior -insert -update -delete\nLive deliveries of the caller (admins: all).';
