-- Whether a message is whole: an answer cut short (the upstream failed, the client left, a timeout) is kept,
-- marked incomplete with the reason, as OpenAI's items are.
ALTER TABLE message
    ADD COLUMN status            text NOT NULL DEFAULT 'completed',
    ADD COLUMN incomplete_reason text,
    ADD CONSTRAINT message_status CHECK (status IN ('completed', 'incomplete')),
    ADD CONSTRAINT message_incomplete_reason CHECK ((status = 'incomplete') = (incomplete_reason IS NOT NULL));
