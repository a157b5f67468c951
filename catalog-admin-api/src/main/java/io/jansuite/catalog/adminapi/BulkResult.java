package io.jansuite.catalog.adminapi;

import java.util.List;

/** A bulk toggle: how many resources matched, and what each looked like before and after. */
public record BulkResult(int count, List<Item> changes) {

    public record Item(String id, boolean before, boolean after) {
    }
}
