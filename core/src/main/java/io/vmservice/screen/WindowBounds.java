package io.vmservice.screen;

/**
 * Where a window is on the screen.
 *
 * @param area  the window's own content (the client area), in screen coordinates
 * @param frame the area with the window manager's decorations (title bar, borders) around it
 */
public record WindowBounds(Region area, Region frame) {

    /** The frame around a client area, from the window manager's extents on each side. */
    public static WindowBounds of(Region area, int left, int right, int top, int bottom) {
        return new WindowBounds(area, new Region(area.x() - left, area.y() - top,
                area.width() + left + right, area.height() + top + bottom));
    }
}
