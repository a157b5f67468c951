package io.jansuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium}, driven by playwright-core) against the
 * running suite through the ingress: src/test/node/console-browser.mjs, one test per scenario it reports.
 * Screenshots of the main pages at 375 px and desktop width go to target/console-screenshots. Without Chromium
 * or Node.js the test is skipped with a notice; under CI=true that is a failure.
 */
@Order(2)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> consoleScenariosPassInChromium() throws Exception {
        String chromium = executable("chromium");
        boolean node = NodeClientsTest.run(List.of("node", "--version"), Map.of(), 20).exit() == 0;
        if ((chromium == null || !node) && LocalServices.isCi()) {
            throw new IllegalStateException("CI=true but " + (node ? "chromium" : "Node.js") + " is not on the PATH");
        }
        assumeTrue(node, "Node.js is not installed: the console's browser tests are skipped");
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium): the console's browser tests are skipped");
        NodeClientsTest.installNodeModules();
        RunningSuite.shared();

        NodeClientsTest.Result r = NodeClientsTest.run(List.of("node", "console-browser.mjs", RunningSuite.BASE),
                Map.of("CHROMIUM", chromium, "SCREENSHOTS", SCREENSHOTS.toString(),
                        "ADMIN_EMAIL", RunningSuite.ADMIN_EMAIL, "ADMIN_PASSWORD", RunningSuite.ADMIN_PASSWORD), 600);
        System.out.println(r.output());
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("ok - ") || line.startsWith("not ok - ")) {
                boolean ok = line.startsWith("ok - ");
                String name = line.substring(ok ? 5 : 9).split(": ", 2)[0];
                tests.add(DynamicTest.dynamicTest(name, () -> assertTrue(ok, line)));
            }
        }
        tests.add(DynamicTest.dynamicTest("the browser script ran to the end", () -> {
            assertEquals(0, r.exit(), r.output());
            assertTrue(tests.size() > 5, "every scenario reported: " + r.output());
        }));
        return tests.stream();
    }

    /** The absolute path of a program on the PATH, or null. */
    static String executable(String name) {
        NodeClientsTest.Result r = NodeClientsTest.run(List.of("sh", "-c", "command -v " + name), Map.of(), 10);
        return r.exit() == 0 && !r.output().isBlank() ? r.output().strip() : null;
    }
}
