package io.jansuite.common.api;

/** {@code {"data": ...}}: a single resource. */
public record DataEnvelope<T>(T data) {

    public static <T> DataEnvelope<T> of(T data) {
        return new DataEnvelope<>(data);
    }
}
