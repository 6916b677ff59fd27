-- The double-entry ledger (docs/payments.md, Ledger). Every money movement is one transaction, posted once per
-- idempotency key, whose entries (debit positive, credit negative) sum to zero in each currency: a deferred
-- constraint trigger checks that at commit, so a transaction's entries are written in any order within it. The
-- three tables are append-only, for the owner too (UPDATE, DELETE and TRUNCATE are refused).

-- The account of a code (and traveler, for traveler_payable / traveler_receivable) in a currency, created on first use.
create or replace function app_private.ledger_account(code text, user_id uuid, currency text)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_id uuid;
begin
  insert into app_private.ledger_accounts (code, user_id, currency)
  values (ledger_account.code, ledger_account.user_id, ledger_account.currency)
  on conflict on constraint ledger_accounts_code_user_id_currency_key do nothing
  returning id into v_id;
  if v_id is null then
    select a.id into v_id from app_private.ledger_accounts a
     where a.code = ledger_account.code and a.user_id is not distinct from ledger_account.user_id
       and a.currency = ledger_account.currency;
  end if;
  return v_id;
end;
$$;
comment on function app_private.ledger_account(text, uuid, text) is 'The ledger account of a code, traveler (or null) and currency, created on first use.';

-- Posts a transaction once: entries is a JSON array of {"code", "user_id" (optional), "amount"} in one currency.
-- Returns the new transaction's id, or null when the idempotency key was already posted (nothing is written).
create or replace function app_private.post_ledger_transaction(
  kind text,
  idempotency_key text,
  delivery_id uuid,
  currency text,
  entries jsonb,
  description text default null
)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_id uuid;
  v_entry jsonb;
begin
  insert into app_private.ledger_transactions (kind, idempotency_key, delivery_id, description)
  values (post_ledger_transaction.kind, post_ledger_transaction.idempotency_key, post_ledger_transaction.delivery_id,
          post_ledger_transaction.description)
  on conflict on constraint ledger_transactions_idempotency_key_key do nothing
  returning id into v_id;
  if v_id is null then
    return null;
  end if;
  for v_entry in select e from jsonb_array_elements(post_ledger_transaction.entries) e loop
    if (v_entry ->> 'amount')::bigint <> 0 then
      insert into app_private.ledger_entries (transaction_id, account_id, currency, amount)
      values (v_id, app_private.ledger_account(v_entry ->> 'code', (v_entry ->> 'user_id')::uuid,
                                               post_ledger_transaction.currency),
              post_ledger_transaction.currency, (v_entry ->> 'amount')::bigint);
    end if;
  end loop;
  return v_id;
end;
$$;
comment on function app_private.post_ledger_transaction(text, text, uuid, text, jsonb, text) is
  'Posts a balanced ledger transaction once per idempotency key (null when already posted).';

-- At commit: the transaction of the written row has entries, and they sum to zero in every currency.
-- security definer: a deferred trigger runs at commit as the role committing, and a transaction an API call posts (an
-- admin's credit grant, a referral bonus at a delivery scan, a dispute's settlement or clawback) commits as app_user,
-- who may not read the ledger. It reads only the rows of the transaction that fired it.
create or replace function app_private.tg_ledger__assert_balanced()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_transaction_id uuid := (to_jsonb(NEW) ->> case when TG_TABLE_NAME = 'ledger_entries' then 'transaction_id' else 'id' end)::uuid;
  v_unbalanced text;
begin
  if not exists (select 1 from app_private.ledger_entries e where e.transaction_id = v_transaction_id) then
    raise exception 'Ledger transaction % has no entries', v_transaction_id using errcode = 'INVAL';
  end if;
  select string_agg(format('%s %s', s.total, s.currency), ', ') into v_unbalanced
    from (select e.currency, sum(e.amount) as total from app_private.ledger_entries e
           where e.transaction_id = v_transaction_id group by e.currency) s
   where s.total <> 0;
  if v_unbalanced is not null then
    raise exception 'Ledger transaction % does not balance (off by %)', v_transaction_id, v_unbalanced
      using errcode = 'INVAL';
  end if;
  return null;
end;
$$;
comment on function app_private.tg_ledger__assert_balanced() is 'Refuses, at commit, a ledger transaction without entries or whose entries do not sum to zero per currency.';

drop trigger if exists _900_balanced on app_private.ledger_entries;
create constraint trigger _900_balanced after insert on app_private.ledger_entries
  deferrable initially deferred for each row execute function app_private.tg_ledger__assert_balanced();
drop trigger if exists _900_balanced on app_private.ledger_transactions;
create constraint trigger _900_balanced after insert on app_private.ledger_transactions
  deferrable initially deferred for each row execute function app_private.tg_ledger__assert_balanced();

create or replace trigger _100_append_only before update or delete on app_private.ledger_accounts
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only before update or delete on app_private.ledger_transactions
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only before update or delete on app_private.ledger_entries
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_private.ledger_accounts
  for each statement execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_private.ledger_transactions
  for each statement execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_private.ledger_entries
  for each statement execute function app_hidden.tg__append_only();
