-- The traveler's location sharing (docs/tracking.md, Privacy): tracking_level decides what customers see of their
-- points from the next read on (the live ones too); delete_after_delivery removes their points
-- tracking.delete_after_delivery_hours after delivery. It writes user_preferences.location through
-- updatePreferences, which holds the checks; an omitted argument leaves that setting as it is.
create or replace function app_public.set_location_privacy(tracking_level text default null,
                                                          delete_after_delivery boolean default null)
returns app_public.user_preferences
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_public.update_preferences(location => jsonb_strip_nulls(jsonb_build_object(
    'tracking_level', set_location_privacy.tracking_level,
    'delete_after_delivery', set_location_privacy.delete_after_delivery)));
$$;
comment on function app_public.set_location_privacy(text, boolean) is
  E'@resultFieldName userPreference\nHow precisely customers see your location while you carry their item (precise; approximate: 500 m and 5 minutes; minimal: 5 km and 30 minutes) and whether your points are deleted 24 h after delivery. Omitted arguments stay. Errors: LOGIN, INVAL.';
grant execute on function app_public.set_location_privacy(text, boolean) to app_user;
