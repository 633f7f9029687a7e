package io.vmservice.image.text;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.image.Baselines;
import io.vmservice.screen.Screenshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assertThat(screen).showsText(...)}: passes on what is read, fails naming the nearest text. */
class TextAssertionsTest {

    private static final Screenshot SCREEN = new TextScreens(600, 200)
            .label("Your basket: 3 lemons", 20, 40, 11).button("Place order", 20, 80, 10).screen();

    @TempDir
    Path temp;

    @Test
    void passesOnTextThatIsThereOrNot() {
        assertThat(SCREEN).showsText("Place order").showsText("3 lemons").doesNotShowText("Order placed");
    }

    @Test
    void aFailureNamesTheNearestTextItsBoxAndTheOutlinedScreen() {
        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(new Baselines(temp, temp, false))
                .showsText("Place orders now"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to show:")
                .hasMessageContaining("text \"Place orders now\"")
                .hasMessageContaining("nearest text read: \"Place order\" at ")
                .satisfies(e -> {
                    Matcher png = Pattern.compile("artifacts: (\\S+\\.png)").matcher(e.getMessage());
                    assertThat(png.find()).isTrue();
                    Path file = Path.of(png.group(1));
                    assertThat(Files.exists(file)).isTrue();
                    // the words read are outlined: the written screen differs from the one checked
                    assertThat(Screenshot.read(file).samePixels(SCREEN)).isFalse();
                });
        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(new Baselines(temp, temp, false))
                .doesNotShowText("place ORDER"))
                .hasMessageContaining("not to show").hasMessageContaining("\"Place order\"");
    }
}
