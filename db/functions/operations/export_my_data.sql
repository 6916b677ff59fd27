-- Everything the platform holds about the caller, as one JSON document (docs/operations.md, exportMyData): the
-- right of access. It runs with the caller's own rights (row-level security applies) and selects only rows the
-- caller is a party to; other people appear by id only (the counterpart of a delivery, a reviewer), never with their
-- name or contacts, and anonymous reviews received omit their author. Hashes and secrets are never included: they
-- live in app_private, which the caller cannot read; device push tokens are left out too.
create or replace function app_public.export_my_data()
returns jsonb
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_me uuid := app_hidden.require_session('export your data');
begin
  return jsonb_build_object(
    'exported_at', now(),
    'user', (select to_jsonb(u) from app_public.users u where u.id = v_me),
    'contacts', (select to_jsonb(c) from app_public.user_contacts c where c.user_id = v_me),
    'preferences', (select to_jsonb(p) from app_public.user_preferences p where p.user_id = v_me),
    'notification_preferences', (select to_jsonb(p) from app_public.notification_preferences p where p.user_id = v_me),
    'statistics', (select to_jsonb(s) from app_public.user_statistics s where s.user_id = v_me),
    'earnings', coalesce((select jsonb_agg(to_jsonb(e) order by e.currency) from app_public.user_earnings e
                          where e.user_id = v_me), '[]'),
    'addresses', coalesce((select jsonb_agg(to_jsonb(a) order by a.created_at) from app_public.user_addresses a
                           where a.user_id = v_me), '[]'),
    'documents', coalesce((select jsonb_agg(to_jsonb(d) - 'verified_by' order by d.created_at)
                           from app_public.user_verification_documents d where d.user_id = v_me), '[]'),
    'trips', coalesce((select jsonb_agg(to_jsonb(t) order by t.created_at) from app_public.trips t
                       where t.traveler_id = v_me), '[]'),
    'trip_templates', coalesce((select jsonb_agg(to_jsonb(t) order by t.created_at) from app_public.trip_templates t
                                where t.user_id = v_me), '[]'),
    'delivery_requests', coalesce((select jsonb_agg(to_jsonb(r) order by r.created_at) from app_public.delivery_requests r
                                   where r.customer_id = v_me), '[]'),
    'offers', coalesce((select jsonb_agg(to_jsonb(o) order by o.created_at) from app_public.delivery_offers o
                        where o.customer_id = v_me or o.traveler_id = v_me), '[]'),
    'deliveries', coalesce((select jsonb_agg(to_jsonb(d) order by d.created_at) from app_public.deliveries d
                            where d.customer_id = v_me or d.traveler_id = v_me), '[]'),
    'reviews_written', coalesce((select jsonb_agg(to_jsonb(r) - 'moderation_note' - 'moderated_by' order by r.created_at)
                                 from app_public.reviews r where r.reviewer_id = v_me), '[]'),
    'reviews_received', coalesce((select jsonb_agg(case when r.is_anonymous then to_jsonb(r) - 'reviewer_id' else to_jsonb(r) end
                                                   - 'moderation_note' - 'moderated_by' order by r.created_at)
                                  from app_public.reviews r where r.reviewee_id = v_me), '[]'),
    'notifications', coalesce((select jsonb_agg(to_jsonb(n) order by n.created_at) from app_public.notifications n
                               where n.user_id = v_me), '[]'),
    'device_tokens', coalesce((select jsonb_agg(to_jsonb(t) - 'token' order by t.created_at) from app_public.device_tokens t
                               where t.user_id = v_me), '[]'),
    'files', coalesce((select jsonb_agg(to_jsonb(f) order by f.created_at) from app_public.files f
                       where f.owner_id = v_me), '[]'),
    'payments', coalesce((select jsonb_agg(to_jsonb(p) - 'idempotency_key' order by p.created_at)
                          from app_public.payment_intents p where p.customer_id = v_me or p.traveler_id = v_me), '[]'),
    'refunds', coalesce((select jsonb_agg(to_jsonb(r) - 'idempotency_key' - 'created_by' order by r.created_at)
                         from app_public.refunds r where r.customer_id = v_me or r.traveler_id = v_me), '[]'),
    'payout_accounts', coalesce((select jsonb_agg(to_jsonb(a) order by a.created_at) from app_public.payout_accounts a
                                 where a.user_id = v_me), '[]'),
    'payouts', coalesce((select jsonb_agg(to_jsonb(p) order by p.created_at) from app_public.payouts p
                         where p.user_id = v_me), '[]'),
    'blocks', coalesce((select jsonb_agg(to_jsonb(b) order by b.created_at) from app_public.user_blocks b
                        where b.blocker_id = v_me), '[]'),
    'favorites', coalesce((select jsonb_agg(to_jsonb(f) order by f.created_at) from app_public.user_favorites f
                           where f.user_id = v_me), '[]'),
    'reports_filed', coalesce((select jsonb_agg(to_jsonb(r) - 'handled_by' - 'resolution_notes' order by r.created_at)
                               from app_public.user_reports r where r.reporter_id = v_me), '[]'));
end;
$$;
comment on function app_public.export_my_data() is 'Everything the platform holds about you as one JSON document: profile, contacts, preferences, addresses, documents, trips, requests, offers, deliveries, reviews, notifications, files, payments, payouts, blocks, favorites and reports. Other people appear by id only. Errors: LOGIN.';
grant execute on function app_public.export_my_data() to app_user;
