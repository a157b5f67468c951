package io.jansuite.localsuite.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/error-codes.md against the code: every error code and type the sources can answer with is documented,
 * and every documented one still exists. A new code without documentation fails the build.
 */
class ErrorCodesDocumentedTest {

    private static final Path ROOT = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
    private static final Pattern ROW_KEY = Pattern.compile("^\\|\\s*((?:`[^`]+`[\\s,/]*)+)\\|");
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    private static ErrorCodeScanner scanner;
    private static Set<String> documentedCodes;
    private static Set<String> documentedFamilies;
    private static Set<String> documentedTypes;

    @BeforeAll
    static void read() throws IOException {
        scanner = ErrorCodeScanner.scan(ROOT);
        documentedCodes = new TreeSet<>();
        documentedFamilies = new TreeSet<>();
        documentedTypes = new TreeSet<>();
        boolean inTypes = false;
        for (String line : Files.readAllLines(ROOT.resolve("docs/error-codes.md"))) {
            if (line.startsWith("## ")) {
                inTypes = line.toLowerCase().contains("error types");
            }
            Matcher row = ROW_KEY.matcher(line);
            if (!row.find()) {
                continue;
            }
            Matcher ticked = TICKED.matcher(row.group(1));
            while (ticked.find()) {
                String key = ticked.group(1);
                if (inTypes) {
                    documentedTypes.add(key);
                } else if (key.contains("<")) {
                    documentedFamilies.add(key.substring(0, key.indexOf('<')));
                } else {
                    documentedCodes.add(key);
                }
            }
        }
    }

    @Test
    void scannerFindsCodesInEveryShapeTheSourcesUse() {
        Set<String> codes = scanner.codeNames();
        for (String known : List.of(
                "conversation_not_found", // ApiException factory
                "invalid_json",           // ErrorResponses.of in the common mappers
                "bad_request",            // a switch assigned to code
                "upstream_unavailable",   // the ingress's own envelope
                "provider_not_found",     // a constant
                "upstream_unreachable",   // a service's helper with a code parameter
                "rate_limit_exceeded")) {
            assertTrue(codes.contains(known), known + " not found by the scanner; found " + codes);
        }
        assertTrue(scanner.families.containsKey("invalid_"), "\"invalid_\" + name: " + scanner.families);
        assertTrue(scanner.types.keySet().containsAll(Set.of("invalid_request_error", "rate_limit_error", "upstream_error")),
                "types: " + scanner.types.keySet());
    }

    @Test
    void everyCodeTheSuiteCanAnswerIsDocumented() {
        Map<String, List<String>> missing = new TreeMap<>(scanner.codes);
        missing.keySet().removeAll(documentedCodes);
        assertEquals(Map.of(), missing, "codes used in the sources (with where) but missing from docs/error-codes.md");
        Map<String, List<String>> missingFamilies = new TreeMap<>(scanner.families);
        missingFamilies.keySet().removeAll(documentedFamilies);
        assertEquals(Map.of(), missingFamilies, "code families (\"prefix_\" + name) missing from docs/error-codes.md,"
                + " document them as `prefix_<name>`");
    }

    @Test
    void everyDocumentedCodeStillExists() {
        String sources = allMainSources();
        List<String> gone = new ArrayList<>();
        for (String code : documentedCodes) {
            if (!scanner.codes.containsKey(code) && !sources.contains("\"" + code + "\"")) {
                gone.add(code);
            }
        }
        for (String prefix : documentedFamilies) {
            if (!scanner.families.containsKey(prefix)) {
                gone.add(prefix + "<...>");
            }
        }
        assertEquals(List.of(), gone, "documented in docs/error-codes.md but no longer in the code");
    }

    @Test
    void errorTypesAreExactlyTheDocumentedOnes() {
        assertEquals(documentedTypes, new TreeSet<>(scanner.types.keySet()),
                "the `## Error types` table of docs/error-codes.md against the types in the code");
    }

    private static String allMainSources() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/node_modules/")).toList()) {
                all.append(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
