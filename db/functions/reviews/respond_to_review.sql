-- The reviewee answers a published review, once (docs/reviews.md).
create or replace function app_public.respond_to_review(review_id uuid, response text)
returns app_public.reviews
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'answer reviews');
  v_response text := nullif(trim(respond_to_review.response), '');
  v_review app_public.reviews := app_hidden.lock_review(respond_to_review.review_id);
begin
  if v_user_id not in (v_review.reviewee_id, v_review.reviewer_id) then
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  if v_review.reviewee_id <> v_user_id then
    raise exception 'Only the user reviewed may answer' using errcode = 'DNIED';
  end if;
  if v_response is null or length(v_response) > 500 then
    raise exception 'An answer has 1 to 500 characters' using errcode = 'INVAL';
  end if;
  if v_review.response is not null then
    raise exception 'This review has already been answered' using errcode = 'BADST';
  end if;
  if v_review.status <> 'active' then
    raise exception 'A % review cannot be answered', v_review.status using errcode = 'BADST';
  end if;
  update app_public.reviews v set response = v_response, response_at = now()
   where v.id = v_review.id
  returning v.* into v_review;
  return v_review;
end;
$$;
comment on function app_public.respond_to_review(uuid, text) is E'@resultFieldName review\nThe user reviewed answers the review once (1–500 characters). Errors: LOGIN, DNIED (the author, or an inactive account), NTFND, INVAL, BADST (already answered, or hidden or removed).';
grant execute on function app_public.respond_to_review(uuid, text) to app_user;
