package io.vmservice.provider.e2b;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A request tag that says whether the request went out. {@link #NETWORK_INTERCEPTOR} marks it
 * once OkHttp holds a connection for it, just before the request is written: a call that fails
 * unmarked never reached E2B, one that fails marked may have been read and acted on.
 */
final class WriteMark {

    /** Marks the request's {@code WriteMark}, if it has one; installed as a network interceptor. */
    static final Interceptor NETWORK_INTERCEPTOR = WriteMark::mark;

    private volatile boolean written;

    boolean written() {
        return written;
    }

    private static Response mark(Interceptor.Chain chain) throws IOException {
        WriteMark mark = chain.request().tag(WriteMark.class);
        if (mark != null) {
            mark.written = true;
        }
        return chain.proceed(chain.request());
    }
}
