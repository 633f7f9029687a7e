package io.vmservice.provider.e2b;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a create whose answer was lost after the request went out: E2B may have made the
 * sandbox or not. The request carried a one-off {@link ControlPlaneClient#CREATE_ID_KEY}, so the
 * sandbox is looked for by it, for up to {@code search} (E2B lists a sandbox once it has started,
 * and a create may still be under way). Found, it is adopted; not found, the create fails and
 * nothing runs.
 */
final class UnansweredCreate {

    static final String OUTCOME_UNKNOWN = ErrorCodes.CREATE_OUTCOME_UNKNOWN;
    private static final Logger LOG = LoggerFactory.getLogger(UnansweredCreate.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final ControlPlaneClient api;
    private final Duration search;

    UnansweredCreate(ControlPlaneClient api, Duration search) {
        this.api = api;
        this.search = search;
    }

    /**
     * The sandbox this create made, or an exception saying that it made none (or, if E2B could
     * not be asked, that this is unknown).
     *
     * @param lost what the create met instead of its answer
     */
    RunningSandbox resolve(NewSandbox request, String createId, VmServiceException lost) {
        String label = ControlPlaneClient.CREATE_ID_KEY + "=" + createId;
        SandboxQuery query = SandboxQuery.withMetadata(Map.of(ControlPlaneClient.CREATE_ID_KEY, createId));
        LOG.warn("{}; looking for a sandbox with metadata {}", lost.getMessage(), label);
        Poll.Outcome<List<SandboxDetail>> listed;
        try {
            listed = Poll.await("E2B to list a sandbox with metadata " + label, search, POLL_INTERVAL)
                    .until(List.<SandboxDetail>of(), none -> api.listAll(query), list -> !list.isEmpty());
        } catch (VmServiceException unreachable) {
            throw unknown(request, createId, lost, "E2B could not be asked whether it made one: " + unreachable.getMessage());
        }
        List<SandboxDetail> found = listed.orElseThrow(none -> new ProviderUnavailableException(lost.getMessage()
                + "; E2B listed no sandbox with metadata " + label + " for " + search.toMillis()
                + " ms after, so none was made and creating again is safe", lost));
        // Adopted, not killed: the one-off id says this is exactly the sandbox this call asked for
        // and nobody else's. Killing it would only make the caller create another, paying for a
        // second start to get the same thing. A listing holds no access token, hence the get.
        String sandboxId = found.get(0).sandboxId();
        String whyNot;
        try {
            SandboxDetail detail = api.get(sandboxId);
            if (detail.running()) {
                LOG.warn("adopted E2B sandbox {}, made by the create whose answer was lost", sandboxId);
                return detail.access();
            }
            whyNot = "it is " + detail.state() + ", not running";
        } catch (VmServiceException e) {
            whyNot = e.getMessage();
        }
        try {
            api.kill(sandboxId);
        } catch (VmServiceException e) {
            throw unknown(request, createId, lost, "E2B made sandbox " + sandboxId + ", which could neither be taken over ("
                    + whyNot + ") nor killed (" + e.getMessage() + ")");
        }
        throw new SandboxCreationException(lost.getMessage() + "; E2B made sandbox " + sandboxId + ", which could not be"
                + " taken over (" + whyNot + ") and has been killed", lost);
    }

    private static VmServiceException unknown(NewSandbox request, String createId, VmServiceException lost, String why) {
        return new VmServiceException(OUTCOME_UNKNOWN, lost.getMessage() + "; " + why + ". A sandbox made by this"
                + " create carries metadata " + ControlPlaneClient.CREATE_ID_KEY + "=" + createId
                + " and ends at its timeout of " + request.timeout() + " s", Map.of("create_id", createId), lost);
    }
}
