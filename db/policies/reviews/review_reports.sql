-- Review reports: the reporter and moderators (content.moderate); the author of the review never sees who reported
-- it. Created by report_review and closed by moderate_review only.
drop policy if exists select_own on app_public.review_reports;
create policy select_own on app_public.review_reports for select to app_user
  using (reporter_id = (select app_public.current_user_id()));

drop policy if exists select_moderator on app_public.review_reports;
create policy select_moderator on app_public.review_reports for select to app_user
  using ((select app_hidden.current_user_has_permission('content.moderate')));

revoke all on app_public.review_reports from app_anonymous, app_user;
grant select on app_public.review_reports to app_user;
