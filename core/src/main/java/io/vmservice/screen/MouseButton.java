package io.vmservice.screen;

/** Mouse buttons with their X11 button numbers. */
public enum MouseButton {
    LEFT(1),
    MIDDLE(2),
    RIGHT(3);

    private final int x11Button;

    MouseButton(int x11Button) {
        this.x11Button = x11Button;
    }

    public int x11Button() {
        return x11Button;
    }
}
