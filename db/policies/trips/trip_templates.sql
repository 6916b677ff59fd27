-- Templates are private to their owner, who may delete them; they are saved through save_trip_template.
drop policy if exists select_own on app_public.trip_templates;
create policy select_own on app_public.trip_templates for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.trip_templates;
create policy delete_own on app_public.trip_templates for delete to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.trip_templates from app_anonymous, app_user;
grant select, delete on app_public.trip_templates to app_user;
