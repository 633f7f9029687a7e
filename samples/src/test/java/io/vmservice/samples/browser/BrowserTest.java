package io.vmservice.samples.browser;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.image.text.Text;
import io.vmservice.junit.DesktopTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Firefox in the sandbox on a page this test serves: the button is found by its picture (or by
 * its words), the page's answer checked by picture (or by its words), and the order checked
 * where it arrived, at the server.
 */
@DesktopTest
class BrowserTest {

    private static final Template PLACE_ORDER = Template.fromResource("/browser/place-order-button.png").named("Place order");
    private static final Template ORDER_PLACED = Template.fromResource("/browser/order-placed.png").named("Order placed!");

    private final List<String> orders = new CopyOnWriteArrayList<>();
    private HttpServer shop;

    @BeforeEach
    void openTheShop() throws IOException {
        byte[] page = resource("/browser/order.html");
        shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                orders.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        shop.start();
    }

    @AfterEach
    void closeTheShop() {
        shop.stop(0);
    }

    // example:begin
    @Test
    void placesAnOrderByClickingTheButtonItSees(Desktop desktop) {
        quietFirefoxProfile(desktop, "/tmp/firefox");
        desktop.run("firefox-esr --new-instance --profile /tmp/firefox http://127.0.0.1:" + shop.getAddress().getPort()
                + "/ >/tmp/firefox.log 2>&1 &");
        desktop.waitForWindow("Order form");

        desktop.find(PLACE_ORDER).click().move(700, 600);

        assertThat(desktop).eventually().shows(ORDER_PLACED);
        await("the order at the shop").atMost(Duration.ofSeconds(10)).until(() -> !orders.isEmpty());
        assertThat(orders).containsExactly("lemons=3");
    }
    // example:end

    @Test
    void placesAnOrderByTheWordsOnTheButton(Desktop desktop) {
        quietFirefoxProfile(desktop, "/tmp/firefox");
        desktop.run("firefox-esr --new-instance --profile /tmp/firefox http://127.0.0.1:" + shop.getAddress().getPort()
                + "/ >/tmp/firefox.log 2>&1 &");
        desktop.waitForWindow("Order form");
        assertThat(desktop).eventually().showsText("Your basket: 3 lemons").showsText("Not ordered yet");

        desktop.find(Text.of("Place order")).click().move(700, 600);

        assertThat(desktop).eventually().showsText("Order placed!").doesNotShowText("Not ordered yet");
        await("the order at the shop").atMost(Duration.ofSeconds(10)).until(() -> !orders.isEmpty());
        assertThat(orders).containsExactly("lemons=3");
    }

    /** A profile that starts on the page: no first-run tabs, default-browser question or data notice. */
    static void quietFirefoxProfile(Desktop desktop, String dir) {
        desktop.files().write(dir + "/user.js", String.join("\n",
                "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                "user_pref(\"browser.aboutwelcome.enabled\", false);",
                "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BrowserTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
