-- Triggers of reviews (docs/reviews.md): is_verified is derived from the delivery, never given by the
-- author, and the reviewee's rating statistics are recomputed in the transaction that changes a review.

-- is_verified: true when the handover at the destination was proven, that is when the delivery's custody chain holds
-- a delivered event (written only by a scan, a backup code or an approved emergency override, docs/handover.md). A
-- delivery that reached delivered otherwise (an admin resolving a dispute) gives unverified reviews.
create or replace function app_hidden.tg_reviews__verified()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  NEW.is_verified := exists (select 1 from app_public.custody_events e
                              where e.delivery_id = NEW.delivery_id and e.event = 'delivered');
  return NEW;
end;
$$;
comment on function app_hidden.tg_reviews__verified() is 'Sets is_verified: whether a scan, backup code or override proved the reviewed delivery''s drop-off.';

-- average_rating (2 decimals, NULL without ratings) and total_ratings count the visible reviews only: active and
-- not rejected. The statistics row is locked before counting, so two reviews of one user committed concurrently
-- cannot overwrite each other's count (the count runs in a new snapshot taken after the lock).
create or replace function app_hidden.refresh_user_rating(user_id uuid)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform 1 from app_public.user_statistics s where s.user_id = refresh_user_rating.user_id for update;
  update app_public.user_statistics s
     set average_rating = r.average_rating, total_ratings = r.total_ratings, updated_at = now()
    from (select round(avg(v.overall_rating), 2) as average_rating, count(*)::integer as total_ratings
            from app_public.reviews v
           where v.reviewee_id = refresh_user_rating.user_id and v.status = 'active'
             and v.moderation_status <> 'rejected') r
   where s.user_id = refresh_user_rating.user_id
     and (s.average_rating, s.total_ratings) is distinct from (r.average_rating, r.total_ratings);
end;
$$;
comment on function app_hidden.refresh_user_rating(uuid) is 'Recomputes a user''s average_rating and total_ratings from their visible reviews.';

create or replace function app_hidden.tg_reviews__rating_statistics()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_hidden.refresh_user_rating(OLD.reviewee_id);
  end if;
  if TG_OP in ('INSERT', 'UPDATE') and (TG_OP = 'INSERT' or NEW.reviewee_id <> OLD.reviewee_id) then
    perform app_hidden.refresh_user_rating(NEW.reviewee_id);
  end if;
  return null;
end;
$$;
comment on function app_hidden.tg_reviews__rating_statistics() is 'Keeps the reviewee''s rating statistics in step with their reviews.';

create or replace trigger _100_timestamps before update on app_public.reviews
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _200_verified before insert on app_public.reviews
  for each row execute function app_hidden.tg_reviews__verified();
create or replace trigger _500_rating_statistics after insert or delete or update of overall_rating, status, moderation_status, reviewee_id
  on app_public.reviews
  for each row execute function app_hidden.tg_reviews__rating_statistics();
