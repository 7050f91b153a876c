package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser, over a real bot: {@code bots.LiveBot} checkpoints a new task
 * every second while {@code java -jar jobstate.jar serve} serves its state folder to headless
 * Chromium. A checkpoint shows in the open farm page within 2 s without a reload; an Unmark pressed
 * on the account page makes the running bot run that task again, as {@code jobstate unmark} does.
 */
class DashboardIT {

    static final String ACCOUNT = "live@example.com";
    static final String TOKEN = "t";
    private static final Pattern SAVED = Pattern.compile("^SAVED task-(\\d+)$");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aCheckpointShowsWithinTwoSecondsAndAnUnmarkFromThePageReachesTheRunningBot(Jdk jdk, TestInfo test)
            throws Exception {
        Workspace ws = Workspace.fresh(test, jdk);
        try (ChildJvm.Running bot = ChildJvm.on(jdk, ws.dir).main("bots.LiveBot", "--account=" + ACCOUNT,
                "--every=1000", "--minutes=3").start()) {
            // serve refuses a state folder that is not there: the bot makes it with its first checkpoint.
            assertTrue(bot.awaitStdout(lines -> lines.contains("SAVED task-2"), ChildJvm.DEFAULT_TIMEOUT));
            try (ServeJvm serve = ServeJvm.start(jdk, ws.dir, "--dir", ws.stateDir().toString(), "--port", "0",
                    "--token", TOKEN);
                 Browser browser = Browser.open(ws.path("chromium-profile"))) {
                watch(bot, serve, browser, ws);
            }
        }
    }

    private static void watch(ChildJvm.Running bot, ServeJvm serve, Browser browser, Workspace ws) throws Exception {
        String url = serve.url(Duration.ofSeconds(60));
        WebDriver page = browser.driver;

        page.get(url + "?account=live");
        assertTrue(Browser.await(Duration.ofSeconds(30), () -> done(page) > 0), "the bot's row shows\n"
                + serve.describe());
        // A mark on this document: a reload would make a new one without it.
        ((JavascriptExecutor) page).executeScript("window.jobstateTestMark = 'unreloaded';");

        int next = lastSaved(bot) + 1;
        assertTrue(bot.awaitStdout(lines -> lines.contains("SAVED task-" + next), Duration.ofSeconds(30)));
        long saved = System.nanoTime();
        assertTrue(Browser.await(Duration.ofSeconds(10), () -> done(page) >= next), "task-" + next + " shows");
        long shownAfter = Duration.ofNanos(System.nanoTime() - saved).toMillis();
        assertTrue(shownAfter <= 2000, "task-" + next + "'s checkpoint took " + shownAfter + " ms to show");
        System.out.println("DashboardIT: task-" + next + " showed in the farm page " + shownAfter
                + " ms after the bot said its checkpoint was saved");
        assertEquals("unreloaded", ((JavascriptExecutor) page).executeScript("return window.jobstateTestMark;"),
                "the page updated itself, it was not reloaded");
        Files.write(ws.path("dashboard-farm.png"), browser.screenshot());

        // The farm page redraws the bot's row as it checkpoints: the link may be replaced under the click.
        assertTrue(Browser.await(Duration.ofSeconds(15), () -> {
            page.findElement(By.cssSelector("tr[data-account='" + ACCOUNT + "'] td.account a")).click();
            return true;
        }), "the bot's row links to its account");
        assertTrue(Browser.await(Duration.ofSeconds(15), () -> page.getCurrentUrl().contains("/account?name=")));
        WebElement token = page.findElement(By.id("token"));
        assertTrue(Browser.await(Duration.ofSeconds(15), token::isDisplayed), "serve has a token: its field shows");
        token.sendKeys(TOKEN);
        String today = Zones.today().toString();
        By unmark = By.cssSelector("tr[data-id='task-1'][data-date='" + today + "'] button.unmark");
        long ranBefore = ran(bot, "task-1");
        // The page redraws the account each time the bot checkpoints: a button may be replaced under the click.
        assertTrue(Browser.await(Duration.ofSeconds(15), () -> {
            page.findElement(unmark).click();
            return true;
        }), "task-1 has an Unmark button");

        assertTrue(Browser.await(Duration.ofSeconds(15), () -> page.findElement(By.id("message")).getText()
                .equals("unmarked task-1 for " + ACCOUNT + " live on " + today + ": it runs again")),
                "the page says what unmark says: " + page.findElement(By.id("message")).getText());
        assertTrue(bot.awaitStdout(lines -> lines.stream().filter("RAN task-1"::equals).count() > ranBefore,
                Duration.ofSeconds(15)), "the running bot ran task-1 again");
        assertTrue(Browser.await(Duration.ofSeconds(15), () -> "done".equals(page.findElement(
                By.cssSelector("tr[data-id='task-1'][data-date='" + today + "']")).getAttribute("data-state"))),
                "and the page shows it done again");
        Files.write(ws.path("dashboard-account.png"), browser.screenshot());
    }

    /** The completed count in the bot's row of the farm page, 0 while there is none. */
    private static int done(WebDriver page) {
        List<WebElement> cells = page.findElements(By.cssSelector("tr[data-account='" + ACCOUNT + "'] td.done"));
        return cells.isEmpty() ? 0 : Integer.parseInt(cells.get(0).getText().split("/")[0]);
    }

    private static int lastSaved(ChildJvm.Running bot) {
        int[] last = {0};
        bot.awaitStdout(lines -> {
            for (String line : lines) {
                Matcher saved = SAVED.matcher(line);
                if (saved.matches()) {
                    last[0] = Math.max(last[0], Integer.parseInt(saved.group(1)));
                }
            }
            return true;
        }, Duration.ZERO);
        return last[0];
    }

    private static long ran(ChildJvm.Running bot, String id) {
        long[] count = {0};
        bot.awaitStdout(lines -> {
            count[0] = lines.stream().filter(("RAN " + id)::equals).count();
            return true;
        }, Duration.ZERO);
        return count[0];
    }
}
