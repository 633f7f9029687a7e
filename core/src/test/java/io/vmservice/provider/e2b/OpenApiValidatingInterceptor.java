package io.vmservice.provider.e2b;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * Checks every control-plane exchange on the wire against E2B's OpenAPI spec
 * ({@code e2b/openapi.yml} on the test class path) with Atlassian's swagger-request-validator: method and path,
 * query parameters, the {@code X-API-Key} security scheme, request bodies, status codes and
 * response bodies. Violations are collected; tests fail on any with {@link #assertNoViolations()}.
 *
 * <p>One allowance, and only for the statuses PROTOCOL.md documents as coming from E2B's rate
 * limiter and edge proxy rather than from the API's handlers: 429 and 502 need not be listed
 * for the operation.
 */
final class OpenApiValidatingInterceptor implements Interceptor {

    private static final Set<Integer> FROM_THE_EDGE = Set.of(429, 502);

    private final OpenApiInteractionValidator validator;
    private final int port;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();

    /** @param port only exchanges with this port (the control plane's) are checked */
    OpenApiValidatingInterceptor(int port) {
        this.port = port;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec())
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("statuses answered by E2B's edge and rate limiter",
                        WhitelistRules.allOf(WhitelistRules.messageHasKey("validation.response.status.unknown"),
                                (message, operation, request, response) -> response != null
                                        && FROM_THE_EDGE.contains(response.getStatus()))))
                .build();
    }

    /** E2B's published spec, kept with the tests as {@code e2b/openapi.yml} (see PROVENANCE.txt beside it). */
    static String spec() {
        try (InputStream in = OpenApiValidatingInterceptor.class.getResourceAsStream("/e2b/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("E2B's OpenAPI spec e2b/openapi.yml is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read E2B's OpenAPI spec", e);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.url().port() != port) {
            return chain.proceed(request);
        }
        Response response = chain.proceed(request);
        SimpleRequest.Builder req = new SimpleRequest.Builder(request.method(), request.url().encodedPath());
        for (String name : request.url().queryParameterNames()) {
            req.withQueryParam(name, request.url().queryParameterValues(name));
        }
        request.headers().names().forEach(name -> req.withHeader(name, request.headers(name)));
        if (request.body() != null) {
            Buffer body = new Buffer();
            request.body().writeTo(body);
            req.withBody(body.readByteArray());
        }
        SimpleResponse.Builder res = new SimpleResponse.Builder(response.code());
        response.headers().names().forEach(name -> res.withHeader(name, response.headers(name)));
        byte[] responseBody = response.peekBody(Long.MAX_VALUE).bytes();
        if (responseBody.length > 0) {
            res.withBody(responseBody);
        }
        ValidationReport report = validator.validate(req.build(), res.build());
        String exchange = request.method() + " " + request.url().encodedPath() + " -> " + response.code();
        checked.add(exchange);
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(exchange + ": " + message.getKey() + ": " + message.getMessage());
            }
        }
        return response;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every exchange checked so far, as "METHOD /path -> status". */
    List<String> checked() {
        return List.copyOf(checked);
    }

    void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("E2B's OpenAPI spec was violated:\n  " + String.join("\n  ", violations));
        }
    }
}
