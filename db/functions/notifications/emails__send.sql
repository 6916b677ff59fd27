-- Every queued email is handed to the emails__send task in the transaction that writes it (id-only payload).
create or replace function app_private.tg_emails__enqueue_send()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform graphile_worker.add_job('emails__send', json_build_object('id', NEW.id),
    job_key := 'emails__send:' || NEW.id, max_attempts := 10);
  return NEW;
end;
$$;
comment on function app_private.tg_emails__enqueue_send() is 'Enqueues delivery of a newly queued email.';

create or replace trigger _900_enqueue_send after insert on app_private.emails
  for each row when (NEW.status = 'queued') execute function app_private.tg_emails__enqueue_send();

-- Outcome of one delivery attempt, reported by the task. Returns the new status; a failure stays queued until
-- the last attempt so the job's retries can deliver it.
create or replace function app_private.record_email_attempt(email_id uuid, error text, final_attempt boolean)
returns app_private.email_status
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_private.emails e
     set attempts = e.attempts + 1,
         status = case when record_email_attempt.error is null then 'sent'
                       when record_email_attempt.final_attempt then 'failed'
                       else 'queued' end::app_private.email_status,
         sent_at = case when record_email_attempt.error is null then now() end,
         last_error = record_email_attempt.error
   where e.id = record_email_attempt.email_id and e.status = 'queued'
  returning e.status;
$$;
comment on function app_private.record_email_attempt(uuid, text, boolean) is 'Records the result of sending a queued email.';
