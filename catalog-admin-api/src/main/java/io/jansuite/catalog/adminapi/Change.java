package io.jansuite.catalog.adminapi;

/** A change of one resource: before (null when created) and after (null when deleted), for the audit log. */
public record Change<T>(T before, T after) {
}
