-- Published reviews of a user, for every signed-in user (docs/reviews.md). RLS works on rows and SELECT grants
-- cover whole tables, so the reviews table itself is visible only to the author, the reviewee and moderators; this
-- SECURITY DEFINER query is the public surface and leaves the author out (reviewer_id and name NULL) of anonymous
-- reviews for everybody but the author and moderators. Published = active and not rejected, and (blind reveal)
-- either the other party has reviewed the same delivery too or reviews.blind_reveal_days have passed.
create or replace function app_public.user_reviews(user_id uuid)
returns setof app_public.public_review
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('read reviews');
  v_moderator boolean;
begin
  v_moderator := app_hidden.current_user_has_permission('content.moderate');
  return query
  select v.id, v.reviewee_id,
         case when not v.is_anonymous or v.reviewer_id = v_user_id or v_moderator then v.reviewer_id end,
         case when not v.is_anonymous or v.reviewer_id = v_user_id or v_moderator then u.display_name end,
         v.reviewer_role, v.overall_rating, v.communication_rating, v.punctuality_rating, v.care_rating,
         v.accuracy_rating, v.comment, v.is_anonymous, v.is_verified, v.response, v.response_at, v.edited_at,
         v.created_at
    from app_public.reviews v
    left join app_public.users u on u.id = v.reviewer_id
    -- the other party's review of the same delivery (at most one: unique per delivery and reviewer), joined through
    -- that key for each review of this user; as an EXISTS inside the OR below, the planner may hash every review
    left join app_public.reviews o on o.delivery_id = v.delivery_id and o.reviewer_id = v.reviewee_id
   where v.reviewee_id = user_reviews.user_id
     and v.status = 'active' and v.moderation_status <> 'rejected'
     and (v.reviewer_id = v_user_id or v_moderator
          or v.created_at <= now() - make_interval(days => (app_hidden.config_value('reviews.blind_reveal_days'))::integer)
          or o.id is not null)
   order by v.created_at desc, v.id;
end;
$$;
comment on function app_public.user_reviews(uuid) is E'Published reviews about a user, newest first. The author of an anonymous review is left out (NULL). A review shows once the other party has reviewed the same delivery too, or after 14 days (reviews.blind_reveal_days). Errors: LOGIN.';
grant execute on function app_public.user_reviews(uuid) to app_user;
