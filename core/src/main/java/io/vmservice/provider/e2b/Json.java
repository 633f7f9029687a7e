package io.vmservice.provider.e2b;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * The one JSON mapper of the provider. Unknown fields are ignored (E2B adds fields; proto3 JSON
 * omits defaults), absent fields are left out of requests, and int64 values that proto3 JSON
 * writes as strings are read into numbers.
 */
final class Json {

    static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    static RequestBody body(Object value) {
        return RequestBody.create(bytes(value), APPLICATION_JSON);
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    private static VmServiceException malformed(String what, IOException e) {
        return new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "E2B sent a malformed " + what + ": "
                + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), Map.of(), e);
    }
}
