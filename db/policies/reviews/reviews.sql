-- Reviews: rows are visible to their author, their reviewee and moderators (content.moderate). Everybody signed in
-- reads published reviews through app_public.user_reviews, which hides the author of anonymous ones: a policy
-- cannot hide one column, and reviewer_id must stay in this table for uq(delivery, reviewer) and the self-review
-- CHECK. The reviewee took part in the delivery, so anonymity does not (and cannot) hide the author from them.
-- No direct writes: every change is a review function. One policy whose every arm is an index condition
-- (db/README.md, Policies).
drop policy if exists select_visible on app_public.reviews;
create policy select_visible on app_public.reviews for select to app_user
  using (reviewer_id = (select app_public.current_user_id())
         or reviewee_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('content.moderate'))
                        and (select app_hidden.permitted_ids_to('content.moderate'))
             and length(id::text) = 36));

revoke all on app_public.reviews from app_anonymous, app_user;
grant select on app_public.reviews to app_user;
