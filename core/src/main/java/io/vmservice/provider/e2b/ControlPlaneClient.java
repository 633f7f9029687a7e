package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * E2B's REST control plane ({@code https://api.e2b.app}): create, describe, list, extend,
 * connect to and kill sandboxes. Every request carries {@code X-API-Key}; safe requests are
 * retried by {@link RetryInterceptor}; failures become typed exceptions through {@link ApiErrors}.
 */
public final class ControlPlaneClient {

    /** Metadata key of the one-off id each create sends, by which a create whose answer was lost finds its sandbox. */
    public static final String CREATE_ID_KEY = "vmservice.createId";
    static final Duration DEFAULT_LOST_CREATE_SEARCH = Duration.ofSeconds(10);
    /** The edge's answers that may come after E2B got the request: the sandbox may exist. */
    private static final Set<Integer> EDGE_LOST_THE_ANSWER = Set.of(502, 504);

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final OkHttpClient createHttp;
    private final ApiErrors errors;
    private final UnansweredCreate unanswered;

    ControlPlaneClient(HttpUrl baseUrl, OkHttpClient http, Secret apiKey, Duration lostCreateSearch) {
        this.baseUrl = baseUrl;
        this.http = http;
        // A create goes on a connection of its own, never a pooled one that the server may have
        // closed while it idled: such a connection fails after the request went out, and the
        // create would have to be resolved for nothing.
        this.createHttp = http.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .addNetworkInterceptor(WriteMark.NETWORK_INTERCEPTOR)
                .build();
        this.errors = new ApiErrors(apiKey);
        this.unanswered = new UnansweredCreate(this, lostCreateSearch);
    }

    /**
     * {@code POST /sandboxes}, sent once: it makes at most one sandbox. The request carries a
     * one-off {@value #CREATE_ID_KEY} in its metadata. When the answer is lost after the request
     * went out (the connection dropped, the answer was cut, the call timed out, the edge answered
     * 502 or 504), E2B may or may not have made the sandbox; {@link UnansweredCreate} then looks
     * for it by that id and returns it, or fails saying whether one was made.
     */
    public RunningSandbox create(NewSandbox request) {
        String createId = UUID.randomUUID().toString();
        NewSandbox tagged = request.withMetadata(CREATE_ID_KEY, createId);
        String what = "create a sandbox from template \"" + request.templateId() + "\"";
        WriteMark mark = new WriteMark();
        Request post = new Request.Builder().url(url("sandboxes")).post(Json.body(tagged))
                .tag(WriteMark.class, mark).build();
        VmServiceException lost;
        try (Response response = createHttp.newCall(post).execute()) {
            if (!EDGE_LOST_THE_ANSWER.contains(response.code())) {
                check(response, what, null, 201);
                return Json.read(response.body().bytes(), RunningSandbox.class, "sandbox");
            }
            lost = errors.toException(response, what, null);
        } catch (IOException e) {
            if (!mark.written()) {
                throw unreachable(what, e);
            }
            lost = new ProviderUnavailableException("E2B's answer to " + what + " was lost on the way from "
                    + baseUrl.host() + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")", e);
        }
        return unanswered.resolve(tagged, createId, lost);
    }

    /** {@code GET /sandboxes/{id}}: the sandbox with its access token, running or paused. */
    public SandboxDetail get(String sandboxId) {
        Request get = new Request.Builder().url(url("sandboxes", sandboxId)).get().build();
        return Json.read(execute(get, "describe sandbox " + sandboxId, sandboxId, 200), SandboxDetail.class, "sandbox detail");
    }

    /** One page of {@code GET /v2/sandboxes}; pass the previous page's token to continue, or null. */
    public SandboxPage list(SandboxQuery query, String nextToken) {
        HttpUrl.Builder url = url("v2", "sandboxes").newBuilder();
        if (!query.metadata().isEmpty()) {
            url.addQueryParameter("metadata", metadataFilter(query.metadata()));
        }
        if (!query.states().isEmpty()) {
            url.addQueryParameter("state", String.join(",", query.states()));
        }
        url.addQueryParameter("limit", Integer.toString(query.limit()));
        if (nextToken != null) {
            url.addQueryParameter("nextToken", nextToken);
        }
        Request get = new Request.Builder().url(url.build()).get().build();
        try (Response response = call(get, "list sandboxes")) {
            check(response, "list sandboxes", null, 200);
            JsonNode array = Json.MAPPER.readTree(response.body().bytes());
            if (array == null || !array.isArray()) {
                throw new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "E2B sent a sandbox list that is not a JSON array");
            }
            List<SandboxDetail> page = new ArrayList<>();
            for (JsonNode item : array) {
                page.add(Json.convert(item, SandboxDetail.class, "listed sandbox"));
            }
            String next = response.header("X-Next-Token");
            return new SandboxPage(page, next == null || next.isBlank() ? null : next);
        } catch (IOException e) {
            throw unreachable("list sandboxes", e);
        }
    }

    /** Every page of a listing. */
    public List<SandboxDetail> listAll(SandboxQuery query) {
        List<SandboxDetail> all = new ArrayList<>();
        String token = null;
        do {
            SandboxPage page = list(query, token);
            all.addAll(page.sandboxes());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /**
     * {@code DELETE /sandboxes/{id}}; false when E2B no longer knows the sandbox. A kill whose
     * answer was lost is sent again (it is safe to repeat); E2B's 404 to the repeat is its word
     * that the sandbox is gone, so this returns false then, though the first attempt killed it.
     */
    public boolean kill(String sandboxId) {
        Request delete = new Request.Builder().url(url("sandboxes", sandboxId)).delete().build();
        try {
            execute(delete, "kill sandbox " + sandboxId, sandboxId, 204);
            return true;
        } catch (SandboxNotFoundException gone) {
            return false;
        }
    }

    /** {@code POST /sandboxes/{id}/timeout}: the sandbox now ends {@code timeout} from now (E2B may cap it). */
    public void setTimeout(String sandboxId, Duration timeout) {
        Request post = new Request.Builder().url(url("sandboxes", sandboxId, "timeout"))
                .post(Json.body(Map.of("timeout", seconds(timeout)))).tag(Idempotent.class, Idempotent.YES).build();
        execute(post, "set the timeout of sandbox " + sandboxId, sandboxId, 204);
    }

    /** {@code POST /sandboxes/{id}/connect}: resumes a paused sandbox; the timeout only ever extends. */
    public RunningSandbox connect(String sandboxId, Duration timeout) {
        Request post = new Request.Builder().url(url("sandboxes", sandboxId, "connect"))
                .post(Json.body(Map.of("timeout", seconds(timeout)))).tag(Idempotent.class, Idempotent.YES).build();
        return Json.read(execute(post, "connect to sandbox " + sandboxId, sandboxId, 200, 201),
                RunningSandbox.class, "sandbox");
    }

    /**
     * E2B's metadata filter is itself a query string ({@code k=v&k2=v2}, each part URL-encoded)
     * sent as one parameter, which the HTTP layer encodes again.
     */
    static String metadataFilter(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static int seconds(Duration timeout) {
        long s = (timeout.toMillis() + 999) / 1000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, s));
    }

    private static String encode(String text) {
        // encodeURIComponent, as E2B's SDK: spaces as %20, not '+'.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder builder = baseUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private byte[] execute(Request request, String what, String sandboxId, int... expected) {
        try (Response response = call(request, what)) {
            check(response, what, sandboxId, expected);
            return response.body().bytes();
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    private Response call(Request request, String what) {
        Call call = http.newCall(request);
        try {
            return call.execute();
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    private void check(Response response, String what, String sandboxId, int... expected) {
        for (int code : expected) {
            if (response.code() == code) {
                return;
            }
        }
        throw errors.toException(response, what, sandboxId);
    }

    private ProviderUnavailableException unreachable(String what, IOException e) {
        return new ProviderUnavailableException("E2B could not " + what + ": " + baseUrl.host() + " is unreachable ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    @Override
    public String toString() {
        return "ControlPlaneClient[" + baseUrl + "]";
    }
}
