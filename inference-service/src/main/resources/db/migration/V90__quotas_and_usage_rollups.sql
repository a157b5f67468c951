-- Quotas and budgets admins set: a role's defaults (subject_type 'role': guest, user, admin), a user's or an API
-- key's override. Null: no limit (a role) or the role's default (a user). Budgets in nano-USD (10^-9 USD).
-- Every replica holds this small table in memory and reloads it every few seconds.
CREATE TABLE quota_limits (
    subject_type            text NOT NULL CHECK (subject_type IN ('role', 'user', 'key')),
    subject_id              text NOT NULL,
    requests_per_minute     bigint,
    tokens_per_minute       bigint,
    daily_budget_nano_usd   bigint,
    monthly_budget_nano_usd bigint,
    updated_at              timestamptz NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);

-- The audit entry of every quota change, written in the same transaction as the change; the admin-service reads
-- it as a feed (by id) into its audit log, as it reads the catalog-service's.
CREATE TABLE admin_audit_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry      jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- What each call cost at the serving provider model's prices.
ALTER TABLE usage ADD COLUMN cost_nano_usd bigint NOT NULL DEFAULT 0;

-- Usage per UTC day, user, API key ('' for access tokens) and catalog model, kept by the statement that writes the
-- usage rows: the usage reports read this, never the usage rows themselves.
CREATE TABLE usage_daily (
    day             date NOT NULL,
    user_id         text NOT NULL,
    api_key_id      text NOT NULL,
    model           text NOT NULL,
    requests        bigint NOT NULL,
    failed_requests bigint NOT NULL,
    input_tokens    bigint NOT NULL,
    output_tokens   bigint NOT NULL,
    cost_nano_usd   bigint NOT NULL,
    PRIMARY KEY (day, user_id, api_key_id, model)
);
CREATE INDEX usage_daily_user ON usage_daily (user_id, day);
CREATE INDEX usage_daily_key ON usage_daily (api_key_id, day);
CREATE INDEX usage_daily_model ON usage_daily (model, day);
INSERT INTO usage_daily SELECT (created_at AT TIME ZONE 'UTC')::date, coalesce(user_id, ''), coalesce(api_key_id, ''),
        model, count(*), count(*) FILTER (WHERE status >= 400), sum(prompt_tokens), sum(completion_tokens), 0
    FROM usage GROUP BY 1, 2, 3, 4;
