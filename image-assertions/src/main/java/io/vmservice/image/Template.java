package io.vmservice.image;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.desktop.Target;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An image to look for on the screen. Immutable: every {@code with}-style method returns a new
 * template.
 *
 * <p>Matching uses normalised correlation ({@code TM_CCOEFF_NORMED}), which forgives uniform
 * changes of brightness and contrast. The default similarity is {@value #DEFAULT_SIMILARITY}: a
 * correctly rendered widget scores 0.97 to 1.0, a similar but different one (another button of
 * the same style) usually 0.6 to 0.85. A flat template (all compared pixels within a standard
 * deviation of 2 of one colour) has no correlation, so it is matched by colour distance instead:
 * its score is 1 minus the root-mean-square difference of the channels over 255.
 *
 * <pre>{@code
 * Template save = Template.fromResource("/icons/save.png").similarity(0.95).atScales(1.0, 1.25);
 * Optional<Match> hit = TemplateMatcher.find(screen, save);
 * }</pre>
 */
@CheckReturnValue
public final class Template implements Target {

    public static final double DEFAULT_SIMILARITY = 0.9;
    public static final int DEFAULT_MAX_MATCHES = 100;

    private final String name;
    private final Screenshot image;
    private final Screenshot mask;
    private final double similarity;
    private final boolean grayscale;
    private final double[] scales;
    private final Region region;
    private final boolean coarseToFine;
    private final int maxMatches;
    private final List<TemplateImage> prepared;
    // the class-path resource a template was asked for and that did not exist (then image is null)
    private final String missing;

    private Template(String name, Screenshot image, Screenshot mask, double similarity, boolean grayscale,
            double[] scales, Region region, boolean coarseToFine, int maxMatches, List<TemplateImage> prepared,
            String missing) {
        this.name = name;
        this.image = image;
        this.mask = mask;
        this.similarity = similarity;
        this.grayscale = grayscale;
        this.scales = scales;
        this.region = region;
        this.coarseToFine = coarseToFine;
        this.maxMatches = maxMatches;
        this.missing = missing;
        this.prepared = prepared != null || image == null ? prepared : prepare(image, mask, scales, grayscale);
    }

    /** A template of the whole image; transparent pixels (alpha below 128) are ignored. */
    public static Template of(Screenshot image) {
        return of("image " + image.width() + "x" + image.height(), image);
    }

    private static Template of(String name, Screenshot image) {
        return new Template(name, image, null, DEFAULT_SIMILARITY, true, new double[] {1.0}, null, true,
                DEFAULT_MAX_MATCHES, null, null);
    }

    public static Template fromFile(Path png) {
        return of("template " + png.getFileName(), Screenshot.read(png));
    }

    /**
     * A template from a class-path resource, e.g. {@code "/icons/save.png"}. A resource that does
     * not exist yet (the picture is still to be cut) is no error here, in a static field at class
     * load, but at the template's first search, with how to create it.
     */
    public static Template fromResource(String resource) {
        String absolute = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = Template.class.getResourceAsStream(absolute)) {
            if (in == null) {
                return new Template("template " + absolute.substring(absolute.lastIndexOf('/') + 1), null, null,
                        DEFAULT_SIMILARITY, true, new double[] {1.0}, null, true, DEFAULT_MAX_MATCHES, null, absolute);
            }
            return of("template " + absolute.substring(absolute.lastIndexOf('/') + 1), Screenshot.fromPng(in.readAllBytes()));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read template resource " + absolute + ": " + e.getMessage(), e);
        }
    }

    public static Template fromBytes(byte[] png) {
        Screenshot image = Screenshot.fromPng(png);
        return of("template " + image.width() + "x" + image.height(), image);
    }

    /** The part of a screenshot inside {@code crop}, e.g. a widget captured from a known-good run. */
    public static Template fromScreenshot(Screenshot screen, Region crop) {
        return of("template " + crop + " of " + screen, screen.crop(crop));
    }

    /** A name for messages and reports. */
    public Template named(String newName) {
        return new Template(newName, image, mask, similarity, grayscale, scales, region, coarseToFine,
                maxMatches, prepared, missing);
    }

    /** The score (0..1) a place needs to count as a match; {@value #DEFAULT_SIMILARITY} unless set. */
    public Template similarity(double minimum) {
        if (!(minimum > 0 && minimum <= 1)) {
            throw new InvalidInputException("similarity must be in (0, 1], got " + minimum);
        }
        return new Template(name, image, mask, minimum, grayscale, scales, region, coarseToFine, maxMatches,
                prepared, missing);
    }

    /** Match on brightness only (the default): three times faster, blind to hue-only changes. */
    public Template grayscale() {
        return grayscale ? this
                : new Template(name, image, mask, similarity, true, scales, region, coarseToFine, maxMatches,
                        null, missing);
    }

    /** Match all three colour channels, e.g. to tell a red status chip from a green one. */
    public Template inColor() {
        return !grayscale ? this
                : new Template(name, image, mask, similarity, false, scales, region, coarseToFine, maxMatches,
                        null, missing);
    }

    /** Compare only where {@code maskImage} is not black; it must have the template's size. */
    public Template withMask(Screenshot maskImage) {
        Screenshot image = image();
        if (maskImage.width() != image.width() || maskImage.height() != image.height()) {
            throw new InvalidInputException("a mask must have the template's size " + image.width() + "x"
                    + image.height() + ", got " + maskImage.width() + "x" + maskImage.height());
        }
        return new Template(name, image, maskImage, similarity, grayscale, scales, region, coarseToFine,
                maxMatches, null, missing);
    }

    /** Also look for the template resized by these factors, e.g. {@code 1.0, 1.25, 1.5} for HiDPI screens. */
    public Template atScales(double... factors) {
        if (factors.length == 0) {
            throw new InvalidInputException("atScales needs at least one scale");
        }
        for (double f : factors) {
            if (!(f >= 0.1 && f <= 10)) {
                throw new InvalidInputException("a scale must be between 0.1 and 10, got " + f);
            }
        }
        return new Template(name, image, mask, similarity, grayscale, factors.clone(), region, coarseToFine,
                maxMatches, null, missing);
    }

    /** Search only inside this region of the screen. */
    public Template inRegion(Region searchArea) {
        return new Template(name, image, mask, similarity, grayscale, scales, searchArea, coarseToFine,
                maxMatches, prepared, missing);
    }

    /**
     * Whether to search a half-size screen first and refine the best candidates at full size
     * (the default, six times faster). It applies to templates at least 24 pixels on each side.
     */
    public Template coarseToFine(boolean enabled) {
        return new Template(name, image, mask, similarity, grayscale, scales, region, enabled, maxMatches,
                prepared, missing);
    }

    /** The most matches a search reports; {@value #DEFAULT_MAX_MATCHES} unless set. */
    public Template maxMatches(int limit) {
        if (limit < 1) {
            throw new InvalidInputException("maxMatches must be at least 1, got " + limit);
        }
        return new Template(name, image, mask, similarity, grayscale, scales, region, coarseToFine, limit,
                prepared, missing);
    }

    /** The short name used in messages and artifact file names. */
    public String name() {
        return name;
    }

    /** The picture; a template whose resource is missing fails here, saying how to create it. */
    public Screenshot image() {
        requirePicture();
        return image;
    }

    private void requirePicture() {
        if (image == null) {
            throw new InvalidInputException("template picture " + missing + " is not on the class path."
                    + " Create it: in a test, desktop.capture(\"screen\") (or window.capture(\"name\")) saves"
                    + " the screen and a copy with a coordinate grid under target/vmservice/<class>/<method>/;"
                    + " read the box off the grid, then vmservice crop <that png> X Y W H"
                    + " src/test/resources" + missing + " and run the test again (vmservice: scripts/vmservice"
                    + " in the framework's repository, or java -cp <test class path>"
                    + " io.vmservice.image.cli.VmServiceCli; see the README's \"Capturing templates\")");
        }
    }

    public double similarity() {
        return similarity;
    }

    public boolean isGrayscale() {
        return grayscale;
    }

    public double[] scales() {
        return scales.clone();
    }

    public Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    public boolean isCoarseToFine() {
        return coarseToFine;
    }

    public int maxMatches() {
        return maxMatches;
    }

    /** True when the template is one flat colour, matched by colour distance instead of correlation. */
    public boolean isFlat() {
        return prepared().get(0).flat();
    }

    List<TemplateImage> prepared() {
        requirePicture();
        return prepared;
    }

    @Override
    public SearchResult search(Screenshot screen) {
        return TemplateMatcher.search(screen, this);
    }

    /** Searches only around what changed since {@code earlier}; the answer is the full search's. */
    @Override
    public SearchResult search(Screenshot screen, Screenshot earlier, SearchResult earlierResult) {
        return TemplateMatcher.searchSince(screen, this, earlier, earlierResult);
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder(name).append(" (");
        text.append(image == null ? "missing picture " + missing : image.width() + "x" + image.height());
        text.append(String.format(Locale.ROOT, ", similarity %.2f", similarity));
        text.append(grayscale ? ", grayscale" : ", colour");
        if (scales.length > 1 || scales[0] != 1.0) {
            text.append(", scales ").append(Arrays.toString(scales));
        }
        if (region != null) {
            text.append(", in ").append(region);
        }
        return text.append(')').toString();
    }

    @Override
    public String toString() {
        return description();
    }

    private static List<TemplateImage> prepare(Screenshot image, Screenshot mask, double[] scales, boolean grayscale) {
        List<TemplateImage> images = Arrays.stream(scales)
                .mapToObj(scale -> TemplateImage.prepare(image, mask, scale, grayscale))
                .toList();
        if (images.get(0).maskedPixels() == 0) {
            throw new InvalidInputException("the template's mask hides every pixel: nothing left to compare");
        }
        return images;
    }
}
