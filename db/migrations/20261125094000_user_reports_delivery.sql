-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- user_reports.delivery_id had no target until deliveries existed: clear any dangling value, then add the key
-- (deletes of deliveries are restricted anyway; a report outlives nothing it points at).
update app_public.user_reports r set delivery_id = null
 where r.delivery_id is not null
   and not exists (select 1 from app_public.deliveries d where d.id = r.delivery_id);
-- squawk-ignore require-concurrent-index-creation
create index user_reports_delivery_id_idx on app_public.user_reports (delivery_id);
alter table app_public.user_reports
  -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
  add constraint user_reports_delivery_id_fkey foreign key (delivery_id)
  references app_public.deliveries (id) on delete set null;

-- migrate:down
alter table app_public.user_reports drop constraint user_reports_delivery_id_fkey;
drop index app_public.user_reports_delivery_id_idx;
