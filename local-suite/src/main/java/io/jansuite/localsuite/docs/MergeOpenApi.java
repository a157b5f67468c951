package io.jansuite.localsuite.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.jansuite.routes.RouteTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The merged API document from the command line, e.g. for a Kubernetes deployment (no local ingress):
 * <pre>
 * java -cp "local-suite/target/classes:local-suite/target/lib/*" io.jansuite.localsuite.docs.MergeOpenApi \
 *     --server https://api.example.com [--yaml] [--routes deploy/routes.tsv] [--out openapi.json] \
 *     auth-service=http://localhost:8081 conversation-service=http://localhost:8082 ...
 * </pre>
 * Each {@code service=URL} is a service of the route table and its base URL (its document is read from
 * {@code URL/q/openapi?format=json}) or a file holding its document.
 */
public final class MergeOpenApi {

    private MergeOpenApi() {
    }

    public static void main(String[] args) throws Exception {
        Path routesFile = Path.of("deploy/routes.tsv");
        String server = null;
        boolean yaml = false;
        Path out = null;
        List<String[]> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--routes" -> routesFile = Path.of(args[++i]);
                case "--server" -> server = args[++i];
                case "--yaml" -> yaml = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    String[] pair = args[i].split("=", 2);
                    if (pair.length != 2) {
                        usage("not service=URL: " + args[i]);
                    }
                    sources.add(pair);
                }
            }
        }
        if (sources.isEmpty()) {
            usage("name at least one service=URL");
        }
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<OpenApiMerger.ServiceDocument> documents = new ArrayList<>();
        for (String[] source : sources) {
            documents.add(new OpenApiMerger.ServiceDocument(source[0], read(json, http, source[1])));
        }
        ObjectNode merged = new OpenApiMerger(RouteTable.load(routesFile)).merge(documents, server);
        ObjectMapper writer = yaml ? new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
                : json;
        byte[] body = writer.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
        if (out == null) {
            System.out.write(body);
            System.out.println();
            System.out.flush();
        } else {
            Files.write(out, body);
        }
    }

    private static JsonNode read(ObjectMapper json, HttpClient http, String source) throws Exception {
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            return json.readTree(Files.readAllBytes(Path.of(source)));
        }
        String url = source.replaceAll("/+$", "") + ApiReference.SERVICE_DOCUMENT;
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static void usage(String problem) {
        System.err.println("MergeOpenApi: " + problem + "\nusage: MergeOpenApi [--server URL] [--yaml] [--routes FILE]"
                + " [--out FILE] service=URL|FILE ...");
        System.exit(2);
    }
}
