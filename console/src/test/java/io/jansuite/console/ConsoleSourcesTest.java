package io.jansuite.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks of the console's sources that need no browser: every module import resolves to a file (a typo would
 * otherwise only show as a blank page), and no script uses an HTML sink (the CSP's Trusted Types would make
 * such a call throw in the browser; this finds it before).
 */
class ConsoleSourcesTest {

    static final Path ASSETS = Path.of("src/main/resources/console/assets");
    static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:[^'\"]+\\s+from\\s+)?['\"]([^'\"]+)['\"]");
    static final Pattern HTML_SINKS = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function\\(");

    static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(ASSETS)) {
            return files.filter(p -> p.toString().endsWith(".js")).toList();
        }
    }

    @Test
    void everyImportResolvesToAnAsset() throws IOException {
        List<String> broken = new ArrayList<>();
        int imports = 0;
        for (Path script : scripts()) {
            Matcher m = IMPORT.matcher(Files.readString(script));
            while (m.find()) {
                imports++;
                Path target = script.getParent().resolve(m.group(1)).normalize();
                if (!m.group(1).startsWith(".") || !Files.isRegularFile(target) || !target.startsWith(ASSETS)) {
                    broken.add(ASSETS.relativize(script) + " imports " + m.group(1));
                }
            }
        }
        assertTrue(imports > 10, "found the imports: " + imports);
        assertEquals(List.of(), broken);
    }

    @Test
    void noScriptWritesHtmlStrings() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path script : scripts()) {
            String text = Files.readString(script).replaceAll("(?m)//.*$", "");
            Matcher m = HTML_SINKS.matcher(text);
            while (m.find()) {
                found.add(ASSETS.relativize(script) + ": " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }
}
