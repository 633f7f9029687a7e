package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.util.Map;

/**
 * One event of envd's {@code Process/Start} stream ({@code {"event": {...}}}, a oneof): the pid
 * first, then output, then the end; keepalives whenever the process is quiet. Proto3 JSON leaves
 * out default values, so a missing {@code exitCode} is 0.
 */
sealed interface ProcessEvent {

    record Start(long pid) implements ProcessEvent {
    }

    record Data(byte[] stdout, byte[] stderr) implements ProcessEvent {
    }

    /** @param exited false when a signal ended the process (then exitCode is -1) */
    record End(int exitCode, boolean exited, String status, String error) implements ProcessEvent {
    }

    record Keepalive() implements ProcessEvent {
    }

    static ProcessEvent parse(JsonNode message) {
        JsonNode event = message.path("event");
        if (event.has("start")) {
            return new Start(event.path("start").path("pid").asLong());
        }
        if (event.has("data")) {
            JsonNode data = event.path("data");
            return new Data(bytes(data.get("stdout")), bytes(data.get("stderr")));
        }
        if (event.has("end")) {
            JsonNode end = event.path("end");
            return new End(end.path("exitCode").asInt(0), end.path("exited").asBoolean(false),
                    end.path("status").asText(""), end.hasNonNull("error") ? end.get("error").asText() : null);
        }
        if (event.has("keepalive")) {
            return new Keepalive();
        }
        throw new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "envd sent a process event of no known kind: "
                + event.fieldNames().next(), Map.of(), null);
    }

    private static byte[] bytes(JsonNode base64) {
        if (base64 == null || base64.isNull()) {
            return new byte[0];
        }
        try {
            return base64.binaryValue();
        } catch (IOException e) {
            throw new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "envd sent output that is not base64", Map.of(), e);
        }
    }
}
