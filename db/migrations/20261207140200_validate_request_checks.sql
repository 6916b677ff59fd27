-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '600s';
-- The checks the previous migration added as NOT VALID, validated apart so that the scan holds only a SHARE UPDATE
-- EXCLUSIVE lock: the loosened bounds hold for every row that passed the stricter ones, and self-listing has been
-- refused by checked_delivery_request_details since the table exists.
alter table app_public.delivery_requests validate constraint delivery_requests_quantity_check;
alter table app_public.delivery_requests validate constraint delivery_requests_length_cm_check;
alter table app_public.delivery_requests validate constraint delivery_requests_width_cm_check;
alter table app_public.delivery_requests validate constraint delivery_requests_height_cm_check;
alter table app_public.delivery_requests validate constraint delivery_requests_max_price_check;
alter table app_public.delivery_requests validate constraint delivery_requests_customer_not_listed;

-- migrate:down
-- A validated constraint cannot be marked NOT VALID again; the previous migration's down drops them.
