package io.vmservice;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything one can do to a live sandbox, by id: the seed SDK's desktop, file, application,
 * command and screenshot operations. {@link VmServiceClient} reaches every sandbox it made;
 * {@link TenantClient} only those of one user.
 */
public abstract class SandboxOperations {

    /** Looks a sandbox up for this view, or throws {@code SandboxNotFoundException}. */
    abstract SandboxRegistry.Entry entry(String sandboxId);

    public SandboxInfo getSandboxInfo(String sandboxId) {
        return entry(sandboxId).info();
    }

    public void click(String sandboxId, int x, int y) {
        click(sandboxId, x, y, MouseButton.LEFT);
    }

    public void click(String sandboxId, int x, int y, MouseButton button) {
        act(sandboxId, e -> e.desktop().click(x, y, button));
    }

    public void doubleClick(String sandboxId, int x, int y) {
        act(sandboxId, e -> e.desktop().doubleClick(x, y));
    }

    public void moveMouse(String sandboxId, int x, int y) {
        act(sandboxId, e -> e.desktop().moveMouse(x, y));
    }

    public void drag(String sandboxId, int fromX, int fromY, int toX, int toY) {
        act(sandboxId, e -> e.desktop().drag(fromX, fromY, toX, toY));
    }

    /** Scrolls {@code amount} wheel clicks: down for a positive direction, up for a negative one. */
    public void scroll(String sandboxId, int direction, int amount) {
        act(sandboxId, e -> e.desktop().scroll(direction, amount));
    }

    /** Types text with the defaults {@code Desktop.type} uses: 25 characters a call, 12 ms between keys. */
    public void typeText(String sandboxId, String text) {
        typeText(sandboxId, text, DesktopCommands.DEFAULT_CHUNK_SIZE, DesktopCommands.DEFAULT_TYPING_DELAY_MS);
    }

    public void typeText(String sandboxId, String text, int chunkSize, int delayMs) {
        act(sandboxId, e -> e.desktop().typeText(text, chunkSize, delayMs));
    }

    public void pressKey(String sandboxId, String key) {
        pressKeyCombination(sandboxId, List.of(key));
    }

    public void pressKeyCombination(String sandboxId, List<String> keys) {
        act(sandboxId, e -> e.desktop().pressKeys(keys));
    }

    public Point getCursorPosition(String sandboxId) {
        return call(sandboxId, e -> e.desktop().cursorPosition());
    }

    public Resolution getScreenSize(String sandboxId) {
        return call(sandboxId, e -> e.desktop().screenSize());
    }

    public void writeFile(String sandboxId, String path, String content) {
        if (content == null) {
            throw new InvalidInputException("file content must not be null");
        }
        writeFile(sandboxId, path, content.getBytes(StandardCharsets.UTF_8));
    }

    public void writeFile(String sandboxId, String path, byte[] content) {
        if (content == null) {
            throw new InvalidInputException("file content must not be null");
        }
        act(sandboxId, e -> e.sandbox().writeFile(path, content));
    }

    /** Reads a text file (UTF-8). */
    public String readFile(String sandboxId, String path) {
        return new String(readFileBytes(sandboxId, path), StandardCharsets.UTF_8);
    }

    public byte[] readFileBytes(String sandboxId, String path) {
        return call(sandboxId, e -> e.sandbox().readFile(path));
    }

    /** Opens a file or URL with its default application. */
    public void openFile(String sandboxId, String path) {
        act(sandboxId, e -> e.desktop().open(path));
    }

    public void launchApplication(String sandboxId, String application) {
        act(sandboxId, e -> e.desktop().launch(application, null));
    }

    /** The focused window's id, or an empty string when none has the focus. */
    public String getCurrentWindowId(String sandboxId) {
        return call(sandboxId, e -> e.desktop().currentWindowId());
    }

    public List<String> getApplicationWindows(String sandboxId, String application) {
        return call(sandboxId, e -> e.desktop().applicationWindows(application));
    }

    /** Visible windows whose class is the name or whose title contains it. */
    public List<String> findWindows(String sandboxId, String titleOrClass) {
        return call(sandboxId, e -> e.desktop().windowsMatching(titleOrClass));
    }

    public String getWindowTitle(String sandboxId, String windowId) {
        return call(sandboxId, e -> e.desktop().windowTitle(windowId));
    }

    /** The windows the window manager shows, oldest first, with their titles and classes. */
    public List<WindowInfo> listWindows(String sandboxId) {
        return call(sandboxId, e -> e.desktop().windows());
    }

    /** Where a window's client area and frame are on the screen. */
    public WindowBounds getWindowBounds(String sandboxId, String windowId) {
        return call(sandboxId, e -> e.desktop().windowBounds(windowId));
    }

    /** Asks the window manager to raise and focus the window. */
    public void activateWindow(String sandboxId, String windowId) {
        act(sandboxId, e -> e.desktop().activateWindow(windowId));
    }

    /** Moves the window's frame so that its top-left corner is at (x, y). */
    public void moveWindow(String sandboxId, String windowId, int x, int y) {
        act(sandboxId, e -> e.desktop().moveWindow(windowId, x, y));
    }

    /** Resizes the window's client area. */
    public void resizeWindow(String sandboxId, String windowId, int width, int height) {
        act(sandboxId, e -> e.desktop().resizeWindow(windowId, width, height));
    }

    public CommandResult runCommand(String sandboxId, String command) {
        return runCommand(sandboxId, command, Duration.ofSeconds(60));
    }

    /** Runs a bash command line; past the timeout it is killed ({@code CommandTimeoutException}). */
    public CommandResult runCommand(String sandboxId, String command, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("command timeout must be positive, got " + timeout);
        }
        return call(sandboxId, e -> e.sandbox().run(command, timeout));
    }

    /**
     * One query to the sandbox's accessibility server, which starts on the first: {@code mode}
     * "find" (showing elements) or "tree" (each showing window's tree), {@code queryJson}
     * {@code {"window": titlePart|null, "role": role|null}} (role: find only). The answer is JSON
     * on standard output, and says on standard error when it needed no walk; a non-zero exit
     * code says on standard error what the sandbox lacks. {@code Accessible} and
     * {@code Desktop.accessibilityTree()} read it for you.
     */
    public CommandResult queryAccessibility(String sandboxId, String mode, String queryJson, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("query timeout must be positive, got " + timeout);
        }
        return call(sandboxId, e -> e.desktop().accessibility(mode, queryJson, timeout));
    }

    /** The screen as PNG bytes, as the seed SDK returns it. */
    public byte[] screenshot(String sandboxId) {
        return screenshotImage(sandboxId).toPng();
    }

    /** The screen as pixels, without PNG encoding. */
    public Screenshot screenshotImage(String sandboxId) {
        return call(sandboxId, e -> e.sandbox().screenshot());
    }

    public StreamInfo startStream(String sandboxId) {
        return startStream(sandboxId, StreamConfig.defaults());
    }

    public StreamInfo startStream(String sandboxId, StreamConfig config) {
        return call(sandboxId, e -> e.sandbox().startStream(config));
    }

    public void stopStream(String sandboxId) {
        act(sandboxId, e -> e.sandbox().stopStream());
    }

    /** The sandbox's own logs (display server, session, applications) for failure reports. */
    public String getLogs(String sandboxId) {
        return call(sandboxId, e -> e.sandbox().logs());
    }

    private void act(String sandboxId, Consumer<SandboxRegistry.Entry> action) {
        call(sandboxId, e -> {
            action.accept(e);
            return null;
        });
    }

    /** Runs an operation; provider failures that are not typed yet become a typed error here. */
    <T> T call(String sandboxId, Function<SandboxRegistry.Entry, T> operation) {
        SandboxRegistry.Entry entry = entry(sandboxId);
        try {
            return operation.apply(entry);
        } catch (VmServiceException typed) {
            throw typed;
        } catch (RuntimeException e) {
            throw new VmServiceException(ErrorCodes.PROVIDER_ERROR, "sandbox " + sandboxId + ": " + e.getMessage(),
                    Map.of("sandbox_id", sandboxId), e);
        }
    }
}
