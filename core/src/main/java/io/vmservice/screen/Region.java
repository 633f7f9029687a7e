package io.vmservice.screen;

/** A rectangle on the screen, origin top-left; width and height are at least 1. */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "a region needs a positive size, got " + width + "x" + height);
        }
    }

    public static Region of(int x, int y, int width, int height) {
        return new Region(x, y, width, height);
    }

    public Point center() {
        return new Point(x + width / 2, y + height / 2);
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean contains(Point p) {
        return p.x() >= x && p.x() < right() && p.y() >= y && p.y() < bottom();
    }

    public boolean contains(Region other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }

    /** The overlap of both regions, or null when they do not overlap. */
    public Region intersection(Region other) {
        int left = Math.max(x, other.x);
        int top = Math.max(y, other.y);
        int r = Math.min(right(), other.right());
        int b = Math.min(bottom(), other.bottom());
        return r > left && b > top ? new Region(left, top, r - left, b - top) : null;
    }

    /** Intersection over union, in [0, 1]. */
    public double overlap(Region other) {
        Region i = intersection(other);
        if (i == null) {
            return 0;
        }
        double inter = i.area();
        return inter / (area() + other.area() - inter);
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + x + ", " + y + ")";
    }
}
