-- Daily maintenance (docs/platform.md, workers/crontab at 02:00 UTC): every retention rule, once. Each domain keeps
-- its rule in its own function returning how many rows it touched; adding a rule is one line below,
-- '<what>_<done>', app_private.<function>() (docs/operations.md, Retention). Every step handles at most retention.batch_size rows
-- per statement, so one call is a short transaction whatever the backlog; the answer counts what each step did and
-- says whether any step may have more ("more": true when a count reached the batch size), and the job
-- (maintenance__cleanup_expired_data) calls again, one transaction per round, until nothing is left. Idempotent.
create or replace function app_private.cleanup_expired_data()
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_counts jsonb := jsonb_build_object(
    'sessions_pruned', app_private.prune_sessions(),
    'account_tokens_pruned', app_private.prune_account_tokens(),
    'documents_expired', app_private.expire_verification_documents(),
    'verification_levels_refreshed', app_private.refresh_stale_verification_levels(),
    'offers_expired', app_private.expire_offers(),
    'users_anonymised', app_private.anonymise_deleted_users(),
    'requests_expired', app_private.expire_delivery_requests(),
    'trip_weather_deleted', app_private.delete_expired_trip_weather(),
    'unattached_files_removed', app_private.remove_unattached_files(),
    'handover_items_expired', app_private.expire_handover_items(),
    'device_tokens_expired', app_private.expire_device_tokens(),
    'notification_partitions_dropped', app_private.drop_old_notification_partitions(),
    'conversations_deleted', app_private.delete_expired_conversations(),
    'stripe_events_deleted', app_private.delete_old_stripe_events(),
    'qr_code_scans_deleted', app_private.prune_qr_code_scans(),
    'operation_files_expired', app_private.expire_operation_files(),
    'webhook_deliveries_deleted', app_private.delete_old_webhook_deliveries(),
    'admin_activity_purged', app_private.purge_admin_activity_log(),
    'locations_deleted', app_private.delete_expired_locations(),
    'geofence_events_deleted', app_private.delete_old_geofence_events(),
    'routes_deleted', app_private.delete_expired_routes(),
    'location_partitions_dropped', app_private.drop_empty_location_tracking_partitions());
begin
  return v_counts || jsonb_build_object('more', exists (
    select 1 from jsonb_each(v_counts) as c
     where (c.value)::int >= (app_hidden.config_value('retention.batch_size'))::int));
end;
$$;
comment on function app_private.cleanup_expired_data() is 'Applies every retention rule once, in batches; returns how many rows each rule touched and whether more may be left.';
