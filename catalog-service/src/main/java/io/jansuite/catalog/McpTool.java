package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tool the platform offers to models, with its switch and content filter. */
@Entity
@Table(name = "mcp_tools")
public class McpTool extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String description;

    public boolean enabled;

    @Column(name = "content_filter")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> contentFilter = new HashMap<>();

    /** The MCP server it was synced from; null for the suite's own. */
    @Column(name = "server_id")
    public String serverId;

    @Column(name = "input_schema")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> inputSchema = new HashMap<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
