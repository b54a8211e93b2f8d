package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path reads every line it accepts exactly as {@link RowReader} does, and accepts the common shape. */
class RowScannerTests {

  private final RowScanner scanner = new RowScanner();

  @Test
  void readsTheCommonShapeWithoutFallingBack() {
    String line = "{\"request_id\":\"r-1\",\"model\":\"churn\",\"version\":3,\"environment\":\"prod\","
        + "\"timestamp\":\"2026-01-05T10:00:00.250Z\",\"features\":{\"age\":41.5,\"plan\":\"gold\",\"spend\":null,"
        + "\"vip\":true,\"n\":-0,\"big\":12345678901234567890,\"e\":-2.5E-3},\"score\":0.875,\"label\":1}";
    RowReader.Row row = scan(line);
    assertThat(row).isNotNull();
    assertThat(row.error).isNull();
    assertThat(row.requestId).isEqualTo("r-1");
    assertThat(row.version).isEqualTo(3);
    assertThat(row.features).isEqualTo(7);
    assertThat(row.texts[1]).isEqualTo("gold");
    assertThat(row.kinds[2]).isZero();
    assertThat(Double.doubleToRawLongBits(row.numbers[4])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(row.label).isEqualTo(1);
    assertSame(line, row);
  }

  @Test
  void leavesEscapesNonAsciiTextAndNonNumbersToTheFullReader() {
    for (String line : List.of(
        "{\"request_id\":\"a\\\"b\",\"model\":\"m\",\"version\":1,\"timestamp\":0}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\",\"features\":{\"city\":\"Zürich\"}}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\",\"features\":{\"x\":NaN}}",
        "{\"request_id\":7,\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\"}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":\"1\",\"timestamp\":\"2026-01-05T10:00:00Z\"}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"yesterday\"}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\",\"extra\":{\"a\":1}}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":01,\"timestamp\":\"2026-01-05T10:00:00Z\"}",
        "{\"request_id\":\"r\"} {}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\",\"features\":{\"x\":"
            + "1".repeat(1001) + "}}",
        "{\"request_id\":\"r\",\"model\":\"m\",\"version\":1,\"timestamp\":\"2026-01-05T10:00:00Z\",\"features\":{\""
            + "k".repeat(50_001) + "\":1}}",
        "[1,2]")) {
      assertThat(scan(line)).as(line).isNull();
    }
  }

  @Test
  void agreesWithTheFullReaderOnGeneratedLines() {
    SplittableRandom random = new SplittableRandom(11);
    int scanned = 0;
    for (int k = 0; k < 20_000; k++) {
      String line = generated(random);
      RowReader.Row row = scan(line);
      if (row != null) {
        scanned++;
        assertSame(line, row);
      }
    }
    assertThat(scanned).as("lines read by the fast path").isGreaterThan(10_000);
  }

  @Test
  void agreesWithTheFullReaderOnMutatedLines() {
    SplittableRandom random = new SplittableRandom(12);
    String alphabet = "{}[]:,\"\\ \t\r0123456789-+.eE nulltruefalseNaN\u00e9x";
    for (int k = 0; k < 50_000; k++) {
      StringBuilder line = new StringBuilder(generated(random));
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        int at = random.nextInt(line.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> line.setCharAt(at, c);
          case 1 -> line.insert(at, c);
          default -> line.deleteCharAt(at);
        }
      }
      RowReader.Row row = scan(line.toString());
      if (row != null) {
        assertSame(line.toString(), row);
      }
    }
  }

  private RowReader.Row scan(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return scanner.scanLine(bytes, 0, bytes.length);
  }

  private static void assertSame(String line, RowReader.Row fast) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    RowReader.Row full = RowReader.read(bytes, 0, bytes.length);
    assertThat(fast.error).as(line).isEqualTo(full.error);
    assertThat(fast.requestId).as(line).isEqualTo(full.requestId);
    assertThat(fast.model).as(line).isEqualTo(full.model);
    assertThat(fast.version).as(line).isEqualTo(full.version);
    assertThat(fast.environment).as(line).isEqualTo(full.environment);
    assertThat(fast.timestamp).as(line).isEqualTo(full.timestamp);
    assertThat(fast.scoreGiven).as(line).isEqualTo(full.scoreGiven);
    assertThat(Double.doubleToRawLongBits(fast.score)).as(line + " score")
        .isEqualTo(Double.doubleToRawLongBits(full.score));
    assertThat(fast.label).as(line).isEqualTo(full.label);
    assertThat(fast.features).as(line).isEqualTo(full.features);
    for (int i = 0; i < full.features; i++) {
      assertThat(fast.names[i]).as(line).isEqualTo(full.names[i]);
      assertThat(fast.kinds[i]).as(line).isEqualTo(full.kinds[i]);
      assertThat(fast.texts[i]).as(line).isEqualTo(full.texts[i]);
      assertThat(Double.doubleToRawLongBits(fast.numbers[i])).as(line + " feature " + i)
          .isEqualTo(Double.doubleToRawLongBits(full.numbers[i]));
    }
  }

  /** A line in a random field order with random spacing, value forms and, sometimes, fields left out. */
  private static String generated(SplittableRandom r) {
    List<String> fields = new ArrayList<>();
    if (r.nextInt(20) > 0) {
      fields.add("\"request_id\":\"req-" + r.nextInt(1_000_000) + "\"");
    }
    if (r.nextInt(20) > 0) {
      fields.add("\"model\":\"churn\"");
    }
    if (r.nextInt(20) > 0) {
      fields.add("\"version\":" + r.nextInt(4));
    }
    if (r.nextBoolean()) {
      fields.add("\"environment\":\"" + (r.nextBoolean() ? "prod" : "") + "\"");
    }
    if (r.nextInt(20) > 0) {
      fields.add("\"timestamp\":\"2026-01-" + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(28)) + "T10:"
          + String.format(Locale.ROOT, "%02d", r.nextInt(60)) + ":00" + (r.nextBoolean() ? ".5" : "") + "Z\"");
    }
    if (r.nextBoolean()) {
      fields.add("\"score\":" + (r.nextInt(10) == 0 ? "null" : number(r)));
    }
    if (r.nextInt(3) == 0) {
      fields.add("\"label\":" + List.of("0", "1", "true", "false", "null").get(r.nextInt(5)));
    }
    if (r.nextInt(5) == 0) {
      fields.add("\"trace\":" + List.of("\"x\"", "12", "null", "false").get(r.nextInt(4)));
    }
    StringBuilder features = new StringBuilder("\"features\":{");
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      features.append(i == 0 ? "" : ",").append(space(r)).append("\"f").append(i).append("\":").append(space(r));
      features.append(switch (r.nextInt(6)) {
        case 0 -> "\"v" + r.nextInt(5) + "\"";
        case 1 -> "null";
        case 2 -> r.nextBoolean() ? "true" : "false";
        default -> number(r);
      });
    }
    fields.add(features.append(space(r)).append('}').toString());
    Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    StringBuilder line = new StringBuilder(space(r)).append('{');
    for (int i = 0; i < fields.size(); i++) {
      line.append(i == 0 ? "" : ",").append(space(r)).append(fields.get(i)).append(space(r));
    }
    return line.append('}').append(space(r)).toString();
  }

  private static String number(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> String.valueOf(r.nextInt(2000) - 1000);
      case 1 -> "-0";
      case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(18) + "f", r.nextGaussian() * Math.pow(10, r.nextInt(6)));
      case 3 -> String.valueOf(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
      case 4 -> String.format(Locale.ROOT, "%de%d", r.nextInt(100), r.nextInt(20) - 10);
      case 5 -> String.valueOf(r.nextLong());
      default -> String.format(Locale.ROOT, "%.4f", r.nextGaussian());
    };
  }

  private static String space(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "\t ";
      default -> "";
    };
  }
}
