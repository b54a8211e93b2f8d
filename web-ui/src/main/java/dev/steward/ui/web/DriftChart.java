package dev.steward.ui.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One small SVG line chart of a statistic over the last windows, oldest left, with its thresholds drawn as
 * horizontal lines. Points are computed here; the template only places them.
 */
record DriftChart(String title, List<Series> series, List<Threshold> thresholds, List<Dot> dots, String yMax,
    String firstWindow, String lastWindow, String summary) {
  static final int WIDTH = 420;
  static final int HEIGHT = 160;
  static final int LEFT = 48;
  static final int RIGHT = 12;
  static final int TOP = 12;
  static final int BOTTOM = 28;

  /** A polyline through a statistic's values (null values break nothing: they are left out). */
  record Series(String name, String points, String colour, boolean dashed) {}

  /** A threshold across the chart, with its label. */
  record Threshold(String label, double y, String colour) {
    public String labelY() {
      return format(y - 3);
    }
  }

  /** A point a reader can hover for its value (an SVG title). */
  record Dot(double x, double y, String label, String colour) {}

  record Value(Instant window, @Nullable Double value) {}

  static DriftChart of(String title, List<String> names, List<List<Value>> values, List<String> colours,
      List<Boolean> dashed, List<String> thresholdLabels, List<@Nullable Double> thresholdValues) {
    double max = 0;
    for (List<Value> s : values) {
      for (Value v : s) {
        if (v.value() != null) {
          max = Math.max(max, v.value());
        }
      }
    }
    for (Double t : thresholdValues) {
      if (t != null) {
        max = Math.max(max, t);
      }
    }
    max = max <= 0 ? 1 : max * 1.15;
    int count = values.isEmpty() ? 0 : values.getFirst().size();
    List<Series> series = new ArrayList<>();
    List<Dot> dots = new ArrayList<>();
    StringBuilder summary = new StringBuilder(title + ":");
    for (int s = 0; s < values.size(); s++) {
      StringBuilder points = new StringBuilder();
      List<Value> vs = values.get(s);
      for (int i = 0; i < vs.size(); i++) {
        if (vs.get(i).value() == null) {
          continue;
        }
        double x = x(i, count);
        double y = y(vs.get(i).value(), max);
        points.append(format(x)).append(',').append(format(y)).append(' ');
        dots.add(new Dot(x, y, names.get(s) + " " + number(vs.get(i).value()) + " in the window from "
            + vs.get(i).window(), colours.get(s)));
      }
      series.add(new Series(names.get(s), points.toString().strip(), colours.get(s), dashed.get(s)));
      Value latest = vs.isEmpty() ? null : vs.getLast();
      summary.append(' ').append(names.get(s)).append(" latest ")
          .append(latest == null || latest.value() == null ? "none" : number(latest.value())).append(';');
    }
    List<Threshold> thresholds = new ArrayList<>();
    for (int t = 0; t < thresholdValues.size(); t++) {
      Double v = thresholdValues.get(t);
      if (v != null) {
        thresholds.add(new Threshold(thresholdLabels.get(t) + " " + number(v), y(v, max),
            t == thresholdValues.size() - 1 ? "#b42318" : "#b54708"));
        summary.append(' ').append(thresholdLabels.get(t)).append(' ').append(number(v)).append(';');
      }
    }
    String first = count == 0 ? "" : values.getFirst().getFirst().window().toString().substring(0, 16).replace('T', ' ');
    String last = count == 0 ? "" : values.getFirst().getLast().window().toString().substring(0, 16).replace('T', ' ');
    return new DriftChart(title, series, thresholds, dots, number(max), first, last, summary.toString());
  }

  static double x(int i, int count) {
    double inner = WIDTH - LEFT - RIGHT;
    return count <= 1 ? LEFT + inner / 2 : LEFT + inner * i / (count - 1);
  }

  static double y(double value, double max) {
    double inner = HEIGHT - TOP - BOTTOM;
    return TOP + inner - inner * Math.min(value, max) / max;
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  public int width() {
    return WIDTH;
  }

  public int height() {
    return HEIGHT;
  }

  public int left() {
    return LEFT;
  }

  public int right() {
    return WIDTH - RIGHT;
  }

  public int bottom() {
    return HEIGHT - BOTTOM;
  }

  public int top() {
    return TOP;
  }
}
