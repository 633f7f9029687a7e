package io.vmservice.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pngjs 7 and pixelmatch 7.2 on Node, the reference the PNG tests compare with. They are
 * installed once under {@code target/png-reference} by {@code npm ci} from the committed
 * {@code src/test/node/package-lock.json}, as scripts/bench installs them for its figures.
 */
final class PngReference {

    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path HOME = Path.of("target/png-reference");
    private static final String[] FILES = {"package.json", "package-lock.json", "png-reference.mjs"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private PngReference() {
    }

    /** pngjs's decode of each file: {@code width}, {@code height}, {@code rgba} (base64) or {@code error}. */
    static List<JsonNode> decode(List<Path> files) {
        List<String> args = new ArrayList<>(List.of("decode"));
        files.forEach(file -> args.add(file.toAbsolutePath().toString()));
        return run(args);
    }

    /** pixelmatch's count and diff image ({@code mismatched}, {@code diff}) for each set of options. */
    static List<JsonNode> diff(Path a, Path b, List<String> optionSets) {
        List<String> args = new ArrayList<>(List.of("diff", a.toAbsolutePath().toString(), b.toAbsolutePath().toString()));
        args.addAll(optionSets);
        return run(args);
    }

    private static synchronized List<JsonNode> run(List<String> args) {
        install();
        List<String> command = new ArrayList<>(List.of("node", HOME.resolve("png-reference.mjs").toString()));
        command.addAll(args);
        try {
            Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(2, TimeUnit.MINUTES) || node.exitValue() != 0) {
                node.destroyForcibly();
                throw new IllegalStateException("png-reference.mjs failed: " + command);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node.js and npm are needed by these tests)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void install() {
        try {
            Files.createDirectories(HOME);
            boolean changed = false;
            for (String name : FILES) {
                Path target = HOME.resolve(name);
                byte[] source = Files.readAllBytes(SOURCES.resolve(name));
                if (!Files.exists(target) || !Arrays.equals(source, Files.readAllBytes(target))) {
                    Files.copy(SOURCES.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                    changed = true;
                }
            }
            if (!changed && Files.isDirectory(HOME.resolve("node_modules/pngjs"))
                    && Files.isDirectory(HOME.resolve("node_modules/pixelmatch"))) {
                return;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefix", HOME.toString())
                    .redirectErrorStream(true).redirectOutput(HOME.resolve("npm.log").toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci of pngjs and pixelmatch failed; see " + HOME.resolve("npm.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm (Node.js and npm are needed by these tests)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
