package io.vmservice.provider.e2b;

import java.util.List;

/** One page of a listing; {@code nextToken} is null on the last page. */
public record SandboxPage(List<SandboxDetail> sandboxes, String nextToken) {

    public SandboxPage {
        sandboxes = List.copyOf(sandboxes);
    }

    public boolean hasNext() {
        return nextToken != null;
    }
}
