package io.jansuite.conversation.service;

import java.util.List;

/** One page of results and the total they were taken from. */
public record Slice<T>(List<T> items, long total) {
}
