package io.vmservice.samples.service;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vmservice.TenantClient;
import io.vmservice.VmServiceClient;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.MouseButton;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's REST integration in Java: sessions (sandboxes) for the user named by the
 * {@code X-User-Id} header, which an authenticating gateway in front of this service sets.
 * Every call goes through that user's {@link TenantClient}, so one user can never reach another's
 * sandbox; every SDK error comes back as HTTP 400 with the error map, as in the seed.
 */
public final class SessionApi {

    public static final String USER_HEADER = "X-User-Id";

    private final VmServiceClient client;

    private SessionApi(VmServiceClient client) {
        this.client = client;
    }

    /** The routes on a new, not yet started Javalin server. */
    public static Javalin create(VmServiceClient client) {
        SessionApi api = new SessionApi(client);
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.post("/api/sessions", api::createSession);
        app.get("/api/sessions", ctx -> ctx.json(api.tenant(ctx).listSandboxes().stream().map(SessionApi::describe).toList()));
        app.get("/api/sessions/{id}", ctx -> ctx.json(describe(api.tenant(ctx).getSandboxInfo(id(ctx)))));
        app.delete("/api/sessions/{id}", ctx -> ctx.json(Map.of("destroyed", api.tenant(ctx).destroySandbox(id(ctx)))));
        app.post("/api/sessions/{id}/click", api::click);
        app.post("/api/sessions/{id}/type", ctx -> {
            api.tenant(ctx).typeText(id(ctx), body(ctx).text());
            ctx.json(Map.of("success", true));
        });
        app.post("/api/sessions/{id}/keys", ctx -> {
            api.tenant(ctx).pressKeyCombination(id(ctx), body(ctx).keys());
            ctx.json(Map.of("success", true));
        });
        app.post("/api/sessions/{id}/launch", ctx -> {
            api.tenant(ctx).launchApplication(id(ctx), body(ctx).application());
            ctx.json(Map.of("success", true));
        });
        app.post("/api/sessions/{id}/commands", api::runCommand);
        app.get("/api/sessions/{id}/screenshot", ctx -> {
            byte[] png = api.tenant(ctx).screenshot(id(ctx));
            ctx.json(Map.of("data", HexFormat.of().formatHex(png), "size", png.length));
        });
        app.post("/api/sessions/{id}/stream", ctx -> {
            var stream = api.tenant(ctx).startStream(id(ctx));
            ctx.json(Map.of("url", stream.url(), "auth_key", stream.authKey()));
        });
        app.delete("/api/sessions/{id}/stream", ctx -> {
            api.tenant(ctx).stopStream(id(ctx));
            ctx.json(Map.of("success", true));
        });
        app.get("/api/stats", ctx -> ctx.json(client.getStats()));
        app.exception(VmServiceException.class, (e, ctx) -> ctx.status(400).json(Map.of("detail", e.toMap())));
        app.exception(io.javalin.http.BadRequestResponse.class, (e, ctx) -> ctx.status(400).json(Map.of("detail",
                new InvalidInputException("malformed request: " + e.getMessage()).toMap())));
        return app;
    }

    private void createSession(Context ctx) {
        SessionRequest request = ctx.body().isBlank() ? new SessionRequest(null, null, null) : body(ctx).session();
        SandboxConfig.Builder config = SandboxConfig.builder();
        if (request.template() != null) {
            config.template(request.template());
        }
        if (request.timeoutSeconds() != null) {
            config.timeout(Duration.ofSeconds(request.timeoutSeconds()));
        }
        if (request.resolution() != null) {
            config.resolution(io.vmservice.screen.Resolution.parse(request.resolution()));
        }
        SandboxInfo info = tenant(ctx).createSandbox(config.build());
        ctx.status(201).json(Map.of("session_id", info.sessionId(), "sandbox_id", info.sandboxId()));
    }

    private void click(Context ctx) {
        int x = intParam(ctx, "x");
        int y = intParam(ctx, "y");
        String button = ctx.queryParamMap().containsKey("button") ? ctx.queryParam("button") : "left";
        tenant(ctx).click(id(ctx), x, y, parseButton(button));
        ctx.json(Map.of("success", true));
    }

    private void runCommand(Context ctx) {
        Body body = body(ctx);
        int timeout = body.timeoutSeconds() == null ? 30 : body.timeoutSeconds();
        CommandResult result = tenant(ctx).runCommand(id(ctx), body.command(), Duration.ofSeconds(timeout));
        ctx.json(Map.of("exit_code", result.exitCode(), "stdout", result.stdout(), "stderr", result.stderr()));
    }

    private TenantClient tenant(Context ctx) {
        String user = ctx.header(USER_HEADER);
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("the " + USER_HEADER + " header naming the user is required");
        }
        return client.forUser(user);
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static Body body(Context ctx) {
        return ctx.bodyAsClass(Body.class);
    }

    private static int intParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException("query parameter " + name + " must be an integer, got \"" + value + "\"");
        }
    }

    private static MouseButton parseButton(String name) {
        try {
            return MouseButton.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("button \"" + name + "\" is not one of left, middle, right");
        }
    }

    private static Map<String, Object> describe(SandboxInfo info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sandbox_id", info.sandboxId());
        map.put("session_id", info.sessionId());
        map.put("user_id", info.userId());
        map.put("template", info.template());
        map.put("status", info.status().name().toLowerCase(Locale.ROOT));
        map.put("created_at", info.createdAt().toString());
        map.put("expires_at", info.expiresAt().toString());
        map.put("resolution", info.resolution().toString());
        return map;
    }

    /** The JSON bodies the routes accept; each route reads the fields it needs. */
    record Body(String text, List<String> keys, String application, String command,
                @com.fasterxml.jackson.annotation.JsonProperty("timeout_seconds") Integer timeoutSeconds,
                String template, String resolution) {

        SessionRequest session() {
            return new SessionRequest(template, timeoutSeconds, resolution);
        }
    }

    record SessionRequest(String template, Integer timeoutSeconds, String resolution) {
    }

    /** Serves the API on port 8080 (or the first argument) with a local-desktop client. */
    public static void main(String[] args) {
        VmServiceClient client = VmServiceClient.builder().build();
        Javalin app = create(client).start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            client.close();
        }));
    }
}
