package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An MCP server (streamable HTTP) whose tools the suite may call. Its request headers are stored encrypted. */
@Entity
@Table(name = "mcp_servers")
public class McpServer extends PanacheEntityBase {

    @Id
    public String id;

    /** What a response's {@code mcp} tool names as {@code server_label}. */
    public String name;

    public String url;

    @Column(name = "headers_enc")
    public String headersEncrypted;

    @Column(name = "header_names", columnDefinition = "text[]")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> headerNames = new ArrayList<>();

    public boolean enabled;

    @Column(name = "last_synced_at")
    public Instant lastSyncedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
