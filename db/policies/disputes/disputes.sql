-- Who reads a dispute (docs/disputes.md, Who sees what): its two parties and admins with disputes.read. One policy
-- whose arms are index conditions (db/README.md, Policies). Nobody writes through the API: the dispute functions do.
drop policy if exists select_visible on app_public.disputes;
create policy select_visible on app_public.disputes for select to app_user
  using (complainant_id = (select app_public.current_user_id())
         or respondent_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('disputes.read'))
                    and (select app_hidden.permitted_ids_to('disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.disputes from app_anonymous, app_user;
grant select on app_public.disputes to app_user;
