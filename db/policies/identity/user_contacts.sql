-- Private contact details (docs/identity.md, Profiles), the referral code among them: the owner and admins with
-- users.read. One policy whose arms are both index conditions on the primary key (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_contacts;
create policy select_visible on app_public.user_contacts for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (user_id between (select app_hidden.permitted_ids_from('users.read'))
                             and (select app_hidden.permitted_ids_to('users.read'))
             and length(user_id::text) = 36));

drop policy if exists update_own on app_public.user_contacts;
create policy update_own on app_public.user_contacts for update to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_contacts from app_anonymous, app_user;
grant select on app_public.user_contacts to app_user;
-- date_of_birth: the trigger of db/functions/identity/date_of_birth.sql refuses anyone under 18 on every write.
grant update (last_name, date_of_birth) on app_public.user_contacts to app_user;
