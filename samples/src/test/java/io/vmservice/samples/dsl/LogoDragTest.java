package io.vmservice.samples.dsl;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import org.junit.jupiter.api.Test;

/** The DSL's locators on a window found by its picture: waited for, dragged by its title, waited gone. */
// example:begin
@DesktopTest
class LogoDragTest {

    private static final Template LOGO = Template.fromResource("/dsl/xlogo.png").named("xlogo");

    @Sandbox(template = "minimal")
    Desktop desktop;                                   // a fresh sandbox for every test

    @Test
    void findsAWindowByItsPictureAndDragsIt() {
        desktop.run("xlogo -geometry 100x100+600+300 >/dev/null 2>&1 &");
        Match first = desktop.find(LOGO).waitVisible();

        // The title bar is 60 px above the picture's centre: grab it there.
        desktop.find(LOGO).offset(0, -60).dragTo(new Point(first.center().x() - 300, first.center().y() - 260));

        Match moved = desktop.find(LOGO).waitVisible();
        assertThat(moved.center()).isEqualTo(new Point(first.center().x() - 300, first.center().y() - 200));
        desktop.run("pkill xlogo");
        desktop.find(LOGO).waitGone();
        assertThat(desktop).doesNotShow(LOGO);
    }
}
// example:end
