package io.vmservice.samples.calculator;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Window;
import io.vmservice.screen.AmbiguousTargetException;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import io.vmservice.screen.Region;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * xcalc driven by the pictures of its keys. The keys share one frame, so a key's picture also
 * matches its neighbours above the default similarity of 0.9; each template below carries the fix
 * the locator's error named for it: a similarity between the best two scores, or a search region
 * (in the window's coordinates) around the key.
 */
@DesktopTest
class XcalcTest {

    // example:begin
    // Cut from window.capture("xcalc") with scripts/vmservice crop, under src/test/resources/calculator/.
    private static final Template ONE = key("one").similarity(0.97);      // "the best scores are 1.000 and 0.939"
    private static final Template TWO = key("two");                       // unique as it is
    private static final Template THREE = key("three").similarity(0.98);
    private static final Template ZERO = key("zero").similarity(0.96);
    private static final Template PLUS = key("plus").inRegion(new Region(156, 324, 90, 76));
    private static final Template EQUALS = key("equals").inRegion(new Region(156, 354, 90, 76));
    // example:end

    @Sandbox(template = "minimal")
    Desktop desktop;

    // example:begin
    @Test
    void addsTwelveAndThirtyByClickingThePicturesOfItsKeys() {
        desktop.run("xcalc >/dev/null 2>&1 &");
        Window calculator = desktop.window("xcalc");          // by class or title, waits like a locator

        calculator.find(ONE).click();                          // searched inside the window only
        calculator.find(TWO).click();
        calculator.find(PLUS).click();
        calculator.find(THREE).click();
        calculator.find(ZERO).click();
        calculator.find(EQUALS).click();

        desktop.move(1023, 767).waitForStableScreen();         // the pointer out of the picture
        assertThat(calculator).matchesBaseline("calculator/forty-two");   // the window's content only
    }
    // example:end

    @Test
    void aLookAlikeKeyFailsNamingFixesThatWork() {
        desktop.run("xcalc >/dev/null 2>&1 &");
        Window calculator = desktop.window("xcalc");
        Desktop impatient = desktop.with(desktop.settings().withActionTimeout(Duration.ofSeconds(2)));
        Template bareOne = key("one");

        AmbiguousTargetException error = catchThrowableOfType(AmbiguousTargetException.class,
                () -> impatient.window("xcalc").find(bareOne).click());

        assertThat(error).hasMessageContaining("the best scores are 1.000 and 0.939: .similarity(0.97) keeps only the best")
                .hasMessageContaining("(window coordinates)")
                .hasMessageContaining("candidates (on the screen; the window's content starts at (");
        calculator.find(bareOne.similarity(error.suggestedSimilarity().orElseThrow())).click();
        desktop.move(1023, 767);        // a key under the pointer is drawn highlighted: not the picture any more
        calculator.find(bareOne.inRegion(error.suggestedRegion().orElseThrow())).click();
        desktop.move(1023, 767).waitForStableScreen();
        assertThat(calculator).matchesBaseline("calculator/eleven");
    }

    private static Template key(String name) {
        return Template.fromResource("/calculator/" + name + ".png").named("key " + name);
    }
}
