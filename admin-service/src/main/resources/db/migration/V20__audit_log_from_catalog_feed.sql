-- Entries now come from the catalog-service's audit outbox, written in the same transaction as each change; the
-- outbox id makes copying them idempotent (a feed read twice adds nothing) and is where the next read starts.
ALTER TABLE audit_log ADD COLUMN catalog_event_id bigint UNIQUE;
