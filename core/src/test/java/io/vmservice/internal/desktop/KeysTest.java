package io.vmservice.internal.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void mapsE2bsKeyNamesCaseInsensitively() {
        assertThat(Keys.keysym("enter")).isEqualTo("Return");
        assertThat(Keys.keysym("CTRL")).isEqualTo("Control_L");
        assertThat(Keys.keysym("win")).isEqualTo("Super_L");
        assertThat(Keys.keysym("f12")).isEqualTo("F12");
        assertThat(Keys.keysym("page_down")).isEqualTo("Page_Down");
        assertThat(Keys.keysym("A")).isEqualTo("a");
    }

    @Test
    void passesKeysymsThroughAndMapsOtherCharactersToUnicodeKeysyms() {
        assertThat(Keys.keysym("KP_Enter")).isEqualTo("KP_Enter");
        assertThat(Keys.keysym("é")).isEqualTo("U00E9");
        assertThat(Keys.chord(List.of("ctrl", "shift", "t"))).isEqualTo("Control_L+Shift_L+t");
    }

    @Test
    void refusesNamesThatCannotBeKeys() {
        assertThatThrownBy(() -> Keys.keysym("a;b")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key name \"a;b\"");
        assertThatThrownBy(() -> Keys.keysym("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Keys.keysym("\n")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Keys.chord(List.of())).isInstanceOf(InvalidInputException.class);
    }
}
