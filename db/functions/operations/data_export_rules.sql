-- Data exports (docs/operations.md, Exports): which rows each export type holds, and the worker's bookkeeping.

-- The rows of an export, one JSON object per row with the same keys, created in [from, to), in no particular order
-- (a sort would hold them all before the first one is written). The users export holds personal data (contains_pii); the others carry ids, never names or contacts.
-- Plain SQL so that it inlines into the worker's cursor and the rows stream (a plpgsql function would collect
-- them all first).
create or replace function app_private.data_export_rows(export_type app_public.export_type, from_time timestamptz,
                                                        to_time timestamptz)
returns setof jsonb
language sql stable
as $$
  -- No search_path: inlined into the exporting cursor; every name is qualified.
  select jsonb_build_object('id', u.id, 'first_name', u.first_name, 'last_name', c.last_name, 'display_name', u.display_name,
                            'email', c.email, 'phone_number', c.phone_number, 'user_type', u.user_type,
                            'status', u.status, 'verification_level', u.verification_level, 'created_at', u.created_at)
    from app_public.users u left join app_public.user_contacts c on c.user_id = u.id
   where data_export_rows.export_type = 'users' and u.created_at >= data_export_rows.from_time
     and u.created_at < data_export_rows.to_time
  union all
  select jsonb_build_object('id', d.id, 'delivery_number', d.delivery_number, 'status', d.status,
                            'customer_id', d.customer_id, 'traveler_id', d.traveler_id, 'trip_id', d.trip_id,
                            'final_price', d.final_price, 'platform_fee', d.platform_fee, 'currency', d.currency,
                            'accepted_at', d.accepted_at, 'picked_up_at', d.picked_up_at,
                            'delivered_at', d.delivered_at, 'cancelled_at', d.cancelled_at, 'created_at', d.created_at)
    from app_public.deliveries d
   where data_export_rows.export_type = 'deliveries' and d.created_at >= data_export_rows.from_time
     and d.created_at < data_export_rows.to_time
  union all
  select jsonb_build_object('id', r.id, 'customer_id', r.customer_id, 'status', r.status, 'pickup_city', r.pickup_city,
                            'pickup_country', r.pickup_country, 'delivery_city', r.delivery_city,
                            'delivery_country', r.delivery_country, 'max_price', r.max_price, 'currency', r.currency,
                            'created_at', r.created_at)
    from app_public.delivery_requests r
   where data_export_rows.export_type = 'delivery_requests' and r.created_at >= data_export_rows.from_time
     and r.created_at < data_export_rows.to_time
  union all
  select jsonb_build_object('id', t.id, 'traveler_id', t.traveler_id, 'trip_type', t.trip_type, 'status', t.status,
                            'departure_time', t.departure_time, 'arrival_time', t.arrival_time,
                            'capacity_weight_kg', t.capacity_weight_kg, 'currency', t.currency, 'created_at', t.created_at)
    from app_public.trips t
   where data_export_rows.export_type = 'trips' and t.created_at >= data_export_rows.from_time
     and t.created_at < data_export_rows.to_time
  union all
  select jsonb_build_object('id', p.id, 'delivery_id', p.delivery_id, 'customer_id', p.customer_id,
                            'traveler_id', p.traveler_id, 'amount', p.amount, 'platform_fee', p.platform_fee,
                            'processing_fee', p.processing_fee, 'currency', p.currency, 'status', p.status,
                            'captured_amount', p.captured_amount, 'refunded_amount', p.refunded_amount,
                            'created_at', p.created_at)
    from app_public.payment_intents p
   where data_export_rows.export_type = 'payments' and p.created_at >= data_export_rows.from_time
     and p.created_at < data_export_rows.to_time
  union all
  select jsonb_build_object('id', v.id, 'delivery_id', v.delivery_id, 'reviewer_id', v.reviewer_id,
                            'reviewee_id', v.reviewee_id, 'reviewer_role', v.reviewer_role,
                            'overall_rating', v.overall_rating, 'status', v.status, 'created_at', v.created_at)
    from app_public.reviews v
   where data_export_rows.export_type = 'reviews' and v.created_at >= data_export_rows.from_time
     and v.created_at < data_export_rows.to_time;
$$;
comment on function app_private.data_export_rows(app_public.export_type, timestamptz, timestamptz) is 'The rows of a data export of this type created in [from_time, to_time), as JSON objects.';

-- An exports__create job takes its export: pending → processing, returned with the bounds of its rows; null when it
-- is not pending (a retry after it finished). A retry of a job that died mid-file finds it processing and redoes it.
create or replace function app_private.begin_data_export(export_id uuid)
returns jsonb
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.data_exports x set status = 'processing'
   where x.id = begin_data_export.export_id and x.status in ('pending', 'processing')
  returning jsonb_build_object('id', x.id, 'export_type', x.export_type, 'format', x.format,
                               'from_time', coalesce((x.filters ->> 'from')::timestamptz, '-infinity'),
                               'to_time', coalesce((x.filters ->> 'to')::timestamptz, 'infinity'),
                               'created_at', x.created_at);
$$;
comment on function app_private.begin_data_export(uuid) is 'Marks a pending data export processing and returns what the worker needs to write it.';

create or replace function app_private.complete_data_export(export_id uuid, storage_key text, byte_size bigint,
                                                            row_count bigint, sha256 text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.data_exports x
     set status = 'completed', storage_key = complete_data_export.storage_key, byte_size = complete_data_export.byte_size,
         row_count = complete_data_export.row_count, sha256 = complete_data_export.sha256, completed_at = now()
   where x.id = complete_data_export.export_id and x.status = 'processing';
$$;
comment on function app_private.complete_data_export(uuid, text, bigint, bigint, text) is 'Records a data export''s written file.';

create or replace function app_private.fail_data_export(export_id uuid, error text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.data_exports x set status = 'failed', error = left(fail_data_export.error, 2000)
   where x.id = fail_data_export.export_id and x.status = 'processing';
$$;
comment on function app_private.fail_data_export(uuid, text) is 'Records that a data export could not be written, and why.';

-- The download route (/exports/<id>, server/operations/exports.ts) asks with the caller's own role and session: only
-- whoever asked for an export downloads it (admins with system.read see every export's row, not its file), while it
-- is completed and not expired.
create or replace function app_hidden.downloadable_export(export_id uuid)
returns table (storage_key text, format app_public.export_format)
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select x.storage_key, x.format from app_public.data_exports x
   where x.id = downloadable_export.export_id and x.requested_by = app_public.current_user_id()
     and x.status = 'completed' and x.expires_at > now();
$$;
comment on function app_hidden.downloadable_export(uuid) is 'The file of a completed export the caller asked for, or nothing.';
grant execute on function app_hidden.downloadable_export(uuid) to app_user;
