-- History is seen by whoever sees its delivery (the deliveries policies apply inside the subquery).
drop policy if exists select_visible_delivery on app_public.delivery_status_history;
create policy select_visible_delivery on app_public.delivery_status_history for select to app_user
  using (exists (select 1 from app_public.deliveries d where d.id = delivery_id));

revoke all on app_public.delivery_status_history from app_anonymous, app_user;
grant select on app_public.delivery_status_history to app_user;
