-- Money totals: the user and admins with users.read only. Maintained by triggers only.
-- One policy whose arms are both index conditions on the primary key (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_earnings;
create policy select_visible on app_public.user_earnings for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (user_id between (select app_hidden.permitted_ids_from('users.read'))
                             and (select app_hidden.permitted_ids_to('users.read'))
             and length(user_id::text) = 36));

revoke all on app_public.user_earnings from app_anonymous, app_user;
grant select on app_public.user_earnings to app_user;
