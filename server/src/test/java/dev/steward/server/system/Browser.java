package dev.steward.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for page tests: Debian's Chromium, headless, driven by Debian's chromedriver through Selenium.
 * Nothing is downloaded: the binaries come from {@code STEWARD_CHROMIUM} and {@code STEWARD_CHROMEDRIVER} (default
 * {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}), which {@code bin/test-all} installs. Without them the test
 * is skipped, or fails when {@code CI=true}. Each browser is quit on close, so none stays behind.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("STEWARD_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("STEWARD_CHROMEDRIVER", "/usr/bin/chromedriver"));

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Skips the test when Chromium or its driver is missing, except in CI, where that fails it. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is missing; "
          + "bin/test-all installs them: apt-get install --no-install-recommends chromium chromium-driver");
    }
    Assumptions.assumeTrue(present, "Chromium or chromedriver is not installed (apt-get install chromium "
        + "chromium-driver); browser tests skipped");
  }

  static Browser open() {
    requireInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,900", "--lang=en-GB", "--disable-extensions", "--no-first-run");
    // the console, to see whether the Content-Security-Policy refused anything a page tried
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withAllowedListIps("127.0.0.1").build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  void go(String url) {
    driver.get(url);
  }

  /** The element, or an assertion error that shows where the browser is and what the page says. */
  WebElement find(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    // a click that submits a form returns before the next page has loaded: wait for it a little
    for (int i = 0; found.isEmpty() && i < 50; i++) {
      sleep(100);
      found = driver.findElements(By.cssSelector(css));
    }
    if (found.isEmpty()) {
      throw new AssertionError("No " + css + " on " + driver.getCurrentUrl() + ", which reads:\n" + page());
    }
    return found.getFirst();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return find(css).getText();
  }

  String page() {
    return driver.findElement(By.tagName("body")).getText();
  }

  void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  void click(String css) {
    find(css).click();
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /** Runs axe-core (from its webjar) in the page and answers the serious and critical violations, in words. */
  List<String> seriousAccessibilityViolations() {
    driver.executeScript(AXE);
    Object result = driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
          .filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
          .catch(e => done(['axe failed: ' + e]));""");
    List<String> violations = new ArrayList<>();
    if (result instanceof List<?> list) {
      list.forEach(v -> violations.add(String.valueOf(v)));
    }
    return violations;
  }

  /** What the browser's console said since the last call that the page's Content-Security-Policy refused. */
  List<String> contentSecurityPolicyRefusals() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
  }

  /** Saves a PNG of the whole page (up to 1,600 pixels of it) to {@code file}, through the DevTools protocol. */
  void screenshot(Path file) {
    Object height = driver.executeScript("return document.documentElement.scrollHeight;");
    int h = Math.min(1600, height instanceof Number n ? n.intValue() : 900);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", h, "scale", 1)));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode(String.valueOf(shot.get("data"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fetches a same-origin URL from inside the page (with its session), answering status and text. */
  Map<?, ?> fetch(String path) {
    return (Map<?, ?>) driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(r => r.text().then(t => done({status: r.status, type: r.headers.get('content-type'), body: t})))
          .catch(e => done({status: -1, body: String(e)}));""", path);
  }

  @Override
  public void close() {
    driver.quit();
  }

  static final String AXE = axeSource();

  /** axe-core from its webjar, whichever version the build resolved. */
  private static String axeSource() {
    String path = new org.webjars.WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
    if (path == null) {
      throw new IllegalStateException("The axe-core webjar is not on the test classpath.");
    }
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
