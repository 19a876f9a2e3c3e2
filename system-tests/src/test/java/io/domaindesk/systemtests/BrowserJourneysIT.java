package io.domaindesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does with DomainDesk, in a real browser against the real stack: the front
 * on one origin, the back on another (the browser finds it through the front's run-time
 * /config.json, and the back's CORS lets it in). With E2E_BASE_URL set, the same journeys
 * drive an already running stack instead (see {@link Stack}).
 */
class BrowserJourneysIT {

    private static Stack stack;

    private static String adminToken;

    private static long adminId;

    /** Users created in the UI, deleted at the end from an already running stack. */
    private static final List<String> createdUsers = new ArrayList<>();

    private ChromeDriver browser;

    private WebDriverWait wait;

    @BeforeAll
    static void startStack() {
        Browser.requireInstalled();
        stack = Stack.fromEnvironment();
        adminToken = stack.adminToken();
        adminId = stack.adminId(adminToken);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            try {
                if (!stack.selfStarted()) {
                    String token = stack.adminToken();
                    createdUsers.forEach(email -> stack.deleteUser(token, email));
                }
            }
            finally {
                stack.close();
            }
        }
    }

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        browser = Browser.start(profile, stack.insecureTls);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        try {
            assertThat(Browser.consoleErrors(browser, stack.apiUrl))
                .as("script errors or CSP violations in the browser console")
                .isEmpty();
        }
        finally {
            browser.quit();
        }
    }

    @Test
    void adminCreatesFindsFiltersEditsAndDeletesADomain() {
        String name = uniqueName("soon");
        String later = uniqueName("later");
        stack.createDomain(adminToken, later, "Registrar Far", LocalDate.now().plusDays(400).toString(), adminId);

        signIn(stack.adminEmail, stack.adminPassword);
        assertThat(text(By.id("whoami"))).contains("ADMIN");
        Browser.screenshot(browser, "domains");

        // Create: first with mistakes, which the API explains next to the fields.
        click(By.id("domain-new"));
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "New domain"));
        type(By.name("name"), "Not A Domain");
        type(By.name("registrar"), "Gandi");
        clickButton("Create domain");
        wait.until(attributeToBe(By.name("name"), "aria-invalid", "true"));
        String nameError = text(By.id(browser.findElement(By.name("name")).getAttribute("id") + "-error"));
        assertThat(nameError).isNotBlank();
        assertThat(visible(By.cssSelector("[data-error-summary]"))).isTrue();
        Browser.screenshot(browser, "domain-form-errors");

        type(By.name("name"), name);
        setDate(By.name("expiresAt"), LocalDate.now().plusDays(10));
        type(By.name("notes"), "Renewal handled by the web team.");
        clickButton("Create domain");
        wait.until(textToBePresentInElementLocated(By.id("flash"), "Domain " + name + " created."));

        // Find it with the search.
        searchDomains(name);
        assertThat(browser.getCurrentUrl()).contains("q=" + name);
        assertThat(browser.findElements(By.cssSelector("tr[data-domain]"))).hasSize(1);
        assertThat(browser.findElement(row(name)).isDisplayed()).isTrue();

        // Under "expiring within 30 days", highlighted; the one expiring next year is
        // not.
        click(By.id("domain-clear"));
        settle();
        assertThat(browser.findElements(row(later))).hasSize(1);
        click(By.id("domain-expiring"));
        settle();
        assertThat(browser.getCurrentUrl()).contains("days=30");
        assertThat(browser.findElements(row(name))).hasSize(1);
        assertThat(browser.findElements(row(later))).isEmpty();
        assertThat(browser.findElement(row(name)).findElement(By.cssSelector(".expiry-soon")).getText())
            .isEqualTo("In 10 days");
        Browser.screenshot(browser, "domains-expiring");

        // Edit.
        click(By.cssSelector("a[aria-label='Edit " + name + "']"));
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Edit " + name));
        Browser.screenshot(browser, "domain-edit");
        type(By.name("registrar"), "OVHcloud");
        clickButton("Save changes");
        wait.until(textToBePresentInElementLocated(By.id("flash"), "Domain " + name + " saved."));
        searchDomains(name);
        assertThat(text(row(name))).contains("OVHcloud");

        // Delete, after confirming.
        click(By.cssSelector("button[aria-label='Delete " + name + "']"));
        wait.until(visibilityOfElementLocated(By.id("confirm")));
        Browser.screenshot(browser, "domain-delete-confirm");
        click(By.id("confirm-ok"));
        wait.until(textToBePresentInElementLocated(By.id("flash"), "Domain " + name + " deleted."));
        settle();
        assertThat(browser.findElements(row(name))).isEmpty();
        assertThat(text(By.id("domains-empty"))).contains("No domain matches");
    }

    @Test
    void aDomainReaderIsOfferedNothingTheyCannotDo() {
        stack.createDomain(adminToken, uniqueName("read"), "Registrar R", LocalDate.now().plusDays(90).toString(),
                adminId);
        String email = "reader-" + Stack.randomSecret(4).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x")
                + "@e2e.example.com";
        String password = Stack.randomSecret(12);
        createdUsers.add(email);

        // The administrator creates the reader in the UI.
        signIn(stack.adminEmail, stack.adminPassword);
        click(By.cssSelector("[data-nav='users']"));
        wait.until(visibilityOfElementLocated(By.id("user-new")));
        Browser.screenshot(browser, "users");
        click(By.id("user-new"));
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "New user"));
        type(By.name("email"), email);
        type(By.name("firstName"), "Rita");
        type(By.name("lastName"), "Reader");
        type(By.name("password"), password);
        click(By.id("role-DOMAIN_READ"));
        Browser.screenshot(browser, "user-form");
        clickButton("Create user");
        wait.until(textToBePresentInElementLocated(By.id("flash"), "User " + email + " created."));
        assertThat(text(By.cssSelector("tr[data-user='" + email + "']"))).contains("DOMAIN_READ");

        click(By.id("sign-out"));
        wait.until(textToBePresentInElementLocated(By.id("flash"), "You are signed out."));

        signIn(email, password);
        assertThat(text(By.id("whoami"))).contains("Rita Reader", "DOMAIN_READ");
        wait.until(visibilityOfElementLocated(By.cssSelector("tr[data-domain]")));
        assertThat(browser.findElements(By.id("domain-new"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[aria-label^='Edit '], button[aria-label^='Delete ']")))
            .isEmpty();
        assertThat(browser.findElement(By.id("menu-users")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "domains-read-only");

        // Typing a write URL by hand does not show a form either.
        browser.get(stack.frontUrl + "/domains/new");
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "No access"));
    }

    @Test
    void anEditOverSomeoneElsesChangeIsRefusedInWords() {
        String name = uniqueName("stale");
        long id = stack.createDomain(adminToken, name, "First Registrar", LocalDate.now().plusDays(200).toString(),
                adminId);

        signIn(stack.adminEmail, stack.adminPassword);
        browser.get(stack.frontUrl + "/domains/" + id);
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Edit " + name));

        // Meanwhile, someone else saves a change: the form's ETag is now stale.
        stack.renameRegistrar(adminToken, id, "Their Registrar");
        type(By.name("registrar"), "My Registrar");
        clickButton("Save changes");

        wait.until(visibilityOfElementLocated(By.cssSelector("[data-error-summary]")));
        assertThat(text(By.cssSelector("[data-error-summary]"))).contains("Someone else changed this meanwhile");
        assertThat(browser.switchTo().activeElement().getAttribute("data-error-summary")).isNotNull();
        Browser.screenshot(browser, "domain-edit-conflict");
    }

    @Test
    void aWrongPasswordIsRefusedInWords() {
        browser.get(stack.frontUrl + "/");
        wait.until(visibilityOfElementLocated(By.name("email")));
        Browser.screenshot(browser, "signin");
        submitSignIn(stack.adminEmail, "not-the-password");

        wait.until(visibilityOfElementLocated(By.id("signin-error")));
        assertThat(text(By.id("signin-error"))).isEqualTo("Wrong e-mail or password. Please try again.");
        assertThat(browser.switchTo().activeElement().getAttribute("name")).isEqualTo("password");
        Browser.screenshot(browser, "signin-wrong-password");
    }

    @Test
    void aRejectedTokenLeadsBackToSignInWithAMessage() {
        signIn(stack.adminEmail, stack.adminPassword);

        // As if the token had been forged, or signed with a key that was rotated since.
        browser.executeScript("""
                const stored = JSON.parse(sessionStorage.getItem('domaindesk.token'));
                stored.value = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.invalid';
                sessionStorage.setItem('domaindesk.token', JSON.stringify(stored));""");
        browser.navigate().refresh();

        wait.until(visibilityOfElementLocated(By.name("password")));
        assertThat(text(By.id("flash"))).contains("Your session has expired or was not accepted");
        assertThat(browser.getCurrentUrl()).contains("/signin?next=%2Fdomains");
        Browser.screenshot(browser, "signin-session-ended");

        // Signing in again returns to where the person was.
        submitSignIn(stack.adminEmail, stack.adminPassword);
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Domains"));
        assertThat(browser.getCurrentUrl()).endsWith("/domains");
    }

    @Test
    void theDomainListFitsAPhone() {
        stack.createDomain(adminToken, uniqueName("phone"), "Registrar P", LocalDate.now().minusDays(3).toString(),
                adminId);
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(stack.adminEmail, stack.adminPassword);
        wait.until(visibilityOfElementLocated(By.cssSelector(".expiry-expired")));

        Object overflow = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("horizontal scrolling at phone width").isEqualTo(false);
        Browser.screenshot(browser, "domains-phone");
    }

    // --- helpers -----------------------------------------------------------------

    private void signIn(String email, String password) {
        browser.get(stack.frontUrl + "/signin");
        submitSignIn(email, password);
        wait.until(visibilityOfElementLocated(By.id("sign-out")));
        settle();
    }

    /** Fills in and sends the sign-in form on screen. */
    private void submitSignIn(String email, String password) {
        type(By.name("email"), email);
        type(By.name("password"), password);
        clickButton("Sign in");
    }

    private void searchDomains(String text) {
        type(By.id("domain-q"), text);
        click(By.id("domain-filter"));
        settle();
    }

    /** Waits until the screen the last action asked for is drawn. */
    private void settle() {
        wait.until(attributeToBe(By.id("view"), "aria-busy", "false"));
    }

    private void type(By field, String text) {
        WebElement element = wait.until(visibilityOfElementLocated(field));
        element.clear();
        element.sendKeys(text);
    }

    /**
     * Date inputs take keys in the browser's locale format; the value property is ISO
     * everywhere.
     */
    private void setDate(By field, LocalDate date) {
        WebElement element = wait.until(visibilityOfElementLocated(field));
        browser.executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                element, date.toString());
    }

    private void click(By target) {
        wait.until(visibilityOfElementLocated(target)).click();
    }

    private void clickButton(String label) {
        click(By.xpath("//button[normalize-space()='" + label + "']"));
    }

    private String text(By target) {
        return wait.until(visibilityOfElementLocated(target)).getText();
    }

    private boolean visible(By target) {
        return browser.findElement(target).isDisplayed();
    }

    private static By row(String domain) {
        return By.cssSelector("tr[data-domain='" + domain + "']");
    }

    private static String uniqueName(String label) {
        String suffix = Stack.randomSecret(6).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return label + "-" + suffix + ".e2e.example.com";
    }

}
