-- A security_invoker view: the policies of requests, deliveries and reviews decide what it aggregates (everything
-- for admins with deliveries.read and content.moderate).
revoke all on app_public.route_popularity from app_anonymous, app_user;
grant select on app_public.route_popularity to app_user;
