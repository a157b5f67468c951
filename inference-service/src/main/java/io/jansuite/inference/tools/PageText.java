package io.jansuite.inference.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The readable text of an HTML page: scripts, styles and tags removed, common entities decoded, blank runs folded. */
final class PageText {

    record Result(String title, String text) {
    }

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|noscript|template|head)[^>]*>.*?</\\1>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BLOCK = Pattern.compile("(?i)</?(p|div|br|li|h[1-6]|tr|section|article|header|footer|ul|ol|table|pre)[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private PageText() {
    }

    static Result of(String html) {
        Matcher title = TITLE.matcher(html);
        String t = title.find() ? decode(TAG.matcher(title.group(1)).replaceAll("")).strip() : "";
        String text = COMMENT.matcher(html).replaceAll("");
        text = HIDDEN.matcher(text).replaceAll(" ");
        text = BLOCK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decode(text).replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n[ \n]*", "\n").strip();
        return new Result(t, text);
    }

    private static String decode(String s) {
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
    }
}
