package io.vmservice.samples.service;

import io.javalin.Javalin;
import io.vmservice.VmServiceClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The REST service on a free loopback port with its own client, and a way to call it as a user. */
final class SessionApiServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final VmServiceClient client;
    private final Javalin server;
    private final String base;

    SessionApiServer(int maxSandboxes) {
        client = VmServiceClient.builder().maxConcurrentSandboxes(maxSandboxes).build();
        server = SessionApi.create(client).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    VmServiceClient client() {
        return client;
    }

    /** Calls a route as {@code user} (no user header when null) with a JSON body (none when null). */
    HttpResponse<String> call(String method, String path, String user, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header(SessionApi.USER_HEADER, user);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        client.close();
    }
}
