package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.SandboxOperations;
import io.vmservice.StepMark;
import io.vmservice.StepReporter;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ScreenNotStableException;
import io.vmservice.internal.Poll;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.WindowInfo;
import io.vmservice.screen.WindowNotFoundException;
import io.vmservice.settings.VmServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One sandbox's desktop, driven fluently: every input returns the desktop for the next.
 *
 * <pre>{@code
 * desktop.launch("mousepad").waitForWindow("Mousepad");
 * desktop.type("Hello World!").hotkey("ctrl", "s");
 * desktop.find(Template.fromResource("/save-dialog-title.png")).waitVisible();
 * }</pre>
 *
 * Each action is reported as a step (an Allure step under the JUnit extension) and remembered,
 * so a failure can say what the test did last.
 */
public final class Desktop {

    private static final int REMEMBERED_ACTIONS = 20;
    private static final Duration QUIET_GAP = Duration.ofMillis(150);

    private final SandboxOperations operations;
    private final String sandboxId;
    private final DesktopSettings settings;
    private final StepReporter steps;
    private final Path artifactsDir;
    private final Deque<String> recentActions = new ArrayDeque<>();

    private Desktop(SandboxOperations operations, String sandboxId, DesktopSettings settings, StepReporter steps,
                    Path artifactsDir) {
        this.operations = operations;
        this.sandboxId = sandboxId;
        this.settings = settings;
        this.steps = steps;
        this.artifactsDir = artifactsDir;
    }

    /** The desktop of a sandbox the given client (or tenant view) can reach, with default settings. */
    public static Desktop of(SandboxOperations operations, String sandboxId) {
        return of(operations, sandboxId, DesktopSettings.DEFAULTS, StepReporter.NONE,
                VmServiceSettings.ARTIFACTS_DIR.defaultValue());
    }

    public static Desktop of(SandboxOperations operations, String sandboxId, DesktopSettings settings,
                             StepReporter steps, Path artifactsDir) {
        return new Desktop(operations, sandboxId, settings, steps, artifactsDir);
    }

    /** The same desktop with other timeouts. */
    @CheckReturnValue
    public Desktop with(DesktopSettings newSettings) {
        return new Desktop(operations, sandboxId, newSettings, steps, artifactsDir);
    }

    public String sandboxId() {
        return sandboxId;
    }

    public DesktopSettings settings() {
        return settings;
    }

    public Path artifactsDir() {
        return artifactsDir;
    }

    public SandboxInfo info() {
        return operations.getSandboxInfo(sandboxId);
    }

    public Desktop click(int x, int y) {
        return act("click at (" + x + ", " + y + ")", StepMark.point(x, y), () -> operations.click(sandboxId, x, y));
    }

    public Desktop click(Point point) {
        return click(point.x(), point.y());
    }

    public Desktop doubleClick(int x, int y) {
        return act("double-click at (" + x + ", " + y + ")", StepMark.point(x, y), () -> operations.doubleClick(sandboxId, x, y));
    }

    public Desktop rightClick(int x, int y) {
        return act("right-click at (" + x + ", " + y + ")", StepMark.point(x, y),
                () -> operations.click(sandboxId, x, y, MouseButton.RIGHT));
    }

    public Desktop middleClick(int x, int y) {
        return act("middle-click at (" + x + ", " + y + ")", StepMark.point(x, y),
                () -> operations.click(sandboxId, x, y, MouseButton.MIDDLE));
    }

    public Desktop move(int x, int y) {
        return act("move the pointer to (" + x + ", " + y + ")", StepMark.point(x, y), () -> operations.moveMouse(sandboxId, x, y));
    }

    public Desktop drag(Point from, Point to) {
        return act("drag from " + from + " to " + to, StepMark.drag(from, to),
                () -> operations.drag(sandboxId, from.x(), from.y(), to.x(), to.y()));
    }

    public Desktop scrollDown(int clicks) {
        return act("scroll down " + clicks, () -> operations.scroll(sandboxId, 1, clicks));
    }

    public Desktop scrollUp(int clicks) {
        return act("scroll up " + clicks, () -> operations.scroll(sandboxId, -1, clicks));
    }

    /** Types text literally (any Unicode; line breaks press Return). */
    public Desktop type(String text) {
        return act("type \"" + abbreviate(text) + "\"", StepMark.typing(List.of()), () -> operations.typeText(sandboxId, text,
                DesktopCommands.DEFAULT_CHUNK_SIZE, settings.typingDelayMs()));
    }

    /** Presses keys one after another: {@code press("tab", "tab", "enter")}. */
    public Desktop press(String... keys) {
        if (keys.length == 0) {
            throw new InvalidInputException("press needs at least one key");
        }
        return act("press " + String.join(", ", keys), () -> {
            for (String key : keys) {
                operations.pressKey(sandboxId, key);
            }
        });
    }

    /** Presses keys together: {@code hotkey("ctrl", "s")}. */
    public Desktop hotkey(String... keys) {
        return act("press " + String.join("+", keys), () -> operations.pressKeyCombination(sandboxId, Arrays.asList(keys)));
    }

    /** Starts an application by desktop-entry id or program name; see {@link #waitForWindow}. */
    public Desktop launch(String application) {
        return act("launch " + application, () -> operations.launchApplication(sandboxId, application));
    }

    /** Opens a file or URL with its default application. */
    public Desktop open(String fileOrUrl) {
        return act("open " + fileOrUrl, () -> operations.openFile(sandboxId, fileOrUrl));
    }

    /**
     * Waits until a visible window has this class (e.g. "mousepad") or a title containing this
     * text (e.g. "Mousepad"), up to the window timeout. Past it, a {@link WindowNotFoundException}
     * lists the windows that were open.
     */
    public Desktop waitForWindow(String titleOrClass) {
        return step("wait for window \"" + titleOrClass + "\"", () -> {
            awaitWindow(titleOrClass, () -> operations.findWindows(sandboxId, titleOrClass).isEmpty() ? null : "found");
            return this;
        });
    }

    /**
     * The window with this class (e.g. "xcalc") or a title containing this text, once the window
     * manager shows it; waits up to the window timeout as {@link #waitForWindow} does. When several
     * match, the one opened last.
     */
    public Window window(String titleOrClass) {
        return step("find window \"" + titleOrClass + "\"", () -> new Window(this, operations,
                awaitWindow(titleOrClass, () -> newestManaged(titleOrClass))));
    }

    /** The windows the window manager shows now, oldest first, with their titles and classes. */
    public List<WindowInfo> openWindows() {
        return operations.listWindows(sandboxId);
    }

    /**
     * Saves the screen as it is now, and a copy with a coordinate grid, next to the test
     * ({@code <artifacts dir>/<name>.png} and {@code <name>-grid.png}), and prints where: the
     * pictures to cut templates from with the image command line's {@code crop} ({@code
     * scripts/vmservice} in the framework's repository, {@code io.vmservice.image.cli.VmServiceCli}
     * on a project's test class path). Returns the plain one.
     */
    public Path capture(String name) {
        return Captures.save(screenshot(), artifactsDir, name, "the screen");
    }

    /**
     * Waits until two frames taken a moment apart are identical: the applications have handled
     * the input sent so far. GTK, for one, drops an Enter that arrives while it still processes
     * typing into a file dialog.
     */
    public Desktop waitForStableScreen() {
        Duration gap = settings.pollInterval().compareTo(QUIET_GAP) < 0 ? QUIET_GAP : settings.pollInterval();
        return step("wait for a stable screen", () -> {
            Poll.await("a stable screen in sandbox " + sandboxId, settings.actionTimeout(), gap).firstLookAfter(gap)
                    .until(new Frames(null, screenshot()), frames -> new Frames(frames.now(), screenshot()), Frames::same)
                    .orElseThrow(last -> new ScreenNotStableException("the screen kept changing for "
                            + settings.actionTimeout().toMillis() + " ms" + recentActionsSuffix(), settings.actionTimeout()));
            return this;
        });
    }

    /** Two frames taken a moment apart. */
    private record Frames(Screenshot before, Screenshot now) {
        boolean same() {
            return before != null && now.samePixels(before);
        }
    }

    private <T> T awaitWindow(String titleOrClass, Supplier<T> found) {
        return Poll.await("a window \"" + titleOrClass + "\" in sandbox " + sandboxId, settings.windowTimeout(),
                settings.pollInterval()).untilFound(found).orElseThrow(none -> {
                    List<WindowInfo> open = openWindows();
                    return new WindowNotFoundException("no visible window with class or title \"" + titleOrClass
                            + "\" appeared within " + settings.windowTimeout().toMillis() + " ms"
                            + WindowNotFoundException.listing(open) + recentActionsSuffix(), titleOrClass, open);
                });
    }

    /** The last-opened managed window among the visible ones that match; any match without a window manager. */
    private WindowInfo newestManaged(String titleOrClass) {
        List<String> visible = operations.findWindows(sandboxId, titleOrClass);
        if (visible.isEmpty()) {
            return null;
        }
        List<WindowInfo> managed = openWindows();
        if (managed.isEmpty()) {
            String id = visible.get(0);
            return new WindowInfo(id, operations.getWindowTitle(sandboxId, id), "", "");
        }
        WindowInfo newest = null;
        for (WindowInfo window : managed) {
            if (visible.contains(window.id())) {
                newest = window;
            }
        }
        return newest;
    }

    /** The ids of visible windows with this class or a title containing this text. */
    public List<String> windows(String titleOrClass) {
        return operations.findWindows(sandboxId, titleOrClass);
    }

    public DesktopFiles files() {
        return new DesktopFiles(operations, sandboxId);
    }

    /** Runs a bash command line in the sandbox (60 s timeout). */
    public CommandResult run(String command) {
        return step("run " + abbreviate(command), () -> operations.runCommand(sandboxId, command));
    }

    public CommandResult run(String command, Duration timeout) {
        return step("run " + abbreviate(command), () -> operations.runCommand(sandboxId, command, timeout));
    }

    /** The screen as it is now. */
    public Screenshot screenshot() {
        return operations.screenshotImage(sandboxId);
    }

    /** The text on the screen now, line by line (needs the image-assertions module for OCR). */
    public String readText() {
        return step("read text", () -> TextRecognizer.installed().read(screenshot(), null));
    }

    /** The text inside {@code region} of the screen now, line by line. */
    public String readText(Region region) {
        if (region == null) {
            throw new InvalidInputException("readText needs a region; readText() reads the whole screen");
        }
        return step("read text in " + region, () -> TextRecognizer.installed().read(screenshot(), region));
    }

    /** A locator: waits for the target to be unique and stable before each action. */
    @CheckReturnValue
    public Locator find(Target target) {
        return new Locator(this, target.on(this), null);
    }

    /**
     * The accessibility tree (AT-SPI2) of the active window, or of every showing window under one
     * {@code desktop frame} when none is active: each element's role, name, states and extent, to
     * read when writing an {@link Accessible} locator ({@code System.out.println} prints it indented).
     */
    public AccessibleNode accessibilityTree() {
        // Off-screen helper windows (xfwm4 keeps one) have neither an extent nor children.
        List<AccessibleNode> windows = accessibilityReader().windows().stream()
                .filter(window -> window.element().box().isPresent() || !window.children().isEmpty()).toList();
        return windows.stream().filter(window -> window.element().has("active")).findFirst()
                .orElseGet(() -> new AccessibleNode(new AccessibleElement("desktop frame", "", List.of(),
                        Optional.empty(), "", "", Optional.empty()), windows));
    }

    AtSpiReader accessibilityReader() {
        return new AtSpiReader(operations, sandboxId);
    }

    /** The sandbox's logs, for failure reports. */
    public String logs() {
        return operations.getLogs(sandboxId);
    }

    /** What this desktop did last, oldest first. */
    public synchronized List<String> recentActions() {
        return List.copyOf(recentActions);
    }

    <T> T step(String name, Supplier<T> action) {
        remember(name);
        return steps.step(name, action);
    }

    Desktop act(String name, Runnable action) {
        return step(name, () -> {
            action.run();
            return this;
        });
    }

    /** An action whose place the step reporter is told, for a trace to draw. */
    Desktop act(String name, StepMark mark, Runnable action) {
        return act(name, () -> {
            steps.mark(mark);
            action.run();
        });
    }

    /** Tells the step reporter where the running step acts. */
    void mark(StepMark mark) {
        steps.mark(mark);
    }

    String recentActionsSuffix() {
        List<String> actions = recentActions();
        return actions.isEmpty() ? "" : "\nrecent actions:\n  " + String.join("\n  ", actions);
    }

    private synchronized void remember(String name) {
        if (recentActions.size() == REMEMBERED_ACTIONS) {
            recentActions.removeFirst();
        }
        recentActions.addLast(name);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return "Desktop[" + sandboxId + "]";
    }
}
