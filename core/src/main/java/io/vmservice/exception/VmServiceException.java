package io.vmservice.exception;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The root of every error this SDK raises. It carries a stable machine-readable
 * {@link #errorCode()} and a map form ({@link #toMap()}) that services can return as JSON, as
 * the seed SDK's {@code to_dict()} does.
 */
public class VmServiceException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String errorCode;
    private final Map<String, Object> details;

    public VmServiceException(String errorCode, String message) {
        this(errorCode, message, Map.of(), null);
    }

    public VmServiceException(String errorCode, String message, Map<String, ?> details, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.details = Map.copyOf(details);
    }

    public String errorCode() {
        return errorCode;
    }

    /** Structured facts about the error (ids, limits, sizes); never secrets. */
    public Map<String, Object> details() {
        return details;
    }

    /** {@code {"error_code": ..., "message": ..., "details": {...}}}, the seed's error shape. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("error_code", errorCode);
        map.put("message", getMessage());
        map.put("details", new LinkedHashMap<>(details));
        return map;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error map is not serialisable", e);
        }
    }
}
