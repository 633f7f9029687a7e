package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The apt-get line the README gives a team's CI names exactly the packages scripts/test installs. */
class SystemPackagesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesInstallLineListsWhatTheScriptsInstall() throws IOException {
        Matcher list = Pattern.compile("VMSERVICE_PACKAGES=\\((.*?)\\)", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("scripts/lib/system-packages.sh")));
        assertThat(list.find()).as("VMSERVICE_PACKAGES in scripts/lib/system-packages.sh").isTrue();
        List<String> installed = words(list.group(1).replaceAll("#[^\\n]*", ""));

        Matcher line = Pattern.compile("apt-get install -y --no-install-recommends ([^`]*)```")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(line.find()).as("an apt-get install line in the README").isTrue();

        assertThat(words(line.group(1).replace("\\\n", " "))).containsExactlyElementsOf(installed);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
