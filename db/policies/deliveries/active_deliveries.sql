-- A security_invoker view: the policies of deliveries, requests, trips, users and statistics decide its rows.
revoke all on app_public.active_deliveries from app_anonymous, app_user;
grant select on app_public.active_deliveries to app_user;
