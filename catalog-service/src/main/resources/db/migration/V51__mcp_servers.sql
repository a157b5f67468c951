-- MCP servers registered by admins (streamable HTTP). headers_enc: the JSON object of request headers,
-- encrypted like provider keys; header_names: their names only, for display.
CREATE TABLE mcp_servers (
    id             text PRIMARY KEY,
    name           text NOT NULL UNIQUE,
    url            text NOT NULL,
    headers_enc    text,
    header_names   text[] NOT NULL DEFAULT '{}',
    enabled        boolean NOT NULL DEFAULT true,
    last_synced_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A synced tool belongs to its server (gone with it); two servers may both have a tool called "search".
ALTER TABLE mcp_tools ADD COLUMN server_id text REFERENCES mcp_servers (id) ON DELETE CASCADE;
ALTER TABLE mcp_tools ADD COLUMN input_schema jsonb NOT NULL DEFAULT '{"type": "object", "properties": {}}'::jsonb;
ALTER TABLE mcp_tools DROP CONSTRAINT mcp_tools_name_key;
CREATE UNIQUE INDEX mcp_tools_server_name ON mcp_tools (coalesce(server_id, ''), name);
