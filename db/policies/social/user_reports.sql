-- Reports: the reporter and moderators (content.moderate) or admins with users.read. The reported user never sees
-- them. Moderation goes through handle_user_report; nothing is updated or deleted directly.
drop policy if exists select_own on app_public.user_reports;
create policy select_own on app_public.user_reports for select to app_user
  using (reporter_id = (select app_public.current_user_id()));

drop policy if exists select_moderator on app_public.user_reports;
create policy select_moderator on app_public.user_reports for select to app_user
  using ((select app_hidden.current_user_has_permission('content.moderate'))
         or (select app_hidden.current_user_has_permission('users.read')));

drop policy if exists insert_own on app_public.user_reports;
create policy insert_own on app_public.user_reports for insert to app_user
  with check (reporter_id = (select app_public.current_user_id()) and status = 'pending');

revoke all on app_public.user_reports from app_anonymous, app_user;
grant select on app_public.user_reports to app_user;
grant insert (reporter_id, reported_user_id, delivery_id, delivery_request_id, category, description)
  on app_public.user_reports to app_user;
