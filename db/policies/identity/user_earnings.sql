-- Money totals: the user and admins with users.read only. Maintained by triggers only.
drop policy if exists select_own on app_public.user_earnings;
create policy select_own on app_public.user_earnings for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.user_earnings;
create policy select_admin on app_public.user_earnings for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

revoke all on app_public.user_earnings from app_anonymous, app_user;
grant select on app_public.user_earnings to app_user;
