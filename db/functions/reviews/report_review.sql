-- Any signed-in user but the author reports a published review, once (docs/reviews.md). When the open reports
-- reach reviews.hide_after_reports the review is hidden (status hidden, moderation pending) until a moderator
-- decides; the reviewee's rating statistics drop it at once (trigger).
create or replace function app_public.report_review(review_id uuid, reason app_public.report_reason,
                                                    details text default null)
returns app_public.review_reports
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'report reviews');
  v_details text := nullif(trim(report_review.details), '');
  v_review app_public.reviews := app_hidden.lock_review(report_review.review_id);
  v_report app_public.review_reports;
begin
  if v_review.status <> 'active' then
    -- Hidden and removed reviews are not shown to anybody who could report them.
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if report_review.reason is null or length(v_details) > 1000 then
    raise exception 'A report needs a reason; details have at most 1000 characters' using errcode = 'INVAL';
  end if;
  if v_review.reviewer_id = v_user_id then
    raise exception 'You cannot report your own review' using errcode = 'DNIED';
  end if;
  if exists (select 1 from app_public.review_reports r
              where r.review_id = v_review.id and r.reporter_id = v_user_id) then
    raise exception 'You already reported this review' using errcode = 'BADST';
  end if;
  insert into app_public.review_reports (review_id, reporter_id, reason, details)
  values (v_review.id, v_user_id, report_review.reason, v_details)
  returning * into v_report;
  if (select count(*) from app_public.review_reports r where r.review_id = v_review.id and r.status = 'pending')
     >= (app_hidden.config_value('reviews.hide_after_reports'))::integer then
    update app_public.reviews v set status = 'hidden', moderation_status = 'pending' where v.id = v_review.id;
  end if;
  return v_report;
end;
$$;
comment on function app_public.report_review(uuid, app_public.report_reason, text) is E'@resultFieldName reviewReport\nReports a published review to the moderators, once per user; 3 open reports (reviews.hide_after_reports) hide it until a moderator decides. Errors: LOGIN, DNIED (your own review, or an inactive account), NTFND (missing, hidden or removed), BADST (already reported by you), INVAL.';
grant execute on function app_public.report_review(uuid, app_public.report_reason, text) to app_user;
