package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The Connect protocol (JSON codec) to one sandbox's envd over HTTP/1.1: unary calls, server
 * streams in 5-byte envelopes, and the plain {@code /files} endpoints. Headers are set by
 * {@link EnvdHeadersInterceptor}; the transport comes from the provider's shared OkHttp client.
 * Only downloads and {@link #READ_ONLY} calls are sent again after a connection failure (by
 * {@link RetryInterceptor}); a process start or a file write is sent once.
 */
final class EnvdClient {

    static final MediaType CONNECT_JSON = MediaType.get("application/connect+json");
    static final String CONNECT_TIMEOUT = "Connect-Timeout-Ms";
    static final String KEEPALIVE = "Keepalive-Ping-Interval";
    /** Unary procedures that only read, so sending one again cannot do anything twice. */
    static final Set<String> READ_ONLY = Set.of("filesystem.Filesystem/Stat", "filesystem.Filesystem/ListDir",
            "process.Process/List");

    private final String sandboxId;
    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final Duration keepaliveInterval;

    EnvdClient(String sandboxId, EnvdAddress address, OkHttpClient http, Duration keepaliveInterval) {
        this.sandboxId = sandboxId;
        this.baseUrl = address.baseUrl();
        this.http = http;
        this.keepaliveInterval = keepaliveInterval;
    }

    String sandboxId() {
        return sandboxId;
    }

    HttpUrl url(String path) {
        return baseUrl.newBuilder().encodedPath(path).build();
    }

    OkHttpClient http() {
        return http;
    }

    /**
     * A unary call: POST the request as JSON, read the JSON answer or a Connect error. Only
     * {@link #READ_ONLY} procedures are marked safe to send again.
     */
    JsonNode unary(String procedure, Object request, String what, String notFoundCode) {
        Request.Builder post = new Request.Builder().url(url("/" + procedure))
                .header("Connect-Protocol-Version", "1")
                .post(RequestBody.create(Json.bytes(request), Json.APPLICATION_JSON));
        if (READ_ONLY.contains(procedure)) {
            post.tag(Idempotent.class, Idempotent.YES);
        }
        try (Response response = http.newCall(post.build()).execute()) {
            byte[] body = response.body().bytes();
            if (response.code() != 200) {
                throw failure(response.code(), body, what, notFoundCode);
            }
            return Json.tree(body.length == 0 ? "{}".getBytes() : body, what + " answer");
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    /**
     * Opens a server stream. The request goes as one envelope; the answer is checked for HTTP
     * errors (the edge's 502 or 429, envd's 401) before any envelope is read.
     *
     * @param deadline sent as {@code Connect-Timeout-Ms} (for a process: its lifetime), or null
     *                 for none; the whole call is also cut off {@code callTimeout} after it starts (zero: never)
     */
    ConnectStream serverStream(String procedure, Object request, Duration deadline, Duration callTimeout,
                               String what, String notFoundCode) throws InterruptedIOException {
        byte[] json = Json.bytes(request);
        Buffer envelope = new Buffer().writeByte(0).writeInt(json.length).write(json);
        Request.Builder post = new Request.Builder().url(url("/" + procedure))
                .header("Connect-Protocol-Version", "1")
                .header(KEEPALIVE, Long.toString(Math.max(1, keepaliveInterval.toSeconds())))
                .post(RequestBody.create(envelope.readByteArray(), CONNECT_JSON));
        if (deadline != null) {
            // Never 0: Connect servers read it as a deadline that has already passed.
            post.header(CONNECT_TIMEOUT, Long.toString(Math.max(1, deadline.toMillis())));
        }
        Call call = http.newCall(post.build());
        call.timeout().timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = call.execute();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(what, e);
        }
        if (response.code() != 200) {
            try (response) {
                byte[] body = response.body().bytes();
                throw failure(response.code(), body, what, notFoundCode);
            } catch (IOException e) {
                throw EnvdErrors.forStatus(response.code(), null, "", sandboxId, what, notFoundCode);
            }
        }
        return new ConnectStream(response, sandboxId, what, notFoundCode);
    }

    VmServiceException failure(int status, byte[] body, String what, String notFoundCode) {
        ConnectError error = null;
        String message = "";
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            error = ConnectError.fromJson(node);
            if (node != null && node.hasNonNull("message")) {
                message = node.get("message").asText();
            }
        } catch (IOException notJson) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
            message = text.startsWith("<") || text.length() > 300 ? "" : text;
        }
        return EnvdErrors.forStatus(status, error, message, sandboxId, what, notFoundCode);
    }

    ProviderUnavailableException unreachable(String what, IOException e) {
        return new ProviderUnavailableException("envd of sandbox " + sandboxId + " could not be reached to " + what
                + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    @Override
    public String toString() {
        return "EnvdClient[" + sandboxId + " at " + baseUrl + "]";
    }
}
