package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing at full speed through the input channel loses and reorders nothing: checked in the saved file. */
class FastTypingTest {

    private LocalProvider provider;
    private ProviderSandbox sandbox;
    private DesktopDriver desktop;

    @BeforeEach
    void boot() {
        provider = LocalProvider.create();
        sandbox = provider.create("typing-" + System.nanoTime(), SandboxConfig.defaults());
        desktop = new DesktopDriver(sandbox);
    }

    @AfterEach
    void destroy() {
        sandbox.screenshot().savePng(java.nio.file.Path.of("target", "screens", "fastTyping.png"));
        provider.close();
    }

    @Test
    void aThousandAsciiCharactersTypedWithoutDelayArriveInMousepadInOrder() {
        // Every printable ASCII character, in an order that shows a swap or a loss anywhere.
        String text = IntStream.range(0, 1000).mapToObj(i -> String.valueOf((char) (33 + (i * 7) % 94)))
                .collect(Collectors.joining());
        desktop.launch("mousepad", null);
        String window = await("mousepad's window").atMost(Duration.ofSeconds(20))
                .until(() -> desktop.applicationWindows("mousepad"), ids -> !ids.isEmpty()).get(0);
        await("mousepad to have the focus").atMost(Duration.ofSeconds(10)).until(desktop::currentWindowId, window::equals);

        desktop.typeText(text, 25, 0);
        desktop.pressKeys(List.of("ctrl", "s"));
        await("the save dialog").atMost(Duration.ofSeconds(15))
                .until(() -> desktop.windowTitle(desktop.currentWindowId()).contains("Save"));
        desktop.typeText("fast.txt", 25, 5);
        Screens.awaitStable(sandbox);
        desktop.pressKeys(List.of("enter"));

        String saved = await("fast.txt to be saved").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> new String(sandbox.readFile("/home/user/fast.txt"), StandardCharsets.UTF_8), s -> !s.isEmpty());
        assertThat(saved).hasSize(1000).isEqualTo(text);
    }
}
