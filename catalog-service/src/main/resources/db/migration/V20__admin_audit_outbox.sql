-- The audit entry of every admin change, written in the same transaction as the change itself, so that a change
-- is never live without its entry. The admin-service reads this table as a feed (by id) into its append-only
-- audit log; rows are kept, so a lost or rebuilt admin database can be filled again from the first id.
CREATE TABLE admin_audit_outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_user_id text NOT NULL,
    actor_key_id  text,
    action        text NOT NULL,
    target_type   text NOT NULL,
    target_ids    text[] NOT NULL DEFAULT '{}',
    reason        text,
    before        jsonb,
    after         jsonb,
    request_id    text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
