-- Every admin change: who, what, on which ids, why, the values before and after, and the request it came with.
CREATE TABLE audit_log (
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
CREATE INDEX audit_log_created ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (action, created_at DESC);

-- Append-only: no route changes or deletes an entry, and neither can anyone with SQL access short of
-- dropping the trigger.
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
