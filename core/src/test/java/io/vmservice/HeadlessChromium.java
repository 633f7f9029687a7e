package io.vmservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Screenshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, showing one page; screenshots come over the DevTools protocol, so
 * a test can look again and again while the page (a noVNC session, say) keeps drawing.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket page;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    public static HeadlessChromium open(String url, Path profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1024,768", url)).redirectErrorStream(true).start();
        String browserSocket = devtoolsAddress(process);
        URI base = URI.create(browserSocket.replaceFirst("^ws://([^/]+)/.*$", "http://$1"));
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = null;
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                pageSocket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageSocket == null) {
            process.destroyForcibly();
            throw new IOException("chromium shows no page: " + targets);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    self[0].onMessage(message.toString());
                    message.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).join();
        self[0] = new HeadlessChromium(process, socket);
        return self[0];
    }

    /** Goes to another address in the same page. */
    public void navigate(String url) {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text. */
    public String evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return result.path("result").path("value").asText();
    }

    /** What the page shows now. */
    public Screenshot screenshot() {
        JsonNode result = call("Page.captureScreenshot", Map.of("format", "png"));
        return Screenshot.fromPng(Base64.getDecoder().decode(result.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
            return reply.get(30, TimeUnit.SECONDS).path("result");
        } catch (Exception e) {
            throw new IllegalStateException("DevTools call " + method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            CompletableFuture<JsonNode> reply = pending.get(message.path("id").asInt(-1));
            if (reply != null) {
                reply.complete(message);
            }
        } catch (IOException malformed) {
            // Events and anything unparsable are not replies; nothing waits for them.
        }
    }

    private static String devtoolsAddress(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return null;
        });
        try {
            String found = address.get(30, TimeUnit.SECONDS);
            if (found == null) {
                throw new IOException("chromium exited without a DevTools address");
            }
            // Keep draining chromium's output so it never blocks on a full pipe.
            CompletableFuture.runAsync(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // chromium is gone
                }
            });
            return found;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("chromium did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        page.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Duration patience() {
        return Duration.ofSeconds(20);
    }
}
