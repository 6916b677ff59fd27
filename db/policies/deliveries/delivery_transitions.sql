-- The allowed transitions are reference data every signed-in user may read (apps show the next possible steps).
drop policy if exists select_all on app_public.delivery_transitions;
create policy select_all on app_public.delivery_transitions for select to app_user using (true);

revoke all on app_public.delivery_transitions from app_anonymous, app_user;
grant select on app_public.delivery_transitions to app_user;
