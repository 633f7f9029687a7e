package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * envd's HTTP surface as E2B's edge and envd present it: shared-host routing by the
 * {@code E2b-Sandbox-Id}/{@code E2b-Sandbox-Port} headers, the {@code X-Access-Token} check,
 * Connect unary calls and server streams with the JSON codec, and {@code /files}.
 */
final class EnvdHandler implements HttpHandler {

    private static final String CONNECT_JSON = "application/connect+json";
    private static final int MAX_DATA_CHUNK = 32 * 1024;
    private static final String FIND_FORMAT = "%y\\t%s\\t%m\\t%M\\t%u\\t%g\\t%T@\\t%p\\t%l\\n";

    private final Function<String, ServerSandbox> sandboxes;
    private final Faults faults;

    EnvdHandler(Function<String, ServerSandbox> sandboxes, Faults faults) {
        this.sandboxes = sandboxes;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (IOException clientGone) {
            // The client closed its side (a detached process stream); nothing to answer.
        } catch (Faults.DropConnection drop) {
            // Thrown on to the HTTP server, which closes the connection without ending the body.
            throw drop;
        } catch (RuntimeException e) {
            connectError(exchange, 500, "internal", e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            Exchanges.empty(exchange, 204);
            return;
        }
        String id = exchange.getRequestHeaders().getFirst("E2b-Sandbox-Id");
        String port = exchange.getRequestHeaders().getFirst("E2b-Sandbox-Port");
        if (id == null || port == null) {
            Exchanges.text(exchange, 400, "Missing header: " + (id == null ? "E2b-Sandbox-Id" : "E2b-Sandbox-Port"));
            return;
        }
        ServerSandbox sandbox = sandboxes.apply(id);
        if (sandbox == null || !port.equals("49983")) {
            Exchanges.json(exchange, 502, Map.of("sandboxId", id, "message", "The sandbox was not found", "code", 502));
            return;
        }
        String token = exchange.getRequestHeaders().getFirst("X-Access-Token");
        if (sandbox.accessToken != null && !sandbox.accessToken.equals(token)) {
            Exchanges.json(exchange, 401, Exchanges.apiError(401,
                    "unauthorized access, please provide a valid access token or method signing if supported"));
            return;
        }
        String user = basicUser(exchange);
        if (user != null && !user.equals("user")) {
            connectError(exchange, 401, "unauthenticated", "invalid username: '" + user + "'");
            return;
        }
        switch (path) {
            case "/process.Process/Start" -> start(exchange, sandbox);
            case "/process.Process/SendSignal" -> unary(exchange, sandbox, this::sendSignal);
            case "/process.Process/List" -> unary(exchange, sandbox, this::list);
            case "/process.Process/SendInput" -> unary(exchange, sandbox, this::sendInput);
            case "/process.Process/CloseStdin" -> unary(exchange, sandbox, this::closeStdin);
            case "/filesystem.Filesystem/Stat" -> unary(exchange, sandbox, this::stat);
            case "/filesystem.Filesystem/MakeDir" -> unary(exchange, sandbox, this::makeDir);
            case "/filesystem.Filesystem/ListDir" -> unary(exchange, sandbox, this::listDir);
            case "/filesystem.Filesystem/Remove" -> unary(exchange, sandbox, this::remove);
            case "/filesystem.Filesystem/Move" -> unary(exchange, sandbox, this::move);
            case "/files" -> files(exchange, sandbox);
            default -> connectError(exchange, 404, "unimplemented", path + " is not implemented");
        }
    }

    // ---- Process/Start: a server stream ----

    private void start(HttpExchange exchange, ServerSandbox sandbox) throws IOException {
        if (!CONNECT_JSON.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            Exchanges.text(exchange, 415, "unsupported content type");
            return;
        }
        byte[] body = Exchanges.body(exchange);
        ByteBuffer in = ByteBuffer.wrap(body);
        if (body.length < 5 || in.get() != 0 || in.getInt() != body.length - 5) {
            connectStreamError(exchange, "invalid_argument", "the request is not one uncompressed envelope");
            return;
        }
        JsonNode request = Exchanges.JSON.readTree(Arrays.copyOfRange(body, 5, body.length));
        JsonNode process = request.path("process");
        List<String> args = new ArrayList<>();
        process.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> envs = new LinkedHashMap<>();
        process.path("envs").fields().forEachRemaining(e -> envs.put(e.getKey(), e.getValue().asText()));
        String timeoutHeader = exchange.getRequestHeaders().getFirst("Connect-Timeout-Ms");
        Duration timeout = timeoutHeader == null ? null : Duration.ofMillis(Long.parseLong(timeoutHeader));
        Duration keepalive = keepaliveInterval(exchange);

        // As envd: a request without the field gets an open standard input, for older clients.
        boolean stdin = request.path("stdin").asBoolean(true);
        ServerProcess started = sandbox.start(process.path("cmd").asText(), args, envs,
                process.hasNonNull("cwd") ? process.get("cwd").asText() : null, timeout, stdin);
        if (started.attached() != null) {
            new AttachedStream(started, keepalive, faults.keepalives()).send(exchange);
            return;
        }
        Faults.StreamMode mode = faults.takeStreamMode();
        if (mode == Faults.StreamMode.CLOSE_BEFORE_ANSWER) {
            throw new Faults.DropConnection();
        }
        exchange.getResponseHeaders().set("Content-Type", CONNECT_JSON);
        byte[] startEvent = EnvelopeWriter.envelope(0, event("start", Exchanges.JSON.createObjectNode().put("pid", started.pid())));
        byte[] next = EnvelopeWriter.envelope(0, event("keepalive", Exchanges.JSON.createObjectNode()));
        if (mode == Faults.StreamMode.DROP_CONNECTION) {
            exchange.sendResponseHeaders(200, 1_000_000);
            OutputStream out = exchange.getResponseBody();
            out.write(startEvent);
            out.write(next, 0, 7);
            out.flush();
            throw new Faults.DropConnection();
        }
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        EnvelopeWriter writer = new EnvelopeWriter(out, mode == Faults.StreamMode.BYTE_BY_BYTE);
        writer.writeRaw(startEvent);
        if (mode == Faults.StreamMode.CUT_INSIDE_ENVELOPE) {
            writer.writeRaw(Arrays.copyOf(next, 7));
            return;
        }
        CommandResult result;
        while (true) {
            try {
                result = started.result().get(keepalive.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException quiet) {
                if (faults.keepalives()) {
                    writer.write(0, event("keepalive", Exchanges.JSON.createObjectNode()));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CommandTimeoutException timedOut) {
                    writeOutput(writer, timedOut.stdout(), timedOut.stderr());
                    writer.write(EnvelopeWriter.END_STREAM, endStreamError("deadline_exceeded", "context deadline exceeded"));
                } else {
                    writer.write(EnvelopeWriter.END_STREAM, endStreamError("internal", String.valueOf(e.getCause())));
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        writeOutput(writer, result.stdout(), result.stderr());
        ObjectNode end = Exchanges.JSON.createObjectNode();
        if (result.exitCode() != 0) {
            end.put("exitCode", result.exitCode());
            end.put("error", "exit status " + result.exitCode());
        }
        end.put("exited", true);
        end.put("status", "exit status " + result.exitCode());
        writer.write(0, event("end", end));
        if (mode != Faults.StreamMode.NO_END_OF_STREAM) {
            writer.write(EnvelopeWriter.END_STREAM, Exchanges.JSON.createObjectNode());
        }
    }

    private static void writeOutput(EnvelopeWriter writer, String stdout, String stderr) throws IOException {
        writeData(writer, "stdout", stdout.getBytes(StandardCharsets.UTF_8));
        writeData(writer, "stderr", stderr.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeData(EnvelopeWriter writer, String stream, byte[] bytes) throws IOException {
        for (int from = 0; from < bytes.length; from += MAX_DATA_CHUNK) {
            byte[] chunk = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + MAX_DATA_CHUNK));
            writer.write(0, event("data", Exchanges.JSON.createObjectNode().put(stream, Base64.getEncoder().encodeToString(chunk))));
        }
    }

    private static ObjectNode event(String kind, JsonNode value) {
        ObjectNode event = Exchanges.JSON.createObjectNode();
        event.putObject("event").set(kind, value);
        return event;
    }

    private static ObjectNode endStreamError(String code, String message) {
        ObjectNode end = Exchanges.JSON.createObjectNode();
        end.putObject("error").put("code", code).put("message", message);
        return end;
    }

    /** envd's default is 90 s when the header is absent or invalid. */
    private static Duration keepaliveInterval(HttpExchange exchange) {
        try {
            long seconds = Long.parseLong(exchange.getRequestHeaders().getFirst("Keepalive-Ping-Interval"));
            return Duration.ofSeconds(seconds > 0 ? seconds : 90);
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(90);
        }
    }

    private static void connectStreamError(HttpExchange exchange, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONNECT_JSON);
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(EnvelopeWriter.envelope(EnvelopeWriter.END_STREAM, endStreamError(code, message)));
    }

    /** Makes the HTTP server close the connection mid-body, as a crashed proxy would. */
    // ---- unary calls ----

    /** A unary handler's failure, answered as a Connect error. */
    private static final class ConnectFailure extends RuntimeException {
        final int status;
        final String code;

        ConnectFailure(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface Unary {
        JsonNode call(ServerSandbox sandbox, JsonNode request);
    }

    private void unary(HttpExchange exchange, ServerSandbox sandbox, Unary handler) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            Exchanges.text(exchange, 415, "unsupported content type");
            return;
        }
        byte[] body = Exchanges.body(exchange);
        if (body.length == 0) {
            connectError(exchange, 400, "invalid_argument", "zero-length payload is not a valid JSON object");
            return;
        }
        try {
            Exchanges.json(exchange, 200, handler.call(sandbox, Exchanges.JSON.readTree(body)));
        } catch (ConnectFailure f) {
            connectError(exchange, f.status, f.code, f.getMessage());
        }
    }

    private static void connectError(HttpExchange exchange, int status, String code, String message) throws IOException {
        Exchanges.json(exchange, status, Map.of("code", code, "message", message));
    }

    private JsonNode sendSignal(ServerSandbox sandbox, JsonNode request) {
        long pid = request.path("process").path("pid").asLong();
        ServerProcess process = sandbox.process(pid);
        if (process == null || !process.running()) {
            throw new ConnectFailure(404, "not_found", "process with pid " + pid + " not found");
        }
        sandbox.signal(pid, request.path("signal").asText());
        return Exchanges.JSON.createObjectNode();
    }

    /** envd's SendInput: the bytes go to the process's standard input pipe, if it has one. */
    private JsonNode sendInput(ServerSandbox sandbox, JsonNode request) {
        ServerProcess process = runningProcess(sandbox, request);
        JsonNode input = request.path("input");
        if (input.has("pty")) {
            throw new ConnectFailure(400, "failed_precondition",
                    "tty not assigned to process — input should be written to the stdin, not the tty");
        }
        if (!input.has("stdin")) {
            throw new ConnectFailure(501, "unimplemented", "invalid input type");
        }
        if (process.attached() == null) {
            throw new ConnectFailure(400, "failed_precondition", "stdin not enabled or closed");
        }
        byte[] bytes = Base64.getDecoder().decode(input.path("stdin").asText());
        synchronized (process) {
            try {
                process.attached().getOutputStream().write(bytes);
                process.attached().getOutputStream().flush();
            } catch (IOException e) {
                throw new ConnectFailure(400, "failed_precondition", "error writing to stdin: " + e.getMessage());
            }
        }
        return Exchanges.JSON.createObjectNode();
    }

    private JsonNode closeStdin(ServerSandbox sandbox, JsonNode request) {
        ServerProcess process = runningProcess(sandbox, request);
        if (process.attached() != null) {
            synchronized (process) {
                try {
                    process.attached().getOutputStream().close();
                } catch (IOException alreadyClosed) {
                    // Closed either way.
                }
            }
        }
        return Exchanges.JSON.createObjectNode();
    }

    private static ServerProcess runningProcess(ServerSandbox sandbox, JsonNode request) {
        long pid = request.path("process").path("pid").asLong();
        ServerProcess process = sandbox.process(pid);
        if (process == null || !process.running()) {
            throw new ConnectFailure(404, "not_found", "process with pid " + pid + " not found");
        }
        return process;
    }

    private JsonNode list(ServerSandbox sandbox, JsonNode request) {
        ObjectNode answer = Exchanges.JSON.createObjectNode();
        ArrayNode processes = answer.putArray("processes");
        for (ServerProcess p : sandbox.running()) {
            ObjectNode item = processes.addObject();
            ObjectNode config = item.putObject("config");
            config.put("cmd", p.cmd());
            p.args().forEach(config.putArray("args")::add);
            if (p.cwd() != null) {
                config.put("cwd", p.cwd());
            }
            item.put("pid", p.pid());
        }
        return answer;
    }

    private JsonNode stat(ServerSandbox sandbox, JsonNode request) {
        String path = ServerSandbox.resolve(request.path("path").asText());
        CommandResult r = sandbox.shell("[ -e \"$1\" ] || [ -L \"$1\" ] || exit 44; find \"$1\" -maxdepth 0 -printf \"$2\"",
                path, FIND_FORMAT);
        check(r, path);
        return entryAnswer(r.stdout());
    }

    private JsonNode makeDir(ServerSandbox sandbox, JsonNode request) {
        String path = ServerSandbox.resolve(request.path("path").asText());
        CommandResult r = sandbox.shell("if [ -d \"$1\" ]; then exit 46; elif [ -e \"$1\" ]; then exit 45; fi;"
                + " mkdir -p -- \"$1\" && find \"$1\" -maxdepth 0 -printf \"$2\"", path, FIND_FORMAT);
        check(r, path);
        return entryAnswer(r.stdout());
    }

    private JsonNode listDir(ServerSandbox sandbox, JsonNode request) {
        String path = ServerSandbox.resolve(request.path("path").asText());
        int depth = Math.max(1, request.path("depth").asInt(1));
        CommandResult r = sandbox.shell("[ -d \"$1\" ] || { [ -e \"$1\" ] && exit 45; exit 44; };"
                + " find \"$1\" -mindepth 1 -maxdepth \"$3\" -printf \"$2\"", path, FIND_FORMAT, Integer.toString(depth));
        check(r, path);
        ObjectNode answer = Exchanges.JSON.createObjectNode();
        ArrayNode entries = answer.putArray("entries");
        r.stdout().lines().filter(l -> !l.isEmpty()).map(EnvdHandler::entry).forEach(entries::add);
        return answer;
    }

    private JsonNode remove(ServerSandbox sandbox, JsonNode request) {
        String path = ServerSandbox.resolve(request.path("path").asText());
        check(sandbox.shell("rm -rf -- \"$1\"", path), path);
        return Exchanges.JSON.createObjectNode();
    }

    private JsonNode move(ServerSandbox sandbox, JsonNode request) {
        String source = ServerSandbox.resolve(request.path("source").asText());
        String destination = ServerSandbox.resolve(request.path("destination").asText());
        CommandResult r = sandbox.shell("[ -e \"$1\" ] || [ -L \"$1\" ] || exit 44; mkdir -p -- \"$(dirname -- \"$2\")\""
                + " && mv -- \"$1\" \"$2\" && find \"$2\" -maxdepth 0 -printf \"$3\"", source, destination, FIND_FORMAT);
        check(r, source);
        return entryAnswer(r.stdout());
    }

    private static void check(CommandResult r, String path) {
        switch (r.exitCode()) {
            case 0 -> { }
            case 44 -> throw new ConnectFailure(404, "not_found", "no such file or directory: " + path);
            case 45 -> throw new ConnectFailure(400, "invalid_argument", "path is not a directory: " + path);
            case 46 -> throw new ConnectFailure(409, "already_exists", "directory already exists: " + path);
            default -> throw new ConnectFailure(500, "internal", r.stderr().trim());
        }
    }

    private static JsonNode entryAnswer(String findLine) {
        ObjectNode answer = Exchanges.JSON.createObjectNode();
        answer.set("entry", entry(findLine.lines().findFirst().orElseThrow()));
        return answer;
    }

    /** One {@code find -printf} line as envd's EntryInfo in proto3 JSON (int64 size as a string). */
    private static ObjectNode entry(String line) {
        String[] f = line.split("\t", -1);
        ObjectNode entry = Exchanges.JSON.createObjectNode();
        String path = f[7];
        entry.put("name", path.substring(path.lastIndexOf('/') + 1));
        entry.put("type", switch (f[0]) {
            case "d" -> "FILE_TYPE_DIRECTORY";
            case "l" -> "FILE_TYPE_SYMLINK";
            default -> "FILE_TYPE_FILE";
        });
        entry.put("path", path);
        entry.put("size", f[1]);
        int mode = Integer.parseInt(f[2], 8) | (f[0].equals("d") ? 0x80000000 : 0);
        entry.put("mode", Integer.toUnsignedLong(mode));
        entry.put("permissions", f[3]);
        entry.put("owner", f[4]);
        entry.put("group", f[5]);
        double seconds = Double.parseDouble(f[6]);
        entry.put("modifiedTime", Instant.ofEpochMilli((long) (seconds * 1000)).atOffset(ZoneOffset.UTC).toString());
        if (!f[8].isEmpty()) {
            entry.put("symlinkTarget", f[8]);
        }
        return entry;
    }

    // ---- /files ----

    private void files(HttpExchange exchange, ServerSandbox sandbox) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        String username = query.get("username");
        if (username != null && !username.isEmpty() && !username.equals("user")) {
            Exchanges.json(exchange, 401, Exchanges.apiError(401, "invalid username: '" + username + "'"));
            return;
        }
        String path = query.get("path");
        switch (exchange.getRequestMethod()) {
            case "GET" -> download(exchange, sandbox, path);
            case "POST" -> upload(exchange, sandbox, path);
            default -> Exchanges.text(exchange, 405, "method not allowed");
        }
    }

    private static void download(HttpExchange exchange, ServerSandbox sandbox, String path) throws IOException {
        if (path == null || path.isEmpty()) {
            Exchanges.json(exchange, 400, Exchanges.apiError(400, "path is required"));
            return;
        }
        byte[] content;
        try {
            content = sandbox.local().readFile(path);
        } catch (InvalidInputException e) {
            Exchanges.json(exchange, 400, Exchanges.apiError(400, "path '" + path + "' is a directory"));
            return;
        } catch (PermissionDeniedException e) {
            Exchanges.json(exchange, 500, Exchanges.apiError(500, "permission denied: " + path));
            return;
        } catch (VmServiceException e) {
            Exchanges.json(exchange, 404, Exchanges.apiError(404, "path '" + path + "' does not exist"));
            return;
        }
        Exchanges.send(exchange, 200, "application/octet-stream", content);
    }

    private static void upload(HttpExchange exchange, ServerSandbox sandbox, String path) throws IOException {
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] body = Exchanges.body(exchange);
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        if (type.startsWith("application/octet-stream")) {
            if (path == null || path.isEmpty()) {
                Exchanges.json(exchange, 400, Exchanges.apiError(400, "path is required for application/octet-stream"));
                return;
            }
            uploads.put(path, body);
        } else if (type.startsWith("multipart/form-data")) {
            Multipart.parts(type, body).forEach((filename, content) -> uploads.put(path != null ? path : filename, content));
        } else {
            Exchanges.json(exchange, 400, Exchanges.apiError(400, "unsupported content type " + type));
            return;
        }
        ArrayNode answer = Exchanges.JSON.createArrayNode();
        for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
            try {
                sandbox.local().writeFile(upload.getKey(), upload.getValue());
            } catch (VmServiceException e) {
                Exchanges.json(exchange, e instanceof InvalidInputException ? 400 : 500, Exchanges.apiError(
                        e instanceof InvalidInputException ? 400 : 500, e.getMessage()));
                return;
            }
            String full = ServerSandbox.resolve(upload.getKey());
            answer.addObject().put("path", full).put("name", full.substring(full.lastIndexOf('/') + 1)).put("type", "file");
        }
        Exchanges.json(exchange, 200, answer);
    }

    private static String basicUser(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
    }
}
