-- daily_metrics: admins with analytics.read; written by the metrics jobs only (app_private).
drop policy if exists select_admin on app_public.daily_metrics;
create policy select_admin on app_public.daily_metrics for select to app_user
  using (id between (select app_hidden.permitted_ids_from('analytics.read'))
                and (select app_hidden.permitted_ids_to('analytics.read'))
         and length(id::text) = 36);

revoke all on app_public.daily_metrics from app_anonymous, app_user;
grant select on app_public.daily_metrics to app_user;
