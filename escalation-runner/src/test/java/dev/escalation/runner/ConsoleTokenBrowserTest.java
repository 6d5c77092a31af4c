package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A console with a token, met by a browser without it and then with it once. */
class ConsoleTokenBrowserTest {

    private static final String TOKEN = "browser-test-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void withoutTheTokenTheBrowserGets401AndWithItOnceTheCookieLetsItIn() {
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of(ConsoleConfig.TOKEN, TOKEN));
                HeadlessChromium browser = HeadlessChromium.start(dir)) {
            browser.driver().get(console.uri().toString());
            Object status = browser.driver()
                    .executeScript("return performance.getEntriesByType('navigation')[0].responseStatus");
            String refused = browser.driver().findElement(By.tagName("body")).getText();
            browser.screenshot("token-missing");

            browser.driver().get(console.uri() + "?token=" + TOKEN);
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
            Cookie cookie = browser.driver().manage().getCookieNamed("escalation_console");

            assertThat(status).isEqualTo(401L);
            assertThat(refused).contains("needs its token");
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(TOKEN);
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getValue()).doesNotContain(TOKEN);
        }
    }
}
