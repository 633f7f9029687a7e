package io.vmservice.samples.regression;

import static io.vmservice.image.ImageAssertions.assertThat;

import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fails on purpose, to show what a failed visual check looks like in the report: the expected,
 * actual and diff images side by side. Left out of the normal run (tag {@code showcase-failure});
 * run it with {@code -Pshowcase}.
 */
@DesktopTest
@Tag("showcase-failure")
class ShowcaseFailureTest {

    @Sandbox(template = "minimal")
    Desktop desktop;

    @Test
    void aDialogWhoseTextChangedFailsItsBaseline() {
        desktop.move(1023, 767);
        desktop.run("xmessage -geometry +300+250 -buttons Start:0,Quit:1 'Welcome to the sample app, version 2' >/dev/null 2>&1 &");
        assertThat(desktop.waitForWindow("xmessage").waitForStableScreen().screenshot()).matchesBaseline("welcome-dialog");
    }
}
