package io.vmservice.screen;

/** A pixel position on the screen, origin top-left. */
public record Point(int x, int y) {

    public static Point of(int x, int y) {
        return new Point(x, y);
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
