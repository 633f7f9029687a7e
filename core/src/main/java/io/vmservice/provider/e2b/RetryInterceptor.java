package io.vmservice.provider.e2b;

import io.vmservice.internal.Poll;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what the provider sends again. Only safe requests
 * ({@link Idempotent}: by method, or a POST tagged so) are repeated, after a connection failure
 * or one of the given statuses, with exponential backoff. A 429's {@code RateLimit-Reset} or
 * {@code Retry-After} header sets the wait instead, when it fits the policy; a longer one is
 * handed back to the caller at once.
 *
 * <p>OkHttp's own {@code retryOnConnectionFailure} is off in every client of the provider: it
 * would send a POST again on a reused connection that broke after the server had read it, and a
 * sandbox would be created, or a process started, twice.
 */
final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
    private static final Set<Integer> RATE_LIMIT_AND_EDGE = Set.of(429, 502, 503, 504);

    private final RetryPolicy policy;
    private final Set<Integer> retryableStatuses;

    private RetryInterceptor(RetryPolicy policy, Set<Integer> retryableStatuses) {
        this.policy = policy;
        this.retryableStatuses = retryableStatuses;
    }

    /** The control plane's: connection failures, its rate limiter's 429 and its edge's 502, 503 and 504. */
    static RetryInterceptor controlPlane(RetryPolicy policy) {
        return new RetryInterceptor(policy, RATE_LIMIT_AND_EDGE);
    }

    /** envd's: connection failures only. Its statuses are answers (a 502 says the sandbox is gone). */
    static RetryInterceptor envd(RetryPolicy policy) {
        return new RetryInterceptor(policy, Set.of());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean safe = Idempotent.isSafe(request);
        for (int retry = 1; ; retry++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!safe || retry > policy.maxRetries() || chain.call().isCanceled() || e instanceof InterruptedIOException) {
                    throw e;
                }
                Duration wait = policy.backoff(retry);
                LOG.debug("{} {} failed ({}); retry {} of {} in {} ms", request.method(), request.url().encodedPath(),
                        e.getClass().getSimpleName(), retry, policy.maxRetries(), wait.toMillis());
                pause(wait);
                continue;
            }
            if (!safe || !retryableStatuses.contains(response.code()) || retry > policy.maxRetries()) {
                return response;
            }
            Duration hinted = serverHint(response);
            if (hinted != null && hinted.compareTo(policy.maxDelay()) > 0) {
                return response;
            }
            Duration wait = hinted != null ? hinted : policy.backoff(retry);
            LOG.debug("{} {} answered {}; retry {} of {} in {} ms", request.method(), request.url().encodedPath(),
                    response.code(), retry, policy.maxRetries(), wait.toMillis());
            response.close();
            pause(wait);
        }
    }

    /** How long the server asked us to wait: RateLimit-Reset (seconds), else Retry-After (seconds or a date). */
    static Duration serverHint(Response response) {
        Duration reset = seconds(response.header("RateLimit-Reset"));
        if (reset != null) {
            return reset;
        }
        String retryAfter = response.header("Retry-After");
        Duration after = seconds(retryAfter);
        if (after != null || retryAfter == null) {
            return after;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(Instant.now(), at);
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            long s = Long.parseLong(value.trim());
            return s < 0 ? null : Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Waits until the retry time has come; an interrupt ends the call as OkHttp's own timeouts do. */
    private static void pause(Duration wait) throws InterruptedIOException {
        if (wait.isZero()) {
            return;
        }
        long due = System.nanoTime() + wait.toNanos();
        try {
            if (!Poll.await("the next retry", wait.plusSeconds(1), Duration.ofMillis(10)).firstLookAfter(wait)
                    .untilTrue(() -> System.nanoTime() - due >= 0)) {
                throw new InterruptedIOException("retry wait did not end");
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
            throw e;
        }
    }
}
