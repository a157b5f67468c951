-- Conversations, their messages (one row each, ordered by a per-conversation position) and share links.

CREATE TABLE conversation (
    id            text        PRIMARY KEY,
    user_id       text        NOT NULL,
    title         text,
    metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_model    text,
    -- the position the next appended message gets: bumped under a row lock, so appending is O(1)
    next_position bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX conversation_user_created ON conversation (user_id, created_at DESC, id DESC);

CREATE TABLE message (
    id              text        PRIMARY KEY,
    conversation_id text        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    position        bigint      NOT NULL,
    role            text        NOT NULL,
    content         text        NOT NULL,
    content_type    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT message_conversation_position UNIQUE (conversation_id, position)
);

CREATE TABLE share (
    id              text        PRIMARY KEY,
    conversation_id text        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    slug            text        NOT NULL UNIQUE,
    read_only       boolean     NOT NULL,
    allow_feedback  boolean     NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX share_conversation ON share (conversation_id, created_at DESC);
