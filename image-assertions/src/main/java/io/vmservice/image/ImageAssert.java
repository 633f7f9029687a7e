package io.vmservice.image;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.image.text.Text;
import io.vmservice.internal.SearchOutline;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a screenshot: what it contains, whether it matches its baseline, how similar it
 * is to another image. Start with {@link ImageAssertions#assertThat(Screenshot)}. The checks of a
 * screen have the names of {@link DesktopAssert}'s checks of a live desktop: {@code shows},
 * {@code doesNotShow}, {@code showsExactly}, {@code showsText}, {@code doesNotShowText}.
 *
 * <pre>{@code
 * assertThat(screen).shows(saveButton).doesNotShow(errorIcon);
 * assertThat(screen).ignoring(clock).withDiffOptions(DiffOptions.builder().maxDiffPixels(20).build())
 *         .matchesBaseline("editor/empty");
 * }</pre>
 */
public class ImageAssert extends AbstractAssert<ImageAssert, Screenshot> {

    private static final AtomicInteger SIMILARITY_CHECKS = new AtomicInteger();

    private DiffOptions diffOptions = DiffOptions.defaults();
    private final List<Region> ignored = new ArrayList<>();
    private Baselines baselines;

    protected ImageAssert(Screenshot actual) {
        super(actual, ImageAssert.class);
    }

    /** Per-pixel threshold, budget and colours for {@link #matchesBaseline}. */
    @CheckReturnValue
    public ImageAssert withDiffOptions(DiffOptions options) {
        this.diffOptions = options;
        return myself;
    }

    /** Leaves these areas (a clock, a cursor) out of {@link #matchesBaseline}; the baseline keeps them. */
    @CheckReturnValue
    public ImageAssert ignoring(Region... regions) {
        ignored.addAll(List.of(regions));
        return myself;
    }

    /** Baseline and artifact folders other than the ones the system properties give. */
    @CheckReturnValue
    public ImageAssert usingBaselines(Baselines settings) {
        this.baselines = settings;
        return myself;
    }

    /** Passes when the template is found at or above its similarity. */
    public ImageAssert shows(Template template) {
        isNotNull();
        SearchResult result = template.search(actual);
        if (!result.found()) {
            String artifacts = writeSearchArtifacts(template, result);
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto show:%n  %s%nbut %s was below the threshold %.2f;%nartifacts: %s",
                    actual, template.description(), bestText(result), result.threshold(), artifacts));
        }
        return myself;
    }

    /** Passes when no place reaches the template's similarity. */
    public ImageAssert doesNotShow(Template template) {
        isNotNull();
        SearchResult result = template.search(actual);
        if (result.found()) {
            String artifacts = writeSearchArtifacts(template, result);
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nnot to show:%n  %s%nbut found %s at threshold %.2f;%nartifacts: %s",
                    actual, template.description(), matchesText(result.matches()), result.threshold(), artifacts));
        }
        return myself;
    }

    /** Passes when the template is found exactly {@code count} times (overlapping hits count once). */
    public ImageAssert showsExactly(int count, Template template) {
        isNotNull();
        SearchResult result = template.search(actual);
        if (result.matches().size() != count) {
            String artifacts = writeSearchArtifacts(template, result);
            String found = result.found() ? matchesText(result.matches()) : "none, " + bestText(result);
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto show exactly %d time(s):%n  %s%nbut found %s at threshold %.2f;%nartifacts: %s",
                    actual, count, template.description(), found, result.threshold(), artifacts));
        }
        return myself;
    }

    /** Passes when these words are read on the screen (see {@link Text#of}). */
    public ImageAssert showsText(String words) {
        return showsText(Text.of(words));
    }

    /** Passes when the text is read on the screen. */
    public ImageAssert showsText(Text text) {
        isNotNull();
        SearchResult result = text.search(actual);
        if (!result.found()) {
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto show:%n  %s%nbut the search found %s;%nartifacts: %s",
                    actual, text.description(), text.explain(result), writeTextArtifacts(text, result)));
        }
        return myself;
    }

    /** Passes when these words are not read anywhere on the screen. */
    public ImageAssert doesNotShowText(String words) {
        isNotNull();
        Text text = Text.of(words);
        SearchResult result = text.search(actual);
        if (result.found()) {
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nnot to show:%n  %s%nbut read %s;%nartifacts: %s",
                    actual, text.description(), matchesText(result.matches()), writeTextArtifacts(text, result)));
        }
        return myself;
    }

    /**
     * Compares with the baseline {@code name} (see {@link Baselines}). A missing baseline is
     * written from the actual image and the assertion fails saying so, unless update mode is on;
     * update mode also rewrites a baseline that no longer matches. A failure writes expected,
     * actual and diff images and names them.
     */
    public ImageAssert matchesBaseline(String name) {
        isNotNull();
        Baselines settings = baselines != null ? baselines : Baselines.configured();
        if (settings.updateRefused()) {
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nBaseline update mode (-D%s=true) is refused on CI (CI=true): it would accept"
                            + " any screen as baseline \"%s\". Turn it off, or force it with -D%s=true (or %s=true).",
                    Baselines.UPDATE_PROPERTY, name, Baselines.FORCE_PROPERTY, Baselines.FORCE_VARIABLE));
        }
        Optional<Screenshot> baseline = settings.read(name);
        String size = actual.width() + "x" + actual.height();
        if (baseline.isEmpty()) {
            Path written = settings.write(name, actual, "new, " + size);
            if (!settings.update()) {
                failWithMessage("%s", String.format(Locale.ROOT,
                        "%nNo baseline \"%s\" existed: wrote the actual image to%n  %s%n"
                                + "Check it and keep it, then run again (or set -D%s=true to write baselines without failing).",
                        name, written.toAbsolutePath(), Baselines.UPDATE_PROPERTY));
            }
            return myself;
        }
        Screenshot expected = baseline.get();
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            if (settings.update()) {
                settings.write(name, actual, "size " + expected.width() + "x" + expected.height() + " -> " + size);
                return myself;
            }
            Path expectedFile = settings.writeArtifact(name, "expected", expected);
            Path actualFile = settings.writeArtifact(name, "actual", actual);
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto match baseline \"%s\" (%s)%nbut the sizes differ: expected %dx%d, actual %dx%d;"
                            + "%nartifacts: %s, %s",
                    actual, name, settings.path(name), expected.width(), expected.height(),
                    actual.width(), actual.height(), expectedFile, actualFile));
        }
        DiffOptions options = diffOptions.toBuilder().ignore(ignored).drawDiffImage(false).build();
        DiffResult result = ImageDiff.compare(expected, actual, options);
        if (result.passed()) {
            return myself;
        }
        if (settings.update()) {
            settings.write(name, actual, String.format(Locale.ROOT, "%d pixels changed (%.2f%%)",
                    result.mismatched(), result.ratio() * 100));
            return myself;
        }
        DiffResult drawn = ImageDiff.compare(expected, actual, options.toBuilder().drawDiffImage(true).build());
        Path expectedFile = settings.writeArtifact(name, "expected", expected);
        Path actualFile = settings.writeArtifact(name, "actual", actual);
        Path diffFile = settings.writeArtifact(name, "diff", drawn.diffImage().orElseThrow());
        failWithMessage("%s", String.format(Locale.ROOT,
                "%nExpecting actual:%n  %s%nto match baseline \"%s\" (%s)%nbut %s (%s);%nartifacts: %s, %s, %s",
                actual, name, settings.path(name), result.describe(), options, expectedFile, actualFile, diffFile));
        return myself;
    }

    /** Passes when the mean SSIM over the whole image is at least {@code minimum}. */
    public ImageAssert isSimilarTo(Screenshot expected, double minimum) {
        isNotNull();
        return isSimilarTo(expected, minimum, actual.bounds());
    }

    /** Passes when the mean SSIM inside {@code region} is at least {@code minimum}. */
    public ImageAssert isSimilarTo(Screenshot expected, double minimum, Region region) {
        isNotNull();
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto be similar to:%n  %s%nbut the sizes differ: expected %dx%d, actual %dx%d",
                    actual, expected, expected.width(), expected.height(), actual.width(), actual.height()));
        }
        double ssim = Ssim.compare(expected, actual, region);
        if (ssim < minimum) {
            Baselines settings = baselines != null ? baselines : Baselines.configured();
            String name = "similar-" + SIMILARITY_CHECKS.incrementAndGet();
            Path expectedFile = settings.writeArtifact(name, "expected", expected);
            Path actualFile = settings.writeArtifact(name, "actual", actual);
            Path diffFile = settings.writeArtifact(name, "diff",
                    ImageDiff.compare(expected, actual).diffImage().orElseThrow());
            failWithMessage("%s", String.format(Locale.ROOT,
                    "%nExpecting actual:%n  %s%nto be similar to:%n  %s%nin %s%nbut SSIM %.4f was below the minimum %.4f;"
                            + "%nartifacts: %s, %s, %s",
                    actual, expected, region, ssim, minimum, expectedFile, actualFile, diffFile));
        }
        return myself;
    }

    private static String bestText(SearchResult result) {
        return result.best().map(m -> String.format(Locale.ROOT, "best score %.3f at %s", m.score(), m.region()))
                .orElse("no candidate");
    }

    private static String matchesText(List<Match> matches) {
        return matches.size() + " match(es): " + matches.stream().map(Match::toString)
                .collect(Collectors.joining(", "));
    }

    /** The screen with every word read outlined and the nearest text marked. */
    private String writeTextArtifacts(Text text, SearchResult result) {
        Baselines settings = baselines != null ? baselines : Baselines.configured();
        return settings.writeArtifact("text-search", "actual", SearchOutline.draw(text.annotate(actual, result), result))
                + " (words read outlined in blue, nearest text in magenta)";
    }

    /** The screen with the best candidate outlined, and the template, for a failed search. */
    private String writeSearchArtifacts(Template template, SearchResult result) {
        Baselines settings = baselines != null ? baselines : Baselines.configured();
        String name = "search-" + template.name().replaceAll("[^A-Za-z0-9._-]+", "-");
        Path actualFile = settings.writeArtifact(name, "actual", SearchOutline.draw(actual, result));
        Path templateFile = settings.writeArtifact(name, "template", template.image());
        return actualFile + " (best candidate outlined), " + templateFile;
    }
}
