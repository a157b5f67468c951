package io.jansuite.localsuite.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the error codes and types the suite can answer with, by reading the sources: every method, constructor
 * or record with a {@code String code} parameter (ApiException and its factories, ErrorResponses, the
 * ingress's envelopes, each service's own helpers) and the literal it is given at each call site (also through
 * a {@code static final String} constant or a ternary), every {@code code = ...} assignment and
 * {@code put("code", ...)}, and {@code "prefix_" + name} as a family. Types: the literals of
 * ErrorEnvelope.typeFor and those passed as the {@code type} of an envelope.
 */
final class ErrorCodeScanner {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final Pattern PARAM = Pattern.compile("\\bString\\s+code\\b");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\bcode\\s*=(?!=)");
    private static final Pattern PUT_CODE = Pattern.compile("\\.put\\(\\s*\"code\"\\s*,");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return");

    /** Where a code or type was seen: file and line. */
    record Found(String value, String where) {
    }

    private record Source(Path path, String text, String topClass) {
    }

    private record Carrier(String name, String declaringClass, boolean constructor, int codeIndex, int typeIndex, Path file) {
    }

    final Map<String, List<String>> codes = new TreeMap<>();
    final Map<String, List<String>> families = new TreeMap<>();
    final Map<String, List<String>> types = new TreeMap<>();

    static ErrorCodeScanner scan(Path root) {
        ErrorCodeScanner scanner = new ErrorCodeScanner();
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main) || module.getFileName().toString().equals("bench")) {
                    continue; // bench: a stand-in upstream provider for benchmarks, not the suite's answers
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        String name = file.getFileName().toString().replace(".java", "");
                        sources.add(new Source(root.relativize(file), stripComments(Files.readString(file)), name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> constants = new HashMap<>();
        sources.forEach(s -> {
            Matcher m = CONSTANT.matcher(s.text());
            while (m.find()) {
                constants.putIfAbsent(s.path() + "#" + m.group(1), m.group(2));
                constants.putIfAbsent(m.group(1), m.group(2));
            }
        });
        List<Carrier> carriers = new ArrayList<>();
        sources.forEach(s -> carriers.addAll(carriers(s)));
        for (Source s : sources) {
            for (Carrier c : carriers) {
                scanner.callSites(s, c, constants);
            }
            scanner.assignments(s, constants);
            if (s.topClass().equals("ErrorEnvelope")) {
                Matcher m = Pattern.compile("->\\s*\"([a-z_]+)\"").matcher(s.text());
                while (m.find()) {
                    scanner.types.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(s.path().toString());
                }
            }
        }
        return scanner;
    }

    /** The methods, constructors and records of this file that take a {@code String code}. */
    private static List<Carrier> carriers(Source s) {
        List<Carrier> out = new ArrayList<>();
        Matcher m = PARAM.matcher(s.text());
        while (m.find()) {
            int open = enclosingParen(s.text(), m.start());
            if (open < 0) {
                continue;
            }
            Matcher name = Pattern.compile("(\\w+)\\s*$").matcher(s.text().substring(Math.max(0, open - 100), open));
            if (!name.find() || KEYWORDS.contains(name.group(1))) {
                continue;
            }
            List<String> params = arguments(s.text(), open);
            int code = indexOf(params, "String\\s+code");
            int type = indexOf(params, "String\\s+type");
            String before = s.text().substring(Math.max(0, open - 100), open);
            boolean constructor = Character.isUpperCase(name.group(1).charAt(0)) || before.matches("(?s).*\\brecord\\s+\\w+\\s*$");
            out.add(new Carrier(name.group(1), s.topClass(), constructor, code, type, s.path()));
        }
        return out;
    }

    private static int indexOf(List<String> params, String regex) {
        for (int i = 0; i < params.size(); i++) {
            if (Pattern.compile("(?s).*\\b" + regex + "$").matcher(params.get(i).strip()).matches()) {
                return i;
            }
        }
        return -1;
    }

    private void callSites(Source s, Carrier c, Map<String, String> constants) {
        String qualifier = c.constructor() ? "new\\s+(?:\\w+\\.)*" : "(?:\\b" + c.declaringClass() + "\\s*\\.\\s*|(?<![.\\w]))";
        Matcher m = Pattern.compile(qualifier + "\\b" + c.name() + "\\s*\\(").matcher(s.text());
        while (m.find()) {
            boolean unqualified = !c.constructor() && !m.group().contains(".");
            if (unqualified && !s.path().equals(c.file())) {
                continue;
            }
            int open = m.end() - 1;
            List<String> args = arguments(s.text(), open);
            if (args.size() <= c.codeIndex() || args.get(c.codeIndex()).matches("(?s).*\\bString\\s+code")) {
                continue; // too few arguments (another overload) or the declaration itself
            }
            String where = s.path() + ":" + line(s.text(), m.start());
            collect(args.get(c.codeIndex()), where, s.path(), constants, codes, families);
            if (c.typeIndex() >= 0 && args.size() > c.typeIndex()) {
                collect(args.get(c.typeIndex()), where, s.path(), constants, types, new TreeMap<>());
            }
        }
    }

    private void assignments(Source s, Map<String, String> constants) {
        for (Pattern p : List.of(ASSIGNMENT, PUT_CODE)) {
            Matcher m = p.matcher(s.text());
            while (m.find()) {
                int end = expressionEnd(s.text(), m.end());
                collect(s.text().substring(m.end(), end), s.path() + ":" + line(s.text(), m.start()), s.path(), constants,
                        codes, families);
            }
        }
    }

    /** The code-shaped literals of an argument expression (not those given to a nested call), or its constant. */
    private static void collect(String expression, String where, Path file, Map<String, String> constants,
                                Map<String, List<String>> into, Map<String, List<String>> prefixes) {
        String e = expression.strip();
        if (e.matches("[A-Z][A-Z0-9_]*")) {
            String value = constants.getOrDefault(file + "#" + e, constants.get(e));
            if (value != null) {
                into.computeIfAbsent(value, k -> new ArrayList<>()).add(where);
            }
            return;
        }
        Matcher m = LITERAL.matcher(e);
        while (m.find()) {
            String before = e.substring(0, m.start()).stripTrailing();
            if (before.endsWith("(") || before.endsWith(",")) {
                continue; // an argument of a nested call, e.g. error.get("code")
            }
            String value = m.group(1);
            if (e.substring(m.end()).stripLeading().startsWith("+")) {
                if (CODE.matcher(value.replaceAll("_$", "")).matches() && value.endsWith("_")) {
                    prefixes.computeIfAbsent(value, k -> new ArrayList<>()).add(where);
                }
            } else if (CODE.matcher(value).matches()) {
                into.computeIfAbsent(value, k -> new ArrayList<>()).add(where);
            }
        }
    }

    /** The arguments (or parameters) of the parenthesis opening at {@code open}, split at top-level commas. */
    static List<String> arguments(String text, int open) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                i = skipString(text, i);
                continue;
            }
            if (ch == '\'') {
                i = text.indexOf('\'', i + (text.charAt(i + 1) == '\\' ? 3 : 2));
                continue;
            }
            if (ch == '(' || ch == '[' || ch == '{' || ch == '<' && isGeneric(text, i)) {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}' || ch == '>' && depth > 1 && text.charAt(i - 1) != '-' && isGenericClose(text, i)) {
                depth--;
                if (depth == 0) {
                    String last = text.substring(start, i);
                    if (!last.isBlank() || !out.isEmpty()) {
                        out.add(last);
                    }
                    return out;
                }
            } else if (ch == ',' && depth == 1) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean isGeneric(String text, int i) {
        return i + 1 < text.length() && (Character.isUpperCase(text.charAt(i + 1)) || text.charAt(i + 1) == '?')
                && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
    }

    private static boolean isGenericClose(String text, int i) {
        return Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '>' || text.charAt(i - 1) == '?';
    }

    /** End of the expression starting at {@code from}: the first top-level ';' or unmatched ')'. */
    private static int expressionEnd(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                i = skipString(text, i);
            } else if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (ch == ';' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The '(' of the parameter list around {@code at}, or -1 when {@code at} is not inside one. */
    private static int enclosingParen(String text, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == ')') {
                depth++;
            } else if (ch == '(') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (ch == ';' || ch == '{' || ch == '}') {
                return -1;
            }
        }
        return -1;
    }

    private static int skipString(String text, int i) {
        if (text.startsWith("\"\"\"", i)) {
            int end = text.indexOf("\"\"\"", i + 3);
            return end < 0 ? text.length() : end + 2;
        }
        for (int j = i + 1; j < text.length(); j++) {
            if (text.charAt(j) == '\\') {
                j++;
            } else if (text.charAt(j) == '"') {
                return j;
            }
        }
        return text.length();
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The source without comments (strings kept intact, line breaks kept so line numbers stay true). */
    static String stripComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        for (int i = 0; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch == '"') {
                int end = skipString(src, i);
                out.append(src, i, Math.min(end + 1, src.length()));
                i = end;
            } else if (ch == '\'' && i + 2 < src.length()) {
                int end = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
                out.append(src, i, end + 1);
                i = end;
            } else if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                src.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
                i = end - 1;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    Set<String> codeNames() {
        return new TreeSet<>(codes.keySet());
    }
}
