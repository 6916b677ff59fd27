-- Shared checks of the review functions (docs/reviews.md).

-- Ratings are 1–5 (the overall one required), the comment at most 1000 characters; INVAL otherwise (the table's
-- CHECKs are the backstop).
create or replace function app_hidden.assert_review_input(overall_rating integer, communication_rating integer,
                                                          punctuality_rating integer, care_rating integer,
                                                          accuracy_rating integer, comment text)
returns void
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if assert_review_input.overall_rating is null or assert_review_input.overall_rating not between 1 and 5
     or assert_review_input.communication_rating not between 1 and 5
     or assert_review_input.punctuality_rating not between 1 and 5
     or assert_review_input.care_rating not between 1 and 5
     or assert_review_input.accuracy_rating not between 1 and 5 then
    raise exception 'Ratings are whole numbers from 1 to 5 (the overall rating is required)' using errcode = 'INVAL';
  end if;
  if length(assert_review_input.comment) > 1000 then
    raise exception 'A comment has at most 1000 characters' using errcode = 'INVAL';
  end if;
end;
$$;
comment on function app_hidden.assert_review_input(integer, integer, integer, integer, integer, text) is 'Raises INVAL for ratings outside 1–5 or a comment over 1000 characters.';

-- A review locked for a change; NTFND when it does not exist.
create or replace function app_hidden.lock_review(review_id uuid)
returns app_public.reviews
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_review app_public.reviews;
begin
  select * into v_review from app_public.reviews v where v.id = lock_review.review_id for update;
  if v_review.id is null then
    raise exception 'Review not found' using errcode = 'NTFND';
  end if;
  return v_review;
end;
$$;
comment on function app_hidden.lock_review(uuid) is 'Locks a review for a change; NTFND when it does not exist.';
