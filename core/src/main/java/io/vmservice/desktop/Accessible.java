package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Match;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * An element found by its role and accessible name in the desktop's accessibility tree (AT-SPI2),
 * the way a screen reader, Dogtail or Playwright's {@code getByRole} finds it: independent of
 * themes, fonts and pictures. Its match is the element's extent on the screen, so actions land on
 * it with the pointer, as a user's would.
 *
 * <pre>{@code
 * desktop.find(Accessible.button("Place order")).click();
 * }</pre>
 *
 * <p>Names are compared with blanks collapsed and case ignored; {@link #name(Pattern)} takes a
 * regular expression instead. Only elements showing on the screen count. Roles are AT-SPI's role
 * names: {@code push button}, {@code text}, {@code entry}, {@code check box}, {@code menu item},
 * {@code frame}, {@code label}, {@code page tab}, ... ({@link Desktop#accessibilityTree()} lists
 * them for a window).
 */
@CheckReturnValue
public final class Accessible implements Target {

    private static final int CANDIDATES_LISTED = 5;
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private final String role;
    private final String name;
    private final Pattern namePattern;
    private final String window;
    private final Set<String> states;
    private final int nth;
    private final AtSpiReader reader;
    private volatile List<AccessibleElement> lastElements = List.of();

    private Accessible(String role, String name, Pattern namePattern, String window, Set<String> states, int nth,
                       AtSpiReader reader) {
        this.role = role;
        this.name = name;
        this.namePattern = namePattern;
        this.window = window;
        this.states = Set.copyOf(states);
        this.nth = nth;
        this.reader = reader;
    }

    /** Elements of this role, e.g. {@code "push button"}, {@code "text"}, {@code "check box"}. */
    public static Accessible role(String role) {
        return new Accessible(required(role, "role").toLowerCase(Locale.ROOT), null, null, null, Set.of(), -1, null);
    }

    /** A push button with this name (its label). */
    public static Accessible button(String name) {
        return role("push button").name(name);
    }

    /** Elements of any role with this name. */
    public static Accessible named(String name) {
        return new Accessible(null, normalize(required(name, "name")), null, null, Set.of(), -1, null);
    }

    /** Elements of any role whose name this expression finds. */
    public static Accessible named(Pattern name) {
        return new Accessible(null, null, Objects.requireNonNull(name, "name"), null, Set.of(), -1, null);
    }

    public Accessible name(String name) {
        return new Accessible(role, normalize(required(name, "name")), null, window, states, nth, reader);
    }

    public Accessible name(Pattern name) {
        return new Accessible(role, null, Objects.requireNonNull(name, "name"), window, states, nth, reader);
    }

    /** Only in windows whose title contains this text. */
    public Accessible inWindow(String title) {
        return new Accessible(role, name, namePattern, required(title, "window title"), states, nth, reader);
    }

    /** The i-th match (from 0) in the tree's order, when several elements fit. */
    public Accessible nth(int index) {
        if (index < 0) {
            throw new InvalidInputException("nth(" + index + "): the index counts from 0");
        }
        return new Accessible(role, name, namePattern, window, states, index, reader);
    }

    public Accessible enabled() {
        return withState("enabled");
    }

    public Accessible checked() {
        return withState("checked");
    }

    public Accessible focused() {
        return withState("focused");
    }

    /** Only elements in this AT-SPI state, e.g. {@code "selected"}, {@code "editable"}. */
    public Accessible withState(String state) {
        Set<String> more = new LinkedHashSet<>(states);
        more.add(required(state, "state").toLowerCase(Locale.ROOT));
        return new Accessible(role, name, namePattern, window, more, nth, reader);
    }

    /** Reads the tree of the desktop it is searched on. */
    @Override
    public Target on(Desktop desktop) {
        return new Accessible(role, name, namePattern, window, states, nth, desktop.accessibilityReader());
    }

    /**
     * The showing elements that fit, in the tree's order, each matched at its extent with score 1.
     * The screenshot is not read: the tree says where the element is.
     */
    @Override
    public SearchResult search(Screenshot screen) {
        if (reader == null) {
            throw new IllegalStateException(description() + " is read from a desktop's accessibility tree:"
                    + " search it through desktop.find(...) or assertThat(desktop)");
        }
        // The server sends only elements of the role: on a Firefox page a small part of the tree.
        List<AccessibleElement> elements = reader.elements(window, role);
        lastElements = elements;
        List<Match> matches = elements.stream().filter(this::fits).filter(e -> e.box().isPresent())
                .map(e -> new Match(e.box().get(), 1.0)).distinct().toList();
        if (nth >= 0) {
            matches = nth < matches.size() ? List.of(matches.get(nth)) : List.of();
        }
        return new SearchResult(matches, matches.stream().findFirst(), 1.0);
    }

    /**
     * An unchanged screen after a search that found the element keeps that answer without asking
     * the tree again; any change, or an earlier miss, asks again.
     */
    @Override
    public SearchResult search(Screenshot screen, Screenshot earlier, SearchResult earlierResult) {
        if (earlier != null && earlierResult != null && earlierResult.found() && screen.samePixels(earlier)) {
            return earlierResult;
        }
        return search(screen);
    }

    /**
     * Settled when two reads in a row put it in the same box, as Playwright's stable means: its
     * pixels may change under a blinking caret or a running animation without it moving.
     */
    @Override
    public boolean settled(Screenshot before, Screenshot now, SearchResult earlier, Match match) {
        return earlier != null && earlier.unique() && earlier.matches().get(0).region().equals(match.region());
    }

    /**
     * The match count, and the elements nearest to this query: of any role, read again when the
     * last read had only the query's role, since a near miss is often a role named otherwise.
     */
    @Override
    public String explain(SearchResult last) {
        List<AccessibleElement> elements = role == null ? lastElements : everyRole();
        String nearest = elements.stream()
                .sorted(Comparator.comparingInt(this::distance))
                .limit(CANDIDATES_LISTED)
                .map(AccessibleElement::summary)
                .collect(Collectors.joining("\n    ", "\n  nearest elements:\n    ", ""));
        return last.matches().size() + " element(s) fit" + (elements.isEmpty() ? ", the tree showed none" : nearest);
    }

    private List<AccessibleElement> everyRole() {
        try {
            return reader.elements(window, null);
        } catch (RuntimeException unreadable) {
            return lastElements;
        }
    }

    /** The element of the last read at this match's extent. */
    public Optional<AccessibleElement> elementAt(Match match) {
        return lastElements.stream().filter(this::fits)
                .filter(e -> e.box().map(match.region()::equals).orElse(false)).findFirst();
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("accessible ").append(role == null ? "element" : role);
        if (name != null) {
            text.append(" \"").append(name).append('"');
        }
        if (namePattern != null) {
            text.append(" /").append(namePattern.pattern()).append('/');
        }
        states.forEach(s -> text.append(" [").append(s).append(']'));
        if (window != null) {
            text.append(" in \"").append(window).append('"');
        }
        if (nth >= 0) {
            text.append(" #").append(nth);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return description();
    }

    boolean fits(AccessibleElement element) {
        return (role == null || role.equals(element.role()))
                && (name == null || name.equalsIgnoreCase(element.name()))
                && (namePattern == null || namePattern.matcher(element.name()).find())
                && element.states().containsAll(states);
    }

    /** Blanks collapsed, ends trimmed: toolkits pad names (GTK's menu items end in spaces). */
    static String normalize(String name) {
        return name.strip().replaceAll("\\s+", " ");
    }

    /** How far an element is from this query, for listing the nearest: role, then name, then states. */
    private int distance(AccessibleElement element) {
        int distance = role == null || role.equals(element.role()) ? 0 : 100;
        if (name != null) {
            // A nameless element is as far as names go: it is rarely the one a named query meant.
            distance += element.name().isEmpty() ? 50
                    : Math.min(50, LEVENSHTEIN.apply(name.toLowerCase(Locale.ROOT), element.name().toLowerCase(Locale.ROOT)));
        }
        for (String state : states) {
            distance += element.states().contains(state) ? 0 : 10;
        }
        return distance;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("an accessible element's " + what + " must not be blank");
        }
        return value;
    }
}
