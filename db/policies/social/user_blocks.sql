-- Blocks are private to the blocker: no one else, not even the blocked user, sees them.
drop policy if exists select_own on app_public.user_blocks;
create policy select_own on app_public.user_blocks for select to app_user
  using (blocker_id = (select app_public.current_user_id()));

drop policy if exists insert_own on app_public.user_blocks;
create policy insert_own on app_public.user_blocks for insert to app_user
  with check (blocker_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.user_blocks;
create policy delete_own on app_public.user_blocks for delete to app_user
  using (blocker_id = (select app_public.current_user_id()));

revoke all on app_public.user_blocks from app_anonymous, app_user;
grant select, delete on app_public.user_blocks to app_user;
grant insert (blocker_id, blocked_id, reason) on app_public.user_blocks to app_user;
