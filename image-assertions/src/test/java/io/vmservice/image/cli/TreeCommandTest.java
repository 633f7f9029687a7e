package io.vmservice.image.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code vmservice tree}: a real local desktop booted, the application's tree printed, the desktop gone. */
class TreeCommandTest {

    @Test
    void printsTheFocusedWindowsTreeAsIndentedTextOrJson() throws IOException {
        StringWriter text = new StringWriter();
        assertThat(VmServiceCli.run(new String[] {"tree", "--", "mousepad"}, new PrintWriter(text), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(text.toString()).startsWith("frame \"Untitled 1 - Mousepad\" [").contains("  menu \"File\" [");

        StringWriter json = new StringWriter();
        assertThat(VmServiceCli.run(new String[] {"tree", "--json", "--window", "Mousepad", "--", "mousepad"},
                new PrintWriter(json), new PrintWriter(new StringWriter()))).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertThat(root.path("role").asText()).isEqualTo("frame");
        assertThat(root.path("box").path("width").asInt()).isPositive();
        assertThat(root.toString()).contains("\"role\":\"menu\",\"name\":\"File\"");
    }
}
