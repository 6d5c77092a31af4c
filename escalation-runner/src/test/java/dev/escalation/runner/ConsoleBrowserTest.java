package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Transition;
import dev.escalation.runner.internal.FlowCoverage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium, over a SQLite file that {@code replay} wrote first, as
 * an operator would use it. One browser and one console for the class; each page's screenshot goes to
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final String SECOND_PROBLEM = "Also, I have another problem: I want to upgrade to the premium plan.";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    @TempDir
    static Path dir;

    private RunningConsole console;
    private HeadlessChromium browser;
    private String hostileTicket;

    @BeforeAll
    void replayConversationsThenOpenTheConsoleInABrowser() {
        RunnerProcess runner = RunnerProcess.on(dir);
        RunnerProcess.Result replayed = runner.stdinJson(
                        Seed.conversation("paid-twice", "u1"),
                        Seed.message("gave-up", "u2", Seed.OPENING),
                        Seed.message("gave-up", "u2", "Never mind, cancel this."),
                        Seed.message("hostile", "u3", Seed.OPENING),
                        Seed.message("hostile", "u3", Seed.DETAILS + " " + HOSTILE),
                        Seed.message("hostile", "u3", Seed.YES),
                        Seed.message("parked", "u4", Seed.OPENING),
                        Seed.message("parked", "u4", SECOND_PROBLEM))
                .run("replay", "-");
        assertThat(replayed.status()).as(replayed.err()).isZero();
        hostileTicket =
                replayed.jsonLines().get(7).get("ticket").get("ticket_id").asText();
        console = RunningConsole.on(dir.resolve("tickets.db"), Map.of());
        browser = HeadlessChromium.start(dir);
    }

    @AfterAll
    void closeBrowserAndConsole() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    private void open(String route) {
        browser.driver().get(console.uri() + "#/" + route);
    }

    private WebElement waitFor(String css) {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void say(String text) {
        WebElement box = waitFor("#message");
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("send")));
        box.sendKeys(text, Keys.ENTER);
    }

    private void waitForState(String state) {
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#current-state"), state));
        browser.waiting()
                .until(ExpectedConditions.attributeContains(
                        By.cssSelector("g.state[id='state-" + state + "']"), "class", "current"));
    }

    @Test
    void chattingToATicketMovesTheHighlightedStateAndFillsTheSlots() {
        open("chat");
        waitForState("REASON");

        say(Seed.OPENING);
        waitForState("DETAILS");
        say(Seed.DETAILS);
        waitForState("CONFIRMATION");
        assertThat(waitFor("dd[data-slot='department']").getText()).isEqualTo("Billing");
        assertThat(waitFor("dd[data-slot='priority']").getText()).isEqualTo("high");
        say(Seed.YES);
        waitForState("TICKET_CREATED");

        assertThat(waitFor("#ticket-link").getText()).matches("TK-[A-Z2-9]{8}");
        assertThat(browser.driver().findElements(By.cssSelector("g.state.current")))
                .hasSize(1);
        assertThat(waitFor("#last-move").getText()).contains("CONFIRMATION \u2192 TICKET_CREATED");
        assertThat(browser.driver()
                        .findElements(By.cssSelector(".bubble.agent"))
                        .get(2)
                        .getText())
                .contains(waitFor("#ticket-link").getText());
        browser.screenshot("chat");
    }

    @Test
    void changingATicketsStatusShowsTheNewAuditEntry() {
        open("tickets");
        waitFor("#ticket-table");
        browser.screenshot("tickets");
        new Select(waitFor("#filter-status")).selectByValue("open");
        waitFor("#filter-customer").sendKeys("u1");
        waitFor("#apply-filters").click();
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ticket-table tbody tr"), 1));
        browser.driver().findElement(By.cssSelector("#ticket-table tbody a")).click();

        new Select(waitFor("#new-status")).selectByValue("in_progress");
        waitFor("#note").sendKeys("Refund requested from finance.");
        waitFor("#save-ticket").click();

        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("update-feedback"), "Saved"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#audit-trail tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText())
                .contains("operator:ana")
                .contains("open")
                .contains("in_progress")
                .contains("Refund requested from finance.");
        browser.screenshot("ticket");
    }

    @Test
    void flowTrafficShowsTheCountsOfTheStoredTurnsAndWhereConversationsWereCancelled() {
        open("traffic?window=all");
        waitFor("#traffic-table");

        FlowDefinition flow = FlowDefinition.standard();
        List<ConversationTurn> turns = console.database()
                .conversationStore()
                .turnsBetween(Instant.EPOCH, Instant.now().plusSeconds(60));
        Map<Transition, Long> expected = FlowCoverage.count(flow, turns);
        assertThat(expected).isNotEmpty();
        for (int row = 0; row < flow.transitions().size(); row++) {
            String shown = waitFor("#traffic-table tr[data-row='" + row + "'] td.count")
                    .getText();
            assertThat(Long.parseLong(shown))
                    .as("row %s", flow.transitions().get(row))
                    .isEqualTo(expected.getOrDefault(flow.transitions().get(row), 0L));
        }
        assertThat(waitFor("#stat-turns b").getText()).isEqualTo(String.valueOf(turns.size()));
        assertThat(waitFor("#cancelled").getText()).contains("DETAILS");
        long untaken = flow.transitions().stream()
                .filter(t -> !expected.containsKey(t))
                .count();
        assertThat(waitFor("#stat-untaken b").getText())
                .isEqualTo(untaken + " of " + flow.transitions().size());
        browser.screenshot("traffic");
    }

    @Test
    void customerHtmlIsShownAsTextAndNeverBecomesAnElement() {
        open("tickets/" + hostileTicket);
        String description = waitFor("#ticket-description").getText();
        open("conversations/hostile");
        waitFor("#transcript-view .turn");

        assertThat(description).contains(HOSTILE);
        assertThat(browser.driver().findElements(By.cssSelector("main img, main script")))
                .isEmpty();
        assertThat(browser.driver()
                        .findElements(By.cssSelector("#transcript-view .customer-text"))
                        .get(1)
                        .getText())
                .contains(HOSTILE);
        assertThat(browser.driver().executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        browser.screenshot("conversation");
    }

    @Test
    void theConversationPageShowsTheParkedSecondProblemApartFromTheTranscript() {
        open("conversations/parked");
        String parked = waitFor("#parked-request").getText();
        browser.screenshot("conversation-parked");
        open("conversations/paid-twice");
        waitFor("#transcript-view .turn");

        assertThat(parked).contains("Parked request").contains(SECOND_PROBLEM);
        assertThat(browser.driver().findElements(By.cssSelector("#parked-request")))
                .as("a conversation with nothing parked shows no parked request")
                .isEmpty();
    }
}
