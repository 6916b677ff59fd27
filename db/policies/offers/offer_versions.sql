-- Versions are seen by whoever sees their thread (the thread's own policies apply inside the subquery).
drop policy if exists select_visible_thread on app_public.offer_versions;
create policy select_visible_thread on app_public.offer_versions for select to app_user
  using (exists (select 1 from app_public.delivery_offers o where o.id = offer_id));

revoke all on app_public.offer_versions from app_anonymous, app_user;
grant select on app_public.offer_versions to app_user;
