package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Templates from class-path resources, present or still to be made. */
class TemplateResourceTest {

    // As users write them: a static field, read when the class loads.
    private static final Template NOT_CUT_YET = Template.fromResource("/calculator/not-cut-yet.png")
            .named("seven").similarity(0.95).inRegion(io.vmservice.screen.Region.of(0, 0, 100, 100)).inColor();

    @Test
    void aMissingPictureFailsAtItsFirstSearchSayingHowToMakeIt() {
        assertThat(NOT_CUT_YET.description()).isEqualTo(
                "seven (missing picture /calculator/not-cut-yet.png, similarity 0.95, colour, in 100x100 at (0, 0))");

        assertThatThrownBy(() -> NOT_CUT_YET.search(TemplateMatcherTest.blank(200, 150, java.awt.Color.WHITE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("template picture /calculator/not-cut-yet.png is not on the class path")
                .hasMessageContaining("desktop.capture(\"screen\")")
                .hasMessageContaining("vmservice crop <that png> X Y W H src/test/resources/calculator/not-cut-yet.png")
                .hasMessageContaining("java -cp <test class path> io.vmservice.image.cli.VmServiceCli");
        assertThatThrownBy(NOT_CUT_YET::image).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPresentPictureIsReadAtOnce() {
        Template logo = Template.fromResource("pixelmatch/1a.png");

        assertThat(logo.image().width()).isEqualTo(512);
        assertThat(logo.name()).isEqualTo("template 1a.png");
    }
}
