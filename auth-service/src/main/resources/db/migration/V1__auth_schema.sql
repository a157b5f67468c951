-- Accounts, sessions, API keys, revocations and settings of the auth-service (schema "auth").
-- Nothing here is a secret in clear: passwords are bcrypt hashes, refresh tokens and API keys SHA-256 hashes,
-- login-failure subjects SHA-256 hashes of the e-mail or IP address.

CREATE TABLE users (
    id            text PRIMARY KEY,
    email         text UNIQUE,
    password_hash text,
    roles         text        NOT NULL, -- comma-separated: user[,admin]
    is_guest      boolean     NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE sessions (
    id         text PRIMARY KEY,
    user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    session_id text        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    scopes       text        NOT NULL, -- comma-separated: read,write[,admin]
    is_active    boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

-- The feed other services poll (GET /internal/revocations?after=seq).
CREATE TABLE revocations (
    seq        bigserial PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('session', 'api_key')),
    id         text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revocations_created_idx ON revocations (created_at);

CREATE TABLE user_settings (
    user_id    text PRIMARY KEY,
    settings   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Failed logins, per account and per client address, for brute-force limits shared by every replica.
CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    subject   text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, failed_at);
