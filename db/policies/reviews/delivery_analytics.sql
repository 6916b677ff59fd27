-- A security_invoker view: the deliveries policies decide what it aggregates (a user's own deliveries; all of them
-- with deliveries.read, e.g. analysts and admins).
revoke all on app_public.delivery_analytics from app_anonymous, app_user;
grant select on app_public.delivery_analytics to app_user;
