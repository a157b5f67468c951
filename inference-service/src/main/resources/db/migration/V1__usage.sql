-- One row per chat completion: who, which model and provider, tokens, latency and outcome.
-- Written in batches off the request path; read for per-model totals.
CREATE TABLE usage (
    id                text PRIMARY KEY,
    created_at        timestamptz NOT NULL,
    user_id           text,
    api_key_id        text,
    model             text NOT NULL,
    provider_id       text,
    provider_model_id text,
    upstream_model    text,
    prompt_tokens     integer NOT NULL DEFAULT 0,
    completion_tokens integer NOT NULL DEFAULT 0,
    latency_ms        bigint NOT NULL DEFAULT 0,
    status            integer NOT NULL,
    stream            boolean NOT NULL DEFAULT false,
    error_code        text,
    request_id        text
);
CREATE INDEX usage_model ON usage (model);
CREATE INDEX usage_user_created ON usage (user_id, created_at);
