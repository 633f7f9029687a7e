package io.vmservice.image.text;

import io.vmservice.desktop.Accessible;
import io.vmservice.desktop.AccessibleElement;
import io.vmservice.desktop.AccessibleNode;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Window;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Labels shown by real applications on a desktop and the boxes of their ink, for TextBench:
 * generated lines typed into mousepad at several font sizes and printed by xfce4-terminal at
 * several zooms and colours (the ink of each line is what changed when the lines appeared), and
 * the labels of GTK dialogs (mousepad's and the terminal's preferences, mousepad's About, Go to
 * line and Save As dialogs; each label's extent from the accessibility tree, its ink the pixels
 * there that are not the label's ground).
 */
final class AppLabels {

    private static final String[] TERMINAL_COLOURS = {"", "\033[1m", "\033[31m", "\033[32m", "\033[33m",
        "\033[34m", "\033[35m", "\033[36m", "\033[1;34m", "\033[2m"};

    private AppLabels() {
    }

    /** Rounds of generated lines typed into mousepad, its font made larger or smaller between rounds. */
    static List<LabelSample> mousepad(Desktop desktop, Random random) {
        desktop.launch("mousepad");
        Window window = desktop.window("Mousepad");
        window.resizeTo(1000, 680);
        // the title says "modified" from here on, so typing changes only the text
        desktop.type("x").press("BackSpace");
        List<LabelSample> samples = new ArrayList<>();
        int zoom = 0;
        for (int level : new int[] {0, 2, 4, -1}) {
            for (; zoom < level; zoom++) {
                desktop.hotkey("ctrl", "plus");
            }
            for (; zoom > level; zoom--) {
                desktop.hotkey("ctrl", "minus");
            }
            desktop.hotkey("ctrl", "a").press("Delete");
            Screenshot empty = desktop.waitForStableScreen().screenshot();
            List<String> labels = TextBench.labels(random, 14);
            // two empty lines first: the caret stays on the first whether or not it blinks
            desktop.type("\n\n" + String.join("\n\n", labels));
            desktop.hotkey("ctrl", "Home");
            Screenshot shown = awaitChange(desktop, empty);
            // less the scroll bar's side: it appears once the lines overflow the view
            Region view = window.region();
            samples.addAll(lines("mousepad", labels, empty, shown, new Region(view.x(), view.y(), view.width() - 24,
                    view.height()), "zoom " + signed(level)));
        }
        desktop.hotkey("ctrl", "0");
        return samples;
    }

    /** Rounds of generated lines in colours printed by xfce4-terminal, zoomed in between rounds. */
    static List<LabelSample> terminal(Desktop desktop, Random random) {
        desktop.files().write("/tmp/labels/show.sh", String.join("\n",
                "printf '\\033[?25l'", "n=0", "while true; do", "  clear", "  read x",
                "  cat /tmp/labels/terminal-$n.txt", "  n=$((n+1))", "  read x", "done", ""));
        desktop.run("xfce4-terminal --hide-menubar --hide-toolbar --geometry 72x26+0+0 -x sh /tmp/labels/show.sh"
                + " >/tmp/labels/terminal.log 2>&1 &");
        Window window = desktop.window("Terminal");
        List<LabelSample> samples = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            if (round > 0) {
                desktop.hotkey("ctrl", "plus");
            }
            Screenshot cleared = desktop.waitForStableScreen().screenshot();
            List<String> labels = TextBench.labels(random, 11);
            StringBuilder file = new StringBuilder();
            for (String label : labels) {
                file.append(TERMINAL_COLOURS[random.nextInt(TERMINAL_COLOURS.length)]).append(label).append("\033[0m\n\n");
            }
            desktop.files().write("/tmp/labels/terminal-" + round + ".txt", file.toString());
            desktop.press("Return");
            Screenshot shown = awaitChange(desktop, cleared);
            samples.addAll(lines("xfce4-terminal", labels, cleared, shown, window.region(), "zoom +" + round));
            desktop.press("Return");
        }
        return samples;
    }

    /** The labels of a few GTK dialogs of mousepad (left open by {@link #mousepad}) and of the terminal. */
    static List<LabelSample> dialogs(Desktop desktop) {
        List<LabelSample> samples = new ArrayList<>();
        desktop.window("Mousepad").focus();
        samples.addAll(tabs(desktop, "mousepad Go to line", () -> desktop.hotkey("ctrl", "l")));
        samples.addAll(tabs(desktop, "mousepad Save As", () -> desktop.hotkey("ctrl", "shift", "s")));
        samples.addAll(tabs(desktop, "mousepad About", () -> {
            desktop.find(Accessible.role("menu").name("Help")).click();
            desktop.find(Accessible.role("menu item").name(Pattern.compile("About.*"))).click();
        }));
        samples.addAll(tabs(desktop, "mousepad Preferences", () -> {
            desktop.find(Accessible.role("menu").name("Edit")).click();
            desktop.find(Accessible.role("menu item").name(Pattern.compile("Preferences.*"))).click();
        }, "View", "Editor", "Window"));
        samples.addAll(tabs(desktop, "xfce4-terminal Preferences",
                () -> desktop.run("xfce4-terminal --preferences >/tmp/labels/preferences.log 2>&1 &"),
                "General", "Appearance", "Colors", "Compatibility", "Advanced"));
        return samples;
    }

    /**
     * The labels of each tab of the dialog that {@code open} opens (of the dialog when it has
     * none); Escape closes it.
     */
    private static List<LabelSample> tabs(Desktop desktop, String name, Runnable open, String... tabs) {
        List<LabelSample> samples = new ArrayList<>();
        try {
            Screenshot before = desktop.waitForStableScreen().screenshot();
            open.run();
            awaitChange(desktop, before);
            if (tabs.length == 0) {
                samples.addAll(labelsOf(desktop, name));
            }
            for (String tab : tabs) {
                desktop.find(Accessible.role("page tab").name(tab)).click();
                samples.addAll(labelsOf(desktop, name + ", " + tab));
            }
        } catch (RuntimeException e) {
            System.out.println("  " + name + " stopped early: " + e);
        }
        desktop.press("Escape");
        desktop.waitForStableScreen();
        return samples;
    }

    /** Every one-line label of the active window, its ink found inside its extent. */
    private static List<LabelSample> labelsOf(Desktop desktop, String name) {
        Screenshot screen = desktop.waitForStableScreen().screenshot();
        List<AccessibleElement> labels = new ArrayList<>();
        collect(desktop.accessibilityTree(), labels);
        List<LabelSample> samples = new ArrayList<>();
        for (AccessibleElement label : labels) {
            Region box = label.box().map(b -> b.intersection(screen.bounds())).orElse(null);
            if (box == null || !box.equals(label.box().get()) || label.name().isBlank() || label.name().contains("\n")
                    || !label.name().codePoints().anyMatch(Character::isLetterOrDigit)) {
                continue;
            }
            Region ink = ink(screen, box, label.name().strip().length() <= 2);
            if (ink != null && ink.height() >= 6 && ink.height() <= 60 && ink.width() >= 4) {
                samples.add(new LabelSample("GTK dialogs", label.name(), name, ink, screen));
            }
        }
        System.out.println("  " + name + ": " + samples.size() + " one-line labels of " + labels.size());
        return samples;
    }

    private static void collect(AccessibleNode node, List<AccessibleElement> labels) {
        if (node.element().role().equals("label")) {
            labels.add(node.element());
        }
        node.children().forEach(child -> collect(child, labels));
    }

    /**
     * The box of the pixels inside {@code box} that are not its ground (its most common colour),
     * or null when there are none or they are more than one line (a label of a character or two
     * is one line even with a blank row: an i's dot).
     */
    private static Region ink(Screenshot screen, Region box, boolean shortLabel) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = box.y(); y < box.bottom(); y++) {
            for (int x = box.x(); x < box.right(); x++) {
                counts.merge(screen.argb(x, y), 1, Integer::sum);
            }
        }
        int ground = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int left = Integer.MAX_VALUE;
        int right = -1;
        int top = -1;
        int bottom = -1;
        int blankRows = 0;
        for (int y = box.y(); y < box.bottom(); y++) {
            boolean inked = false;
            for (int x = box.x(); x < box.right(); x++) {
                if (screen.argb(x, y) != ground) {
                    inked = true;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
            if (inked) {
                // a blank row across the whole label: a second line (the label wraps)
                if (top >= 0 && blankRows > 0 && !shortLabel) {
                    return null;
                }
                top = top < 0 ? y : top;
                bottom = y;
                blankRows = 0;
            } else if (top >= 0) {
                blankRows++;
            }
        }
        return top < 0 ? null : new Region(left, top, right - left + 1, bottom - top + 1);
    }

    /**
     * The lines that appeared between two screens inside {@code area}, one per band of changed
     * rows, paired in order with the labels printed; bands as thin as a caret are left out, and
     * the pairing is dropped unless every band is as wide as its label's characters say (the
     * fonts are monospaced).
     */
    private static List<LabelSample> lines(String app, List<String> labels, Screenshot before, Screenshot after,
                                           Region area, String size) {
        List<Region> bands = new ArrayList<>();
        int start = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int row = area.y(); row <= area.bottom(); row++) {
            var changed = row < area.bottom() && row < after.height()
                    ? after.changedSince(before, new Region(area.x(), row, area.width(), 1)) : Optional.<Region>empty();
            if (changed.isPresent()) {
                start = start < 0 ? row : start;
                left = Math.min(left, changed.get().x());
                right = Math.max(right, changed.get().right());
            } else if (start >= 0) {
                if (right - left >= 4) {
                    bands.add(new Region(left, start, right - left, row - start));
                }
                start = -1;
                left = Integer.MAX_VALUE;
                right = -1;
            }
        }
        List<LabelSample> samples = new ArrayList<>();
        // more bands than lines, or one as tall as a paragraph: something else changed too
        if (bands.size() > labels.size() || bands.isEmpty() || bands.stream().anyMatch(b -> b.height() > 60)) {
            System.out.println("  " + app + " " + size + ": " + bands.size() + " changed lines for " + labels.size()
                    + " labels; round left out");
            return samples;
        }
        double[] perChar = new double[bands.size()];
        for (int i = 0; i < bands.size(); i++) {
            perChar[i] = bands.get(i).width() / (double) labels.get(i).length();
        }
        double[] sorted = perChar.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int i = 0; i < bands.size(); i++) {
            if (Math.abs(perChar[i] - median) <= 0.3 * median) {
                samples.add(new LabelSample(app, labels.get(i), size, bands.get(i), after));
            }
        }
        System.out.println("  " + app + " " + size + ": " + samples.size() + " of " + labels.size()
                + " lines shown, line height " + bands.get(0).height() + " px");
        return samples;
    }

    private static String signed(int level) {
        return level > 0 ? "+" + level : Integer.toString(level);
    }

    private static Screenshot awaitChange(Desktop desktop, Screenshot from) {
        return Awaitility.await("the screen to change").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> desktop.waitForStableScreen().screenshot(), s -> !s.samePixels(from));
    }
}
