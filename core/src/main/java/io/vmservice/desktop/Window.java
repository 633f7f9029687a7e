package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.SandboxOperations;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.WindowNotChangedException;
import io.vmservice.screen.WindowNotFoundException;
import io.vmservice.internal.Poll;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One window on a desktop, from {@link Desktop#window(String)}: where it is, what it shows, and
 * the window manager's actions on it. Its place is measured anew at each call, so a window the
 * test moved, or the user dragged, is followed.
 *
 * <pre>{@code
 * Window calculator = desktop.window("xcalc");
 * calculator.find(Template.fromResource("/calculator/plus.png")).click();
 * assertThat(calculator).matchesBaseline("calculator/forty-two");
 * }</pre>
 */
public final class Window {

    private final Desktop desktop;
    private final SandboxOperations operations;
    private final WindowInfo info;

    Window(Desktop desktop, SandboxOperations operations, WindowInfo info) {
        this.desktop = desktop;
        this.operations = operations;
        this.info = info;
    }

    /** The X window id, decimal. */
    public String id() {
        return info.id();
    }

    /** The title it had when it was found, with its class; see {@link #title()} for the current one. */
    public WindowInfo info() {
        return info;
    }

    /** The title now. */
    public String title() {
        return operations.getWindowTitle(desktop.sandboxId(), info.id());
    }

    public Desktop desktop() {
        return desktop;
    }

    /** Where the window's own content is on the screen, without the title bar and borders. */
    public Region region() {
        return bounds().area();
    }

    /** The area with the window manager's title bar and borders. */
    public Region frame() {
        return bounds().frame();
    }

    /** Both at once, from one measurement. */
    public WindowBounds bounds() {
        return operations.getWindowBounds(desktop.sandboxId(), info.id());
    }

    /** The window's content as it is now (the part on the screen). */
    public Screenshot screenshot() {
        Screenshot screen = desktop.screenshot();
        return screen.crop(visibleArea(screen));
    }

    /** A locator that searches only inside this window; matches are in screen coordinates. */
    @CheckReturnValue
    public Locator find(Target target) {
        return new Locator(desktop, new WindowTarget(this, target), null);
    }

    /**
     * Saves the window's content, and a copy with a coordinate grid in window coordinates, next
     * to the test; see {@link Desktop#capture(String)}.
     */
    public Path capture(String name) {
        return Captures.save(screenshot(), desktop.artifactsDir(), name, "window " + description());
    }

    /** Raises the window and gives it the keyboard focus; waits until it has it. */
    public Window focus() {
        return desktop.step("focus window " + description(), () -> {
            operations.activateWindow(desktop.sandboxId(), info.id());
            waitFor("to get the focus", desktop.settings().actionTimeout(),
                    () -> info.id().equals(operations.getCurrentWindowId(desktop.sandboxId())));
            return this;
        });
    }

    /**
     * Closes the window as a person would, with the window manager's Alt+F4 on it, and waits
     * until it is gone. An application that asks first (unsaved changes) keeps it open: the wait
     * then fails and says so.
     */
    public Desktop close() {
        return desktop.step("close window " + description(), () -> {
            focus();
            operations.pressKeyCombination(desktop.sandboxId(), List.of("alt", "F4"));
            waitFor("to close (an application that asks before closing keeps it open)",
                    desktop.settings().windowTimeout(), () -> !isOpen());
            return desktop;
        });
    }

    /** Moves the window so that its frame's top-left corner is at (x, y); waits until it is there. */
    public Window moveTo(int x, int y) {
        return desktop.step("move window " + description() + " to (" + x + ", " + y + ")", () -> {
            operations.moveWindow(desktop.sandboxId(), info.id(), x, y);
            waitForBounds("to move to (" + x + ", " + y + ")", b -> b.frame().x() == x && b.frame().y() == y);
            return this;
        });
    }

    /** Resizes the window's content to width x height; waits until it has that size. */
    public Window resizeTo(int width, int height) {
        return desktop.step("resize window " + description() + " to " + width + "x" + height, () -> {
            operations.resizeWindow(desktop.sandboxId(), info.id(), width, height);
            waitForBounds("to become " + width + "x" + height + " (some applications allow only some sizes)",
                    b -> b.area().width() == width && b.area().height() == height);
            return this;
        });
    }

    /** Whether the window manager still shows the window. */
    public boolean isOpen() {
        return operations.listWindows(desktop.sandboxId()).stream().anyMatch(w -> w.id().equals(info.id()));
    }

    /** The part of the client area on this screenshot; a window entirely off the screen is an error. */
    Region visibleArea(Screenshot screen) {
        Region area = region();
        Region visible = area.intersection(screen.bounds());
        if (visible == null) {
            throw new InvalidInputException("window " + description() + " at " + area + " is off the "
                    + screen.width() + "x" + screen.height() + " screen: move it back with moveTo(x, y)");
        }
        return visible;
    }

    String description() {
        return info.toString();
    }

    private void waitForBounds(String what, Predicate<WindowBounds> done) {
        Duration timeout = desktop.settings().actionTimeout();
        Poll.await("window " + description() + " " + what, timeout, desktop.settings().pollInterval())
                .until(null, previous -> bounds(), done)
                .orElseThrow(last -> new WindowNotChangedException("window " + description() + " did not " + what.substring(3)
                        + " within " + timeout.toMillis() + " ms"
                        + (last == null ? "" : ": its content is at " + last.area() + ", its frame at " + last.frame()),
                        info.id()));
    }

    private void waitFor(String what, Duration timeout, Supplier<Boolean> condition) {
        Poll.await("window " + description() + " " + what, timeout, desktop.settings().pollInterval())
                .until(false, previous -> condition.get(), Boolean::booleanValue)
                .orElseThrow(last -> new WindowNotChangedException("window " + description() + " did not "
                        + what.substring(3) + " within " + timeout.toMillis() + " ms"
                        + WindowNotFoundException.listing(operations.listWindows(desktop.sandboxId())), info.id()));
    }

    @Override
    public String toString() {
        return "Window" + description();
    }
}
