-- A security_invoker view: the policies of users, user_statistics and user_earnings decide what each caller sees.
revoke all on app_public.user_profiles from app_anonymous, app_user;
grant select on app_public.user_profiles to app_user;
