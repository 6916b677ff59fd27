-- popular_routes: admins with analytics.read; written by the metrics jobs only (app_private).
drop policy if exists select_admin on app_public.popular_routes;
create policy select_admin on app_public.popular_routes for select to app_user
  using (id between (select app_hidden.permitted_ids_from('analytics.read'))
                and (select app_hidden.permitted_ids_to('analytics.read'))
         and length(id::text) = 36);

revoke all on app_public.popular_routes from app_anonymous, app_user;
grant select on app_public.popular_routes to app_user;
