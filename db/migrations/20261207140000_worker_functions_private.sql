-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Functions that only the worker calls (scheduled jobs and the helpers only they use) move from app_hidden, which the
-- API roles may use, to app_private, which they cannot; their canonical files create them there.
drop function if exists app_hidden.materialise_recurring_trips();
drop function if exists app_hidden.auto_complete_trips();
drop function if exists app_hidden.trips_needing_weather(integer);
drop function if exists app_hidden.record_trip_weather(uuid, jsonb, text);
drop function if exists app_hidden.weather_alerts(text, jsonb);
drop function if exists app_hidden.expire_delivery_requests();

-- migrate:down
-- The app_hidden versions come back with the canonical files of the previous release.
drop function if exists app_private.materialise_recurring_trips();
drop function if exists app_private.auto_complete_trips();
drop function if exists app_private.trips_needing_weather(integer);
drop function if exists app_private.record_trip_weather(uuid, jsonb, text);
drop function if exists app_private.weather_alerts(text, jsonb);
drop function if exists app_private.expire_delivery_requests();
