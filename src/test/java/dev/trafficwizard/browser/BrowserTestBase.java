package dev.trafficwizard.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One browser per test class, and the address of the application the test started. */
abstract class BrowserTestBase {

    static BrowserSupport browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() {
        browser = new BrowserSupport();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
