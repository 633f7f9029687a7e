package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds a {@link Template} on a screenshot with OpenCV's {@code matchTemplate}.
 *
 * <p>Coarse to fine: the screen and the template are halved, the best places on the small map
 * (the five best, and every one near the similarity) are re-matched at full size in a window a
 * few pixels wider than the template. From 40 pixels on the first map is at quarter size and its
 * places are placed again at half size, each in a small window, before going on. When the half-size search saw something close to the
 * similarity but no refined place reached it, the full-size search runs, so the answer is the
 * full search's. Colour templates are located in grey and confirmed in colour.
 *
 * <p>Knowing the result on an earlier frame ({@link #searchSince}), only what changed is searched
 * again: the places whose template-sized window overlaps a changed pixel. Every other place
 * scores as it did, so the earlier matches stand; when a change touches one of them, or the
 * best candidate, the whole screen is searched.
 *
 * <p>Matches closer than 0.8 template sizes to a better one are suppressed, and of two
 * overlapping matches (intersection over union above 0.3, e.g. from two scales) only the better
 * is kept. All native memory is freed before a call returns.
 */
public final class TemplateMatcher {

    private static final int COARSE_MIN_SIDE = 24;
    // from this side on a template keeps enough detail at quarter size, a sixteenth of the work
    private static final int QUARTER_MIN_SIDE = 40;
    // a quarter-size map blurs a template's detail: twice the candidates, suppressed over half
    // the template rather than most of it, each costing only a half-size check
    private static final int QUARTER_CANDIDATES = 10;
    private static final int COARSE_CANDIDATES = 5;
    // half-size scores run lower: text and thin lines blur when halved
    private static final double COARSE_SLACK = 0.25;
    // pixels around a coarse hit searched at full size, per unit of the shrink factor
    private static final int REFINE_MARGIN_PER_FACTOR = 2;
    private static final double SUPPRESSION = 0.8;
    private static final double DUPLICATE_OVERLAP = 0.3;

    private TemplateMatcher() {
    }

    /** The best match at or above the template's similarity. */
    public static Optional<Match> find(Screenshot screen, Template template) {
        return search(screen, template).matches().stream().findFirst();
    }

    /** Every match at or above the template's similarity, best first, without overlaps. */
    public static List<Match> findAll(Screenshot screen, Template template) {
        return search(screen, template).matches();
    }

    /** The matches, and the best candidate even below the similarity, for messages. */
    public static SearchResult search(Screenshot screen, Template template) {
        Region area = searchArea(screen, template);
        List<Match> candidates = new ArrayList<>();
        Match best = null;
        boolean anyFits = false;
        try (PointerScope scope = new PointerScope()) {
            ScreenMats mats = new ScreenMats(screen, area);
            for (TemplateImage image : template.prepared()) {
                if (image.width() > area.width() || image.height() > area.height()) {
                    continue;
                }
                anyFits = true;
                ScaleResult result = new ScaleSearch(mats, image, template).run();
                candidates.addAll(result.matches());
                if (result.best() != null && (best == null || result.best().score() > best.score())) {
                    best = result.best();
                }
            }
        }
        if (!anyFits) {
            throw new InvalidInputException(template.description() + " is larger than the "
                    + area.width() + "x" + area.height() + " area searched");
        }
        return new SearchResult(withoutOverlaps(candidates, template.maxMatches()), Optional.ofNullable(best),
                template.similarity());
    }

    /**
     * The matches {@link #search} finds on {@code screen}, from this template's result on an
     * earlier screenshot of the same size: the earlier result when no pixel of the search area
     * changed, else a search around the change merged with the earlier matches. Below the
     * similarity, the best candidate (for messages) is the closer of the earlier one and the one
     * near the change.
     */
    public static SearchResult searchSince(Screenshot screen, Template template, Screenshot earlier,
                                           SearchResult earlierResult) {
        if (earlier == null || earlierResult == null || earlier.width() != screen.width()
                || earlier.height() != screen.height()) {
            return search(screen, template);
        }
        Region area = searchArea(screen, template);
        Optional<Region> changed = screen.changedSince(earlier, area);
        if (changed.isEmpty()) {
            return earlierResult;
        }
        Region change = changed.get();
        boolean touchesEarlier = earlierResult.best().map(m -> m.region().intersection(change) != null).orElse(false)
                || earlierResult.matches().stream().anyMatch(m -> m.region().intersection(change) != null);
        if (touchesEarlier) {
            return search(screen, template);
        }
        int width = template.prepared().stream().mapToInt(TemplateImage::width).max().orElse(1);
        int height = template.prepared().stream().mapToInt(TemplateImage::height).max().orElse(1);
        Region reach = new Region(change.x() - width + 1, change.y() - height + 1,
                change.width() + 2 * (width - 1), change.height() + 2 * (height - 1)).intersection(area);
        boolean anyFits = reach != null && template.prepared().stream()
                .anyMatch(i -> i.width() <= reach.width() && i.height() <= reach.height());
        if (!anyFits) {
            return earlierResult;
        }
        SearchResult near = search(screen, template.inRegion(reach));
        List<Match> matches = new ArrayList<>(earlierResult.matches());
        matches.addAll(near.matches());
        Optional<Match> best = Stream.concat(earlierResult.best().stream(), near.best().stream())
                .max(Comparator.comparingDouble(Match::score));
        return new SearchResult(withoutOverlaps(matches, template.maxMatches()), best, template.similarity());
    }

    private static Region searchArea(Screenshot screen, Template template) {
        if (template.region().isEmpty()) {
            return screen.bounds();
        }
        Region area = template.region().get().intersection(screen.bounds());
        if (area == null) {
            throw new InvalidInputException("search region " + template.region().get()
                    + " lies outside the " + screen.width() + "x" + screen.height() + " screenshot");
        }
        return area;
    }

    private static List<Match> withoutOverlaps(List<Match> matches, int limit) {
        List<Match> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingDouble(Match::score).reversed());
        List<Match> kept = new ArrayList<>();
        for (Match match : sorted) {
            if (kept.size() == limit) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.region().overlap(match.region()) > DUPLICATE_OVERLAP)) {
                kept.add(match);
            }
        }
        return kept;
    }

    private record ScaleResult(List<Match> matches, Match best) {
    }

    /** The search for one scale of the template. */
    private static final class ScaleSearch {

        private final ScreenMats screen;
        private final TemplateImage image;
        private final Template template;
        private final boolean colour;
        private final Mat templ;
        private final Mat mask;

        ScaleSearch(ScreenMats screen, TemplateImage image, Template template) {
            this.screen = screen;
            this.image = image;
            this.template = template;
            // a flat template is matched by colour distance, which needs every channel
            this.colour = image.flat() || !template.isGrayscale();
            Mat bgra = NativeImages.bgra(image.pixels());
            this.templ = colour ? NativeImages.bgr(bgra) : NativeImages.grey(bgra);
            this.mask = image.mask() == null ? null : NativeImages.bytes(image.mask(), image.width(), image.height());
        }

        ScaleResult run() {
            boolean coarse = template.isCoarseToFine()
                    && Math.min(image.width(), image.height()) >= COARSE_MIN_SIDE;
            if (coarse) {
                ScaleResult refined = coarseToFine();
                if (refined != null) {
                    return refined;
                }
            }
            return fullSearch();
        }

        /** Null when the coarse search saw a near miss that only the full search can settle. */
        private ScaleResult coarseToFine() {
            // grey is enough to locate a colour template; the refinement checks its colours
            boolean coarseColour = image.flat();
            boolean quarter = !coarseColour && mask == null
                    && Math.min(image.width(), image.height()) >= QUARTER_MIN_SIDE;
            int factor = quarter ? 4 : 2;
            Mat halfTemplate = ScreenMats.halved(coarseColour ? templ : greyTemplate());
            Mat small = quarter ? ScreenMats.halved(halfTemplate) : halfTemplate;
            Mat smallMask = null;
            long compared = (long) small.cols() * small.rows();
            if (mask != null) {
                smallMask = new Mat();
                resize(mask, smallMask, new Size(small.cols(), small.rows()), 0, 0, INTER_NEAREST);
                compared = countNonZero(smallMask);
                if (compared == 0) {
                    return null;
                }
            }
            Mat map = ScoreMap.scores(screen.shrunk(factor, coarseColour), small, smallMask, image.flat(),
                    compared * (coarseColour ? 3 : 1));
            double bar = template.similarity() - COARSE_SLACK;
            List<ScoreMap.Peak> peaks = quarter
                    ? ScoreMap.peaks(map, bar, QUARTER_CANDIDATES, template.maxMatches() + QUARTER_CANDIDATES,
                            Math.max(1, small.cols() / 2), Math.max(1, small.rows() / 2))
                    : ScoreMap.peaks(map, bar, COARSE_CANDIDATES, template.maxMatches() + COARSE_CANDIDATES,
                            suppression(small.cols()), suppression(small.rows()));
            if (quarter) {
                peaks = atHalfSize(peaks, halfTemplate, bar);
                factor = 2;
            }

            List<Match> matches = new ArrayList<>();
            Match best = null;
            for (ScoreMap.Peak peak : peaks) {
                Match refined = refine(peak.x() * factor, peak.y() * factor, factor * REFINE_MARGIN_PER_FACTOR);
                if (best == null || refined.score() > best.score()) {
                    best = refined;
                }
                if (refined.score() >= template.similarity()) {
                    matches.add(refined);
                }
            }
            boolean nearMiss = !peaks.isEmpty() && peaks.get(0).score() >= bar;
            if (matches.isEmpty() && nearMiss) {
                return null;
            }
            return new ScaleResult(matches, best);
        }

        /**
         * Quarter-size peaks placed again at half size, each in a small window: a quarter-size
         * map has many more places near the bar, and a half-size check is far cheaper than a
         * full-size one. Kept as the half-size search keeps its peaks: the best few, then every
         * one reaching the bar.
         */
        private List<ScoreMap.Peak> atHalfSize(List<ScoreMap.Peak> quarterPeaks, Mat halfTemplate, double bar) {
            Mat half = screen.half(false);
            int margin = 2 * REFINE_MARGIN_PER_FACTOR;
            List<ScoreMap.Peak> placed = new ArrayList<>();
            for (ScoreMap.Peak peak : quarterPeaks) {
                int x0 = Math.max(0, peak.x() * 2 - margin);
                int y0 = Math.max(0, peak.y() * 2 - margin);
                int x1 = Math.min(half.cols(), peak.x() * 2 + halfTemplate.cols() + margin);
                int y1 = Math.min(half.rows(), peak.y() * 2 + halfTemplate.rows() + margin);
                Mat window = half.apply(new Rect(x0, y0, x1 - x0, y1 - y0));
                ScoreMap.Peak best = ScoreMap.best(ScoreMap.scores(window, halfTemplate, null, false, 0));
                ScoreMap.Peak at = new ScoreMap.Peak(x0 + best.x(), y0 + best.y(), best.score());
                if (placed.stream().noneMatch(p -> p.x() == at.x() && p.y() == at.y())) {
                    placed.add(at);
                }
            }
            placed.sort(Comparator.comparingDouble(ScoreMap.Peak::score).reversed());
            List<ScoreMap.Peak> kept = new ArrayList<>();
            for (ScoreMap.Peak peak : placed) {
                if (kept.size() < COARSE_CANDIDATES || peak.score() >= bar) {
                    kept.add(peak);
                }
            }
            return kept;
        }

        private Match refine(int x, int y, int margin) {
            Region area = screen.area();
            int x0 = Math.max(0, x - margin);
            int y0 = Math.max(0, y - margin);
            int x1 = Math.min(area.width(), x + image.width() + margin);
            int y1 = Math.min(area.height(), y + image.height() + margin);
            Mat window = screen.window(new Rect(x0, y0, x1 - x0, y1 - y0), colour);
            ScoreMap.Peak peak = ScoreMap.best(ScoreMap.scores(window, templ, mask, image.flat(), comparedValues()));
            return match(x0 + peak.x(), y0 + peak.y(), peak.score());
        }

        private ScaleResult fullSearch() {
            Mat map = ScoreMap.scores(screen.full(colour), templ, mask, image.flat(), comparedValues());
            List<ScoreMap.Peak> peaks = ScoreMap.peaks(map, template.similarity(), 1, template.maxMatches(),
                    suppression(image.width()), suppression(image.height()));
            List<Match> matches = new ArrayList<>();
            for (ScoreMap.Peak peak : peaks) {
                if (peak.score() >= template.similarity()) {
                    matches.add(match(peak.x(), peak.y(), peak.score()));
                }
            }
            ScoreMap.Peak top = peaks.get(0);
            return new ScaleResult(matches, match(top.x(), top.y(), top.score()));
        }

        private Mat greyTemplate() {
            return colour ? NativeImages.grey(NativeImages.bgra(image.pixels())) : templ;
        }

        private long comparedValues() {
            return (long) image.maskedPixels() * (colour ? 3 : 1);
        }

        private Match match(int x, int y, double score) {
            Region area = screen.area();
            return new Match(new Region(area.x() + x, area.y() + y, image.width(), image.height()), score);
        }

        private static int suppression(int size) {
            return Math.max(1, (int) (size * SUPPRESSION));
        }
    }
}
