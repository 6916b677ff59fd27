-- data_exports: whoever asked for an export sees it (and only they download its file: app_hidden.downloadable_export),
-- plus admins with system.read, who oversee what leaves the platform; nobody writes through the API.
drop policy if exists select_visible on app_public.data_exports;
create policy select_visible on app_public.data_exports for select to app_user
  using (requested_by = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('system.read'))
                        and (select app_hidden.permitted_ids_to('system.read'))
             and length(id::text) = 36));

revoke all on app_public.data_exports from app_anonymous, app_user;
grant select on app_public.data_exports to app_user;
