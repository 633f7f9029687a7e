package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * envd's Filesystem service ({@code Stat}, {@code MakeDir}, {@code ListDir}, {@code Remove},
 * {@code Move}) and its plain {@code /files} endpoints for file contents. A missing path is a
 * {@code FILE_NOT_FOUND} error, as with the local provider.
 */
final class EnvdFilesystem {

    static final String FILE_NOT_FOUND = ErrorCodes.FILE_NOT_FOUND;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final EnvdClient envd;
    private final boolean rawUpload;

    /** @param envdVersion envd before 0.5.7 takes uploads only as multipart forms */
    EnvdFilesystem(EnvdClient envd, String envdVersion) {
        this.envd = envd;
        this.rawUpload = EnvdVersion.atLeast(envdVersion, 0, 5, 7);
    }

    EntryInfo stat(String path) {
        return entry(envd.unary("filesystem.Filesystem/Stat", Map.of("path", checked(path)), "stat " + path, FILE_NOT_FOUND));
    }

    /** Creates a directory and its parents; false when it already exists. */
    boolean makeDir(String path) {
        try {
            envd.unary("filesystem.Filesystem/MakeDir", Map.of("path", checked(path)), "make directory " + path, FILE_NOT_FOUND);
            return true;
        } catch (VmServiceException e) {
            if (e.errorCode().equals(ErrorCodes.ENVD_ALREADY_EXISTS)) {
                return false;
            }
            throw e;
        }
    }

    List<EntryInfo> listDir(String path, int depth) {
        if (depth < 1) {
            throw new InvalidInputException("listing depth must be at least 1, got " + depth);
        }
        JsonNode answer = envd.unary("filesystem.Filesystem/ListDir", Map.of("path", checked(path), "depth", depth),
                "list " + path, FILE_NOT_FOUND);
        List<EntryInfo> entries = new ArrayList<>();
        for (JsonNode entry : answer.path("entries")) {
            entries.add(Json.convert(entry, EntryInfo.class, "directory entry"));
        }
        return entries;
    }

    void remove(String path) {
        envd.unary("filesystem.Filesystem/Remove", Map.of("path", checked(path)), "remove " + path, FILE_NOT_FOUND);
    }

    EntryInfo move(String source, String destination) {
        return entry(envd.unary("filesystem.Filesystem/Move",
                Map.of("source", checked(source), "destination", checked(destination)),
                "move " + source + " to " + destination, FILE_NOT_FOUND));
    }

    /** {@code GET /files?path=}: the file's bytes. */
    byte[] read(String path) {
        HttpUrl url = envd.url("/files").newBuilder().addQueryParameter("path", checked(path)).build();
        try (Response response = envd.http().newCall(new Request.Builder().url(url).get().build()).execute()) {
            byte[] body = response.body().bytes();
            if (response.code() == 400) {
                throw new InvalidInputException("cannot read " + path + " in sandbox " + envd.sandboxId()
                        + ": " + ErrorText.message(body));
            }
            if (response.code() != 200) {
                throw envd.failure(response.code(), body, "read " + path, FILE_NOT_FOUND);
            }
            return body;
        } catch (IOException e) {
            throw envd.unreachable("read " + path, e);
        }
    }

    /** {@code POST /files?path=}: creates parents, overwrites, and makes the sandbox's user the owner. */
    void write(String path, byte[] content) {
        HttpUrl url = envd.url("/files").newBuilder().addQueryParameter("path", checked(path)).build();
        RequestBody body = rawUpload ? RequestBody.create(content, OCTET_STREAM)
                : new MultipartBody.Builder().setType(MultipartBody.FORM)
                        .addFormDataPart("file", path, RequestBody.create(content, OCTET_STREAM)).build();
        try (Response response = envd.http().newCall(new Request.Builder().url(url).post(body).build()).execute()) {
            byte[] answer = response.body().bytes();
            if (response.code() == 507) {
                throw new VmServiceException(ErrorCodes.DISK_FULL, "sandbox " + envd.sandboxId() + " has no room for "
                        + content.length + " bytes at " + path, Map.of("path", path), null);
            }
            if (response.code() == 400) {
                throw new InvalidInputException("cannot write " + path + " in sandbox " + envd.sandboxId()
                        + ": " + ErrorText.message(answer));
            }
            if (response.code() != 200) {
                throw envd.failure(response.code(), answer, "write " + path, FILE_NOT_FOUND);
            }
        } catch (IOException e) {
            throw envd.unreachable("write " + path, e);
        }
    }

    private static EntryInfo entry(JsonNode answer) {
        return Json.convert(answer.path("entry"), EntryInfo.class, "file entry");
    }

    static String checked(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new InvalidInputException("a file path must be non-empty text without NUL characters");
        }
        return path;
    }
}
