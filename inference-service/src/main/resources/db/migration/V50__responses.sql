-- Stored Responses API objects (store: true, the default). Only their owner reads them.
-- body: the response object as returned; input_items: this request's input items, with ids;
-- context: every item the model saw before this request's input (for previous_response_id chains).
CREATE TABLE responses (
    id                   text PRIMARY KEY,
    user_id              text NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    status               text NOT NULL,
    model                text NOT NULL,
    previous_response_id text,
    body                 jsonb NOT NULL,
    input_items          jsonb NOT NULL,
    context              jsonb NOT NULL
);
CREATE INDEX responses_user_created ON responses (user_id, created_at);
