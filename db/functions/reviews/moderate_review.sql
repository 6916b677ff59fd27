-- Moderators (content.moderate) decide on a review (docs/reviews.md): approved publishes it again and dismisses
-- its open reports; rejected removes it (status deleted) and resolves them. Either way the reviewee's rating
-- statistics follow (trigger). A decision may be revisited.
create or replace function app_public.moderate_review(review_id uuid, decision app_public.moderation_status,
                                                      note text default null)
returns app_public.reviews
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('content.moderate', 'moderate reviews');
  v_note text := nullif(trim(moderate_review.note), '');
  v_review app_public.reviews;
  v_old app_public.reviews;
begin
  if moderate_review.decision is null or moderate_review.decision = 'pending' or length(v_note) > 1000 then
    raise exception 'The decision is approved or rejected; a note has at most 1000 characters' using errcode = 'INVAL';
  end if;
  v_review := app_hidden.lock_review(moderate_review.review_id);
  if v_admin_id in (v_review.reviewer_id, v_review.reviewee_id) then
    raise exception 'Moderators do not decide on reviews by or about themselves' using errcode = 'DNIED';
  end if;
  v_old := v_review;
  update app_public.reviews v
     set status = case moderate_review.decision when 'approved' then 'active' else 'deleted' end::app_public.review_status,
         moderation_status = moderate_review.decision,
         moderation_note = coalesce(v_note, v.moderation_note),
         moderated_by = v_admin_id,
         moderated_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  update app_public.review_reports r
     set status = case moderate_review.decision when 'approved' then 'dismissed' else 'resolved' end::app_public.report_status,
         handled_by = v_admin_id,
         handled_at = now()
   where r.review_id = v_review.id and r.status in ('pending', 'reviewed');
  perform app_hidden.log_admin_action('moderate_review', 'review', v_review.id::text, 'medium',
    jsonb_build_object('status', v_old.status, 'moderation_status', v_old.moderation_status),
    jsonb_build_object('status', v_review.status, 'moderation_status', v_review.moderation_status), v_note);
  return v_review;
end;
$$;
comment on function app_public.moderate_review(uuid, app_public.moderation_status, text) is E'@resultFieldName review\nModerators (content.moderate) approve a review (published again; its open reports dismissed) or reject it (removed; its open reports resolved). Errors: LOGIN, DNIED (no permission, or a review by or about yourself), INVAL (decision pending), NTFND.';
grant execute on function app_public.moderate_review(uuid, app_public.moderation_status, text) to app_user;
