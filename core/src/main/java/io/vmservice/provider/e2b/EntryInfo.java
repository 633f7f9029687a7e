package io.vmservice.provider.e2b;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A file, directory or link in a sandbox as envd describes it ({@code EntryInfo}).
 *
 * @param mode the Go file mode bits as envd sends them (permissions, and bit 31 for directories)
 * @param type {@code FILE_TYPE_FILE}, {@code FILE_TYPE_DIRECTORY} or {@code FILE_TYPE_SYMLINK}
 * @param modifiedTime null when envd did not say
 */
public record EntryInfo(String name, String type, String path, long size, long mode, String permissions,
                        String owner, String group, Instant modifiedTime, String symlinkTarget) {

    @JsonCreator
    static EntryInfo fromJson(@JsonProperty("name") String name, @JsonProperty("type") String type,
                              @JsonProperty("path") String path, @JsonProperty("size") long size,
                              @JsonProperty("mode") long mode, @JsonProperty("permissions") String permissions,
                              @JsonProperty("owner") String owner, @JsonProperty("group") String group,
                              @JsonProperty("modifiedTime") String modifiedTime,
                              @JsonProperty("symlinkTarget") String symlinkTarget) {
        return new EntryInfo(name, type, path, size, mode, permissions, owner, group,
                modifiedTime == null ? null : java.time.OffsetDateTime.parse(modifiedTime).toInstant(), symlinkTarget);
    }

    public boolean isDirectory() {
        return "FILE_TYPE_DIRECTORY".equals(type);
    }

    public boolean isFile() {
        return "FILE_TYPE_FILE".equals(type);
    }
}
