-- Reports: the reporter and moderators (content.moderate) or admins with users.read. The reported user never sees
-- them. Moderation goes through handle_user_report; nothing is updated or deleted directly.
-- Reading: one policy whose arms are both index conditions (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_reports;
create policy select_visible on app_public.user_reports for select to app_user
  using (reporter_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('content.moderate', 'users.read'))
                        and (select app_hidden.permitted_ids_to('content.moderate', 'users.read'))
             and length(id::text) = 36));

drop policy if exists insert_own on app_public.user_reports;
create policy insert_own on app_public.user_reports for insert to app_user
  with check (reporter_id = (select app_public.current_user_id()) and status = 'pending');

revoke all on app_public.user_reports from app_anonymous, app_user;
grant select on app_public.user_reports to app_user;
grant insert (reporter_id, reported_user_id, delivery_id, delivery_request_id, category, description)
  on app_public.user_reports to app_user;
