-- The author edits a published review within reviews.edit_hours of writing it (docs/reviews.md). Arguments left
-- NULL keep their value; the reviewee's statistics follow a changed overall rating (trigger).
create or replace function app_public.update_review(
  review_id uuid,
  overall_rating integer default null,
  communication_rating integer default null,
  punctuality_rating integer default null,
  care_rating integer default null,
  accuracy_rating integer default null,
  comment text default null,
  is_anonymous boolean default null
)
returns app_public.reviews
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'edit reviews');
  v_review app_public.reviews := app_hidden.lock_review(update_review.review_id);
  v_comment text := coalesce(nullif(trim(update_review.comment), ''), v_review.comment);
begin
  if v_review.reviewer_id <> v_user_id then
    -- Others learn nothing about reviews they cannot edit.
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if v_review.status <> 'active' then
    raise exception 'A % review cannot be edited', v_review.status using errcode = 'BADST';
  end if;
  if now() > v_review.created_at + make_interval(hours => (app_hidden.config_value('reviews.edit_hours'))::integer) then
    raise exception 'The time to edit this review has passed' using errcode = 'EXPRD';
  end if;
  perform app_hidden.assert_review_input(coalesce(update_review.overall_rating, v_review.overall_rating),
    update_review.communication_rating, update_review.punctuality_rating, update_review.care_rating,
    update_review.accuracy_rating, v_comment);
  update app_public.reviews v
     set overall_rating = coalesce(update_review.overall_rating, v.overall_rating),
         communication_rating = coalesce(update_review.communication_rating, v.communication_rating),
         punctuality_rating = coalesce(update_review.punctuality_rating, v.punctuality_rating),
         care_rating = coalesce(update_review.care_rating, v.care_rating),
         accuracy_rating = coalesce(update_review.accuracy_rating, v.accuracy_rating),
         comment = v_comment,
         is_anonymous = coalesce(update_review.is_anonymous, v.is_anonymous),
         edited_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  return v_review;
end;
$$;
comment on function app_public.update_review(uuid, integer, integer, integer, integer, integer, text, boolean) is E'@resultFieldName review\nThe author edits their review within 24 hours (reviews.edit_hours) of writing it; arguments left out keep their value. Errors: LOGIN, DNIED (inactive account), NTFND (not your review), BADST (hidden or removed), EXPRD (too late), INVAL.';
grant execute on function app_public.update_review(uuid, integer, integer, integer, integer, integer, text, boolean) to app_user;
