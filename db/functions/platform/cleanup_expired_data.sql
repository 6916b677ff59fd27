-- Daily maintenance (docs/domain.md §13, workers/crontab at 02:00 UTC): every retention rule in one idempotent
-- call. Each domain keeps its rule in its own function; later issues add theirs here. Returns counts per rule.
create or replace function app_private.cleanup_expired_data()
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  return jsonb_build_object(
    'sessions_pruned', app_private.prune_sessions(),
    'account_tokens_pruned', app_private.prune_account_tokens(),
    'documents_expired', app_private.expire_verification_documents(),
    'offers_expired', app_private.expire_offers(),
    'users_anonymised', app_private.anonymise_deleted_users(),
    'requests_expired', app_hidden.expire_delivery_requests(),
    'trip_weather_deleted', app_private.delete_expired_trip_weather());
end;
$$;
comment on function app_private.cleanup_expired_data() is 'Applies every retention rule once; returns how many rows each rule touched.';
