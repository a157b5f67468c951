package io.jansuite.inference.responses;

/**
 * The function name under which an MCP server's tool is offered to the model: {@code <server>__<tool>},
 * reduced to the characters and length (64) every provider accepts, so two servers' tools never collide.
 */
final class ToolNames {

    private ToolNames() {
    }

    static String forModel(String serverLabel, String tool) {
        String name = (clean(serverLabel) + "__" + clean(tool));
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
