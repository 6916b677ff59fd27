-- A party of a delivered delivery reviews the other party (docs/reviews.md): once each, within
-- reviews.window_days of the delivery. The reviewee is the other party; is_verified comes from a trigger.
create or replace function app_public.submit_review(
  delivery_id uuid,
  overall_rating integer,
  communication_rating integer default null,
  punctuality_rating integer default null,
  care_rating integer default null,
  accuracy_rating integer default null,
  comment text default null,
  is_anonymous boolean default false
)
returns app_public.reviews
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'review deliveries');
  v_comment text := nullif(trim(submit_review.comment), '');
  v_delivery app_public.deliveries;
  v_review app_public.reviews;
begin
  perform app_hidden.assert_review_input(submit_review.overall_rating, submit_review.communication_rating,
    submit_review.punctuality_rating, submit_review.care_rating, submit_review.accuracy_rating, v_comment);
  -- Locked so that the two parties' reviews and a dispute opening are serialised per delivery.
  v_delivery := app_hidden.lock_delivery_for_party(submit_review.delivery_id, v_user_id);
  if v_delivery.delivered_at is null or v_delivery.status not in ('delivered', 'disputed') then
    raise exception 'Only a delivered delivery can be reviewed' using errcode = 'BADST';
  end if;
  if now() > v_delivery.delivered_at
             + make_interval(days => (app_hidden.config_value('reviews.window_days'))::integer) then
    raise exception 'The time to review this delivery has passed' using errcode = 'EXPRD';
  end if;
  if exists (select 1 from app_public.reviews v
              where v.delivery_id = v_delivery.id and v.reviewer_id = v_user_id) then
    raise exception 'You already reviewed this delivery; edit your review instead' using errcode = 'BADST';
  end if;
  insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating,
                                  communication_rating, punctuality_rating, care_rating, accuracy_rating, comment,
                                  is_anonymous)
  values (v_delivery.id, v_user_id,
          case when v_user_id = v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
          case when v_user_id = v_delivery.customer_id then 'customer' else 'traveler' end::app_public.offer_party,
          submit_review.overall_rating, submit_review.communication_rating, submit_review.punctuality_rating,
          submit_review.care_rating, submit_review.accuracy_rating, v_comment,
          coalesce(submit_review.is_anonymous, false))
  returning * into v_review;
  return v_review;
end;
$$;
comment on function app_public.submit_review(uuid, integer, integer, integer, integer, integer, text, boolean) is E'@resultFieldName review\nReviews the other party of a delivered delivery you took part in: an overall rating (1–5), optional communication, punctuality, care and accuracy ratings (1–5), a comment (at most 1000 characters) and whether to stay anonymous to other users. Once per party, within 30 days (reviews.window_days) of delivery. Errors: LOGIN, DNIED (inactive account), NTFND (not your delivery), BADST (not delivered, or already reviewed), EXPRD (too late), INVAL.';
grant execute on function app_public.submit_review(uuid, integer, integer, integer, integer, integer, text, boolean) to app_user;
