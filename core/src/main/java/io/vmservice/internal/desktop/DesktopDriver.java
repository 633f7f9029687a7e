package io.vmservice.internal.desktop;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.input.AccessibilityHelper;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import io.vmservice.screen.WindowNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mouse, keyboard and window actions on one sandbox, through {@link DesktopCommands}. Both
 * providers drive their desktops with this class; they differ only in how a command travels
 * (see {@link ProviderSandbox#input}: through the sandbox's input channel where it has one).
 * The client holds one per sandbox; users drive a desktop through {@code Desktop} or the client.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal.desktop} may change in any release.
 */
public final class DesktopDriver {

    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(30);

    private final ProviderSandbox sandbox;

    public DesktopDriver(ProviderSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public void moveMouse(int x, int y) {
        checkOnScreen(x, y);
        run(DesktopCommands.moveMouse(x, y));
    }

    public void click(int x, int y, MouseButton button) {
        moveMouse(x, y);
        run(DesktopCommands.click(button));
    }

    public void click(MouseButton button) {
        run(DesktopCommands.click(button));
    }

    public void doubleClick(int x, int y) {
        moveMouse(x, y);
        run(DesktopCommands.doubleClick());
    }

    public void mouseDown(MouseButton button) {
        run(DesktopCommands.mouseDown(button));
    }

    public void mouseUp(MouseButton button) {
        run(DesktopCommands.mouseUp(button));
    }

    public void drag(int fromX, int fromY, int toX, int toY) {
        checkOnScreen(fromX, fromY);
        checkOnScreen(toX, toY);
        for (DesktopCommand command : DesktopCommands.drag(fromX, fromY, toX, toY)) {
            run(command);
        }
    }

    public void scroll(int direction, int amount) {
        run(DesktopCommands.scroll(direction, amount));
    }

    public void typeText(String text, int chunkSize, int delayMs) {
        for (DesktopCommand chunk : DesktopCommands.type(text, chunkSize, delayMs)) {
            // A chunk takes about one delay per character; give it that plus the usual margin.
            Duration budget = ACTION_TIMEOUT.plusMillis((long) chunkSize * delayMs * 2);
            run(chunk, budget);
        }
    }

    public void pressKeys(List<String> keys) {
        CommandResult result = run(DesktopCommands.press(keys));
        if (result.stderr().contains("No such key name")) {
            throw new InvalidInputException("unknown key in " + keys + ": " + result.stderr().trim()
                    + "; use names such as \"enter\", \"ctrl\", \"f5\" or X keysyms");
        }
    }

    public Point cursorPosition() {
        return DesktopCommands.parseMouseLocation(run(DesktopCommands.mouseLocation()).stdout());
    }

    public Resolution screenSize() {
        return DesktopCommands.parseScreenSize(run(DesktopCommands.screenSize()).stdout());
    }

    /** The focused window's id, or an empty string when no window has the focus. */
    public String currentWindowId() {
        CommandResult result = sandbox.input(DesktopCommands.focusedWindow(), ACTION_TIMEOUT);
        String id = result.stdout().trim();
        return result.exitCode() == 0 && !id.equals("0") && !id.equals("1") ? id : "";
    }

    /** Visible windows whose class matches the application name; empty when there are none. */
    public List<String> applicationWindows(String application) {
        CommandResult result = sandbox.input(DesktopCommands.windowsOfApplication(application), ACTION_TIMEOUT);
        return DesktopCommands.parseWindowIds(result.stdout());
    }

    /** Visible windows whose class is the name or whose title contains it, without duplicates. */
    public List<String> windowsMatching(String titleOrClass) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(applicationWindowsIfValid(titleOrClass));
        CommandResult byTitle = sandbox.input(DesktopCommands.windowsTitled(titleOrClass), ACTION_TIMEOUT);
        ids.addAll(DesktopCommands.parseWindowIds(byTitle.stdout()));
        return List.copyOf(ids);
    }

    private List<String> applicationWindowsIfValid(String name) {
        try {
            return applicationWindows(name);
        } catch (InvalidInputException notAClassName) {
            return List.of();
        }
    }

    public String windowTitle(String windowId) {
        return run(DesktopCommands.windowTitle(windowId)).stdout().trim();
    }

    /** The windows the window manager manages, oldest first; empty without an EWMH window manager. */
    public List<WindowInfo> windows() {
        return WindowCommands.parseList(run(WindowCommands.list()).stdout());
    }

    /** Where the window's client area and frame are; a window that is gone is a {@link WindowNotFoundException}. */
    public WindowBounds windowBounds(String windowId) {
        CommandResult result = sandbox.exec(WindowCommands.bounds(windowId), ACTION_TIMEOUT);
        if (result.exitCode() != 0) {
            List<WindowInfo> open = windows();
            throw new WindowNotFoundException("window " + windowId + " is gone (" + result.stderr().trim() + ")"
                    + WindowNotFoundException.listing(open), windowId, open);
        }
        return WindowCommands.parseBounds(result.stdout());
    }

    public void activateWindow(String windowId) {
        run(WindowCommands.activate(windowId));
    }

    public void moveWindow(String windowId, int x, int y) {
        run(WindowCommands.move(windowId, x, y));
    }

    public void resizeWindow(String windowId, int width, int height) {
        run(WindowCommands.resize(windowId, width, height));
    }

    /**
     * Asks the sandbox's accessibility server (see {@code AccessibilityHelper}) one query: its
     * answer's JSON on standard output, or a non-zero status and why on standard error.
     */
    public CommandResult accessibility(String mode, String queryJson, Duration timeout) {
        return sandbox.input(AccessibilityHelper.query(mode, queryJson), timeout);
    }

    public BackgroundProcess launch(String application, String uri) {
        return sandbox.startBackground(DesktopCommands.launch(application, uri));
    }

    public BackgroundProcess open(String fileOrUrl) {
        return sandbox.startBackground(DesktopCommands.open(fileOrUrl));
    }

    private void checkOnScreen(int x, int y) {
        Resolution screen = sandbox.config().resolution();
        if (!screen.contains(x, y)) {
            throw new InvalidInputException("point (" + x + ", " + y + ") is off the " + screen
                    + " screen: x must be in [0, " + (screen.width() - 1) + "] and y in [0, "
                    + (screen.height() - 1) + "]");
        }
    }

    private CommandResult run(DesktopCommand command) {
        return run(command, ACTION_TIMEOUT);
    }

    private CommandResult run(DesktopCommand command, Duration timeout) {
        CommandResult result = sandbox.input(command, timeout);
        if (result.exitCode() != 0) {
            throw new VmServiceException(ErrorCodes.DESKTOP_ACTION_FAILED, "desktop action failed (exit "
                    + result.exitCode() + "): " + command.argv().get(0) + " " + command.argv().get(1)
                    + ": " + result.stderr().trim(), Map.of("exit_code", result.exitCode()), null);
        }
        return result;
    }
}
