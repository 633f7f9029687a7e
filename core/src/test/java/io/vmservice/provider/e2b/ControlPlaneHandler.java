package io.vmservice.provider.e2b;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E2B's control plane, the part the provider uses, with E2B's status codes and error bodies.
 * Each request is acted on and its answer made first, then sent, or lost as a fault says.
 */
final class ControlPlaneHandler implements HttpHandler {

    /** An answer made but not yet sent; a null body is an empty one. */
    private record Answer(int status, Map<String, String> headers, Object body) {
        Answer(int status, Object body) {
            this(status, Map.of(), body);
        }
    }

    private static final Pattern ONE = Pattern.compile("/sandboxes/([a-z0-9]+)(/timeout|/connect)?");

    private final E2bProtocolServer server;
    private final Faults faults;

    ControlPlaneHandler(E2bProtocolServer server, Faults faults) {
        this.server = server;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (Faults.DropConnection drop) {
            throw drop;
        } catch (RuntimeException e) {
            Exchanges.json(exchange, 500, Exchanges.apiError(500, e.toString()));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        server.recordControlPlaneRequest(method + " " + path);
        Faults.CannedAnswer canned = faults.takeControlPlane(method, path);
        if (canned != null) {
            Exchanges.body(exchange);
            canned.headers().forEach(exchange.getResponseHeaders()::set);
            Exchanges.send(exchange, canned.status(), "application/json", canned.body().getBytes());
            return;
        }
        if (!server.apiKey().equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            Exchanges.json(exchange, 401, Exchanges.apiError(401, "Invalid API key, please visit https://e2b.dev/docs"));
            return;
        }
        Faults.LostAnswerFault lost = faults.takeLostAnswer(method, path);
        if (lost != null && lost.how() == Faults.LostAnswer.CLOSE_WITHOUT_ACTING) {
            throw new Faults.DropConnection();
        }
        byte[] body = Exchanges.body(exchange);
        if (lost == null) {
            send(exchange, act(method, path, body, Exchanges.query(exchange)));
            return;
        }
        if (!lost.delay().isZero()) {
            await("the fault's delay").pollDelay(lost.delay()).atMost(lost.delay().plusSeconds(5)).until(() -> true);
        }
        Answer answer = act(method, path, body, Exchanges.query(exchange));
        switch (lost.how()) {
            case LATE -> send(exchange, answer);
            case CUT_HALFWAY -> {
                byte[] json = answer.body() == null ? new byte[0] : Exchanges.JSON.writeValueAsBytes(answer.body());
                if (json.length > 1) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(answer.status(), json.length);
                    exchange.getResponseBody().write(json, 0, json.length / 2);
                    exchange.getResponseBody().flush();
                }
                throw new Faults.DropConnection();
            }
            default -> throw new Faults.DropConnection();
        }
    }

    private Answer act(String method, String path, byte[] request, Map<String, String> query) throws IOException {
        if (method.equals("POST") && path.equals("/sandboxes")) {
            return create(request);
        }
        if (method.equals("GET") && path.equals("/v2/sandboxes")) {
            return list(query);
        }
        Matcher m = ONE.matcher(path);
        if (!m.matches()) {
            return new Answer(404, Exchanges.apiError(404, "no route for " + method + " " + path));
        }
        ServerSandbox sandbox = server.sandbox(m.group(1));
        if (sandbox == null) {
            return new Answer(404, Exchanges.apiError(404, "sandbox \"" + m.group(1) + "\" doesn't exist or you don't have access to it"));
        }
        String action = m.group(2) == null ? "" : m.group(2);
        switch (method + " " + action) {
            case "GET " -> {
                return new Answer(200, detail(sandbox, true));
            }
            case "DELETE " -> {
                server.kill(sandbox.id);
                return new Answer(204, null);
            }
            case "POST /timeout" -> {
                int seconds = Exchanges.JSON.readTree(request).path("timeout").asInt();
                server.setEnd(sandbox, Instant.now().plusSeconds(seconds));
                return new Answer(204, null);
            }
            case "POST /connect" -> {
                int seconds = Exchanges.JSON.readTree(request).path("timeout").asInt();
                Instant end = Instant.now().plusSeconds(seconds);
                if (end.isAfter(sandbox.endAt)) {
                    server.setEnd(sandbox, end);
                }
                return new Answer(200, created(sandbox));
            }
            default -> {
                return new Answer(405, Exchanges.apiError(405, method + " not allowed on " + path));
            }
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (answer.body() == null) {
            Exchanges.empty(exchange, answer.status());
        } else {
            Exchanges.json(exchange, answer.status(), answer.body());
        }
    }

    private Answer create(byte[] body) throws IOException {
        JsonNode request = Exchanges.JSON.readTree(body);
        String template = request.path("templateID").asText("");
        if (!E2bProtocolServer.TEMPLATES.containsKey(template)) {
            return new Answer(400, Exchanges.apiError(400, "template '" + template + "' not found"));
        }
        int timeout = request.has("timeout") ? request.get("timeout").asInt() : 15;
        if (timeout <= 0) {
            return new Answer(400, Exchanges.apiError(400, "Timeout must be greater than 0"));
        }
        ServerSandbox sandbox;
        try {
            sandbox = server.create(template, Duration.ofSeconds(timeout), strings(request.path("metadata")),
                    strings(request.path("envVars")), request.path("secure").asBoolean(false));
        } catch (E2bProtocolServer.TeamLimitReached full) {
            return new Answer(429, Exchanges.apiError(429, full.getMessage()));
        }
        return new Answer(201, created(sandbox));
    }

    private Answer list(Map<String, String> query) {
        Map<String, String> filter = new LinkedHashMap<>();
        String metadata = query.get("metadata");
        if (metadata != null && !metadata.isEmpty()) {
            // E2B's parseFilters: the value was unescaped once already; split, then unescape each part.
            for (String pair : metadata.split("&")) {
                String[] kv = pair.split("=", -1);
                if (kv.length != 2) {
                    return new Answer(400, Exchanges.apiError(400, "invalid key value pair in query"));
                }
                filter.put(Exchanges.decode(kv[0]), Exchanges.decode(kv[1]));
            }
        }
        List<String> states = query.containsKey("state") ? List.of(query.get("state").split(",")) : List.of("running", "paused");
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int offset = query.containsKey("nextToken") ? Integer.parseInt(query.get("nextToken")) : 0;
        List<ServerSandbox> matching = server.sandboxes().stream()
                .filter(s -> states.contains("running"))
                .filter(s -> filter.entrySet().stream().allMatch(e -> e.getValue().equals(s.metadata.get(e.getKey()))))
                .sorted(Comparator.comparing((ServerSandbox s) -> s.startedAt).reversed().thenComparing(s -> s.id))
                .toList();
        ArrayNode page = Exchanges.JSON.createArrayNode();
        matching.stream().skip(offset).limit(limit).forEach(s -> page.add(detail(s, false)));
        Map<String, String> headers = new LinkedHashMap<>();
        if (offset + limit < matching.size()) {
            headers.put("X-Next-Token", Integer.toString(offset + limit));
        }
        headers.put("X-Total-Running", Integer.toString(matching.size()));
        return new Answer(200, headers, page);
    }

    private static ObjectNode created(ServerSandbox sandbox) {
        ObjectNode node = Exchanges.JSON.createObjectNode();
        node.put("templateID", sandbox.templateId);
        node.put("sandboxID", sandbox.id);
        node.put("alias", sandbox.templateId);
        node.put("clientID", "6532622b");
        node.put("envdVersion", E2bProtocolServer.ENVD_VERSION);
        if (sandbox.accessToken != null) {
            node.put("envdAccessToken", sandbox.accessToken);
        }
        node.putNull("domain");
        return node;
    }

    private static ObjectNode detail(ServerSandbox sandbox, boolean withToken) {
        ObjectNode node = Exchanges.JSON.createObjectNode();
        node.put("templateID", sandbox.templateId);
        node.put("alias", sandbox.templateId);
        node.put("sandboxID", sandbox.id);
        node.put("clientID", "6532622b");
        node.put("startedAt", rfc3339(sandbox.startedAt));
        node.put("endAt", rfc3339(sandbox.endAt));
        node.put("envdVersion", E2bProtocolServer.ENVD_VERSION);
        node.put("cpuCount", 2);
        node.put("memoryMB", 2048);
        node.put("diskSizeMB", 10240);
        node.put("state", "running");
        ObjectNode metadata = node.putObject("metadata");
        sandbox.metadata.forEach(metadata::put);
        if (withToken) {
            if (sandbox.accessToken != null) {
                node.put("envdAccessToken", sandbox.accessToken);
            }
            node.putNull("domain");
        }
        return node;
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC).toString();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
