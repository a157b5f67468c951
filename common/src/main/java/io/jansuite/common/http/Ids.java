package io.jansuite.common.http;

/** Resource ids: a type prefix and 22 random base62 characters (about 131 bits), e.g. {@code conv_…}. */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + RequestIds.randomBase62(22);
    }
}
