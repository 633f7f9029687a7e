package io.vmservice.samples.browser;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Accessible;
import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.samples.accessibility.AccessibleBoxes;
import io.vmservice.screen.Match;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Firefox's page driven by the button's role and name, read from the accessibility tree, with the
 * shop served inside the sandbox so that the same test runs on E2B, whose sandboxes cannot reach
 * the machine the tests run on. The tree's box is checked against the button's picture.
 */
@DesktopTest
class BrowserByRoleTest {

    private static final Template PLACE_ORDER = Template.fromResource("/browser/place-order-button.png").named("Place order");
    private static final String SHOP = "/tmp/shop";

    @Test
    void placesAnOrderByTheButtonsRoleAndName(Desktop desktop) throws IOException {
        String url = openShop(desktop);
        BrowserTest.quietFirefoxProfile(desktop, "/tmp/firefox");
        desktop.run("firefox-esr --new-instance --profile /tmp/firefox " + url + " >/tmp/firefox.log 2>&1 &");
        desktop.waitForWindow("Order form");

        Match byRole = desktop.find(Accessible.button("Place order").inWindow("Order form")).waitVisible();
        Match byPicture = desktop.find(PLACE_ORDER).waitVisible();
        // The tree's extent and the committed picture of the button put it in the same place.
        AccessibleBoxes.assertAgree(byRole, byPicture);

        desktop.find(Accessible.button("Place order").inWindow("Order form")).click();

        await("the order at the shop").atMost(Duration.ofSeconds(10))
                .until(() -> desktop.run("cat " + SHOP + "/orders.txt 2>/dev/null").stdout(), orders -> !orders.isEmpty());
        assertThat(desktop.files().read(SHOP + "/orders.txt")).isEqualTo("lemons=3\n");
        assertThat(desktop).eventually().hasElement(Accessible.role("heading").name("Your basket: 3 lemons"));
    }

    /** Starts the shop in the sandbox and returns its address there. */
    private static String openShop(Desktop desktop) throws IOException {
        desktop.files().write(SHOP + "/order.html", resource("/browser/order.html"));
        desktop.files().write(SHOP + "/shop.py", resource("/browser/shop.py"));
        desktop.run("python3 " + SHOP + "/shop.py " + SHOP + " >" + SHOP + "/shop.log 2>&1 &");
        String port = await("the shop's port").atMost(Duration.ofSeconds(10))
                .until(() -> desktop.run("cat " + SHOP + "/port 2>/dev/null").stdout().strip(), p -> !p.isEmpty());
        return "http://127.0.0.1:" + port + "/";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BrowserByRoleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
