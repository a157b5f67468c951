-- How many messages a conversation has, kept by the statements that append and delete them: a page of a
-- long conversation reports its total without counting the table.
ALTER TABLE conversation ADD COLUMN message_count bigint NOT NULL DEFAULT 0;
UPDATE conversation c SET message_count = (SELECT count(*) FROM message m WHERE m.conversation_id = c.id);
