-- The registry lists only tools that run. The four seeded names (google_search, scrape, file_search,
-- code_interpreter) had nothing behind them: they go. In their place the suite's own tools (server_id NULL),
-- which the inference-service runs itself as the built-in MCP server "jan": admins switch and filter them
-- like synced tools.
DELETE FROM mcp_tools WHERE server_id IS NULL
    AND id IN ('google_search', 'scrape', 'file_search', 'code_interpreter');

INSERT INTO mcp_tools (id, name, description, input_schema) VALUES
    ('conversation_search', 'conversation_search',
     'Search the user''s own conversations for a piece of text; returns the matching messages with their conversation.',
     '{"type": "object", "properties": {"query": {"type": "string", "description": "The text to look for (case-insensitive)."}, "limit": {"type": "integer", "minimum": 1, "maximum": 20, "description": "How many matches at most (default 5)."}}, "required": ["query"]}'::jsonb),
    ('web_fetch', 'web_fetch',
     'Fetch a public web page or document by URL and return it as text (HTML reduced to its text).',
     '{"type": "object", "properties": {"url": {"type": "string", "description": "An http or https URL."}, "max_chars": {"type": "integer", "minimum": 100, "description": "How much of the text to return at most."}}, "required": ["url"]}'::jsonb)
ON CONFLICT DO NOTHING;
