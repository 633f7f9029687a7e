package io.vmservice.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins a failed image check's published images ({@code "<name>: expected"}, {@code ": actual"},
 * {@code ": diff"}) into one Allure screen-diff attachment ({@value #TYPE}), which the report
 * shows as a viewer with a diff and an overlay mode. Images of a check that never publishes its
 * diff (a size mismatch) are attached one by one when the test ends. Per thread: a check
 * publishes its images on the test's thread.
 */
final class ScreenDiffAttachments {

    static final String TYPE = "application/vnd.allure.image.diff";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<Map<String, Map<String, Path>>> PENDING = ThreadLocal.withInitial(LinkedHashMap::new);

    private ScreenDiffAttachments() {
    }

    /** Takes the image if it belongs to a check's triplet; false leaves it to be attached as it is. */
    static boolean offer(String name, Path file) {
        int colon = name.lastIndexOf(": ");
        if (colon < 0 || !file.getFileName().toString().endsWith(".png")) {
            return false;
        }
        String check = name.substring(0, colon);
        String kind = name.substring(colon + 2);
        Map<String, Map<String, Path>> pending = PENDING.get();
        switch (kind) {
            case "expected", "actual" -> {
                pending.computeIfAbsent(check, k -> new HashMap<>()).put(kind, file);
                return true;
            }
            case "diff" -> {
                Map<String, Path> images = pending.remove(check);
                if (images == null || !images.containsKey("expected") || !images.containsKey("actual")) {
                    attachEach(check, images);
                    return false;
                }
                AllureSupport.attach(check + ": screen diff", TYPE, "imagediff",
                        viewerJson(images.get("expected"), images.get("actual"), file));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Attaches, one by one, the images of checks that published no diff. */
    static void flush() {
        Map<String, Map<String, Path>> pending = PENDING.get();
        pending.forEach(ScreenDiffAttachments::attachEach);
        pending.clear();
    }

    private static void attachEach(String check, Map<String, Path> images) {
        if (images != null) {
            images.forEach((kind, file) -> AllureSupport.attach(check + ": " + kind, "image/png", "png", read(file)));
        }
    }

    /** The viewer's JSON: each image as a data URL, as Allure's own integrations write it. */
    private static byte[] viewerJson(Path expected, Path actual, Path diff) {
        ObjectNode json = JSON.createObjectNode();
        json.put("expected", dataUrl(expected));
        json.put("actual", dataUrl(actual));
        json.put("diff", dataUrl(diff));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dataUrl(Path png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(read(png));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
