-- The audit entry of every admin change, written in the same transaction as the change itself, so that a change
-- is never live without its entry. The admin-service reads this table as a feed (by id) into its append-only
-- audit log. entry is the entry as the feed sends it (catalog-admin-api's AuditEvent, without id and time).
-- Rows are kept, so a lost or rebuilt audit log can be filled again from the first id.
CREATE TABLE admin_audit_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry      jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
