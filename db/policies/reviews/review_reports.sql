-- Review reports: the reporter and moderators (content.moderate); the author of the review never sees who reported
-- it. Created by report_review and closed by moderate_review only. One policy whose arms are both index conditions
-- (db/README.md, Policies).
drop policy if exists select_visible on app_public.review_reports;
create policy select_visible on app_public.review_reports for select to app_user
  using (reporter_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('content.moderate'))
                        and (select app_hidden.permitted_ids_to('content.moderate'))
             and length(id::text) = 36));

revoke all on app_public.review_reports from app_anonymous, app_user;
grant select on app_public.review_reports to app_user;
