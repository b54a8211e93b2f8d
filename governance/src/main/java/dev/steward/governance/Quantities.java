package dev.steward.governance;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1Gi}, {@code 512M}, {@code 1e3}) as numbers.
 * The Kubernetes client's {@code Quantity} parses them too, but that client stays inside the deployer (an
 * architecture rule), and the grammar is small and fixed by Kubernetes' API conventions.
 */
final class Quantities {
  private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
  private static final double GIB = 1L << 30;

  private Quantities() {}

  /** The quantity as a plain number: {@code 500m} is 0.5, {@code 1Gi} is 1073741824. */
  static double parse(String quantity) {
    Matcher m = QUANTITY.matcher(quantity.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity such as 500m, 2 or 1Gi");
    }
    BigDecimal value = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
    if (m.group(3) != null) {
      value = value.multiply(SUFFIXES.get(m.group(3)));
    }
    return value.doubleValue();
  }

  /** A memory quantity in GiB. */
  static double gib(String quantity) {
    return parse(quantity) / GIB;
  }
}
