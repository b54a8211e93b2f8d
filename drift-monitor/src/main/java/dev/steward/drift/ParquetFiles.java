package dev.steward.drift;

import dev.hardwood.Hardwood;
import dev.hardwood.HardwoodContext;
import dev.hardwood.InputFile;
import dev.hardwood.metadata.LogicalType;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.ColumnReaders;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnProjection;
import dev.hardwood.schema.ColumnSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Parquet side of {@link SampleFiles}, on Hardwood (pure Java; column chunks of row groups decoded in
 * parallel). Flat columns only: numbers (INT32, INT64, FLOAT, DOUBLE, without a date or time logical type)
 * become numeric columns, strings and booleans categorical ones; nulls are missing. pandas' own index column
 * ({@code __index_level_0__}) is not data and is left out, as {@code pandas.read_parquet} does.
 */
final class ParquetFiles {

  private ParquetFiles() {
  }

  static Sample read(Path file, SampleFiles.Options options, String what) throws IOException {
    try (HardwoodContext context = HardwoodContext.create(Math.max(1, options.parallelism()));
         Hardwood hardwood = Hardwood.create(context);
         ParquetFileReader reader = hardwood.open(InputFile.of(file))) {
      List<ColumnSchema> schema = reader.getFileSchema().getColumns();
      List<String> names = new ArrayList<>();
      for (ColumnSchema c : schema) {
        if (!c.name().matches("__index_level_\\d+__")) {
          names.add(c.name());
        }
      }
      int[] positions = SampleFiles.select(names, options.columns(), what, "Parquet file");
      List<ColumnSchema> columns = new ArrayList<>();
      for (int p : positions) {
        ColumnSchema c = reader.getFileSchema().getColumn(names.get(p));
        check(c, what);
        columns.add(c);
      }
      long total = reader.getFileMetaData().numRows();
      long wanted = options.limit() > 0 ? Math.min(options.limit(), total) : total;
      if (wanted > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("The " + what + " Parquet file has " + total + " rows; read at most "
            + Integer.MAX_VALUE + " with --limit.");
      }
      int rows = (int) wanted;
      Object[] values = new Object[columns.size()];
      boolean[] text = new boolean[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        ColumnSchema s = columns.get(c);
        text[c] = !numeric(s) || options.textColumns().contains(s.name());
        values[c] = text[c] ? new String[rows] : new double[rows];
      }
      if (!columns.isEmpty() && rows > 0) {
        String[] projected = columns.stream().map(ColumnSchema::name).toArray(String[]::new);
        try (ColumnReaders readers = reader.columnReaders(ColumnProjection.columns(projected))) {
          int at = 0;
          while (at < rows && readers.nextBatch()) {
            int n = Math.min(readers.getRecordCount(), rows - at);
            for (int c = 0; c < columns.size(); c++) {
              ColumnReader r = readers.getColumnReader(columns.get(c).name());
              copy(r, columns.get(c), n, at, values[c], text[c]);
            }
            at += n;
          }
          rows = at;
        }
      }
      Map<String, Sample.Column> out = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        String name = columns.get(c).name();
        out.put(name, text[c]
            ? new Sample.Column.Categorical(java.util.Arrays.copyOf((String[]) values[c], rows))
            : new Sample.Column.Numeric(java.util.Arrays.copyOf((double[]) values[c], rows)));
      }
      return new Sample(out, rows);
    }
  }

  private static void check(ColumnSchema c, String what) {
    if (c.maxRepetitionLevel() > 0 || c.fieldPath().toString().contains(".")) {
      throw new IllegalArgumentException("Column '" + c.name() + "' of the " + what + " Parquet file is nested "
          + "(a list, map or struct); only flat columns can be compared. Leave it out with --columns.");
    }
    boolean supported = switch (c.type()) {
      case BOOLEAN, FLOAT, DOUBLE -> true;
      case INT32, INT64 -> numeric(c);
      case BYTE_ARRAY -> c.logicalType() == null || c.logicalType() instanceof LogicalType.StringType
          || c.logicalType() instanceof LogicalType.EnumType || c.logicalType() instanceof LogicalType.JsonType;
      default -> false;
    };
    if (!supported) {
      throw new IllegalArgumentException("Column '" + c.name() + "' of the " + what + " Parquet file has type "
          + c.type() + (c.logicalType() == null ? "" : " (" + c.logicalType() + ")") + "; only numbers, strings and "
          + "booleans can be compared. Leave it out with --columns.");
    }
  }

  /** Integers and floats count as numbers; dates, times and decimals do not. */
  private static boolean numeric(ColumnSchema c) {
    @Nullable LogicalType logical = c.logicalType();
    return switch (c.type()) {
      case FLOAT, DOUBLE -> true;
      case INT32, INT64 -> logical == null || logical instanceof LogicalType.IntType;
      default -> false;
    };
  }

  private static void copy(ColumnReader r, ColumnSchema s, int n, int at, Object into, boolean text) {
    Validity validity = r.getLeafValidity();
    boolean nulls = validity != null && validity.hasNulls();
    if (text) {
      String[] out = (String[]) into;
      PhysicalType type = s.type();
      switch (type) {
        case BYTE_ARRAY -> System.arraycopy(r.getStrings(), 0, out, at, n);
        case BOOLEAN -> {
          boolean[] b = r.getBooleans();
          for (int i = 0; i < n; i++) {
            out[at + i] = b[i] ? "true" : "false";
          }
        }
        case INT32 -> {
          int[] v = r.getInts();
          for (int i = 0; i < n; i++) {
            out[at + i] = Integer.toString(v[i]);
          }
        }
        case INT64 -> {
          long[] v = r.getLongs();
          for (int i = 0; i < n; i++) {
            out[at + i] = Long.toString(v[i]);
          }
        }
        case FLOAT -> {
          float[] v = r.getFloats();
          for (int i = 0; i < n; i++) {
            out[at + i] = text(v[i]);
          }
        }
        case DOUBLE -> {
          double[] v = r.getDoubles();
          for (int i = 0; i < n; i++) {
            out[at + i] = text(v[i]);
          }
        }
        default -> throw new IllegalStateException("Unexpected Parquet type " + type);
      }
      if (nulls) {
        for (int i = 0; i < n; i++) {
          if (validity.isNull(i)) {
            out[at + i] = null;
          }
        }
      }
      return;
    }
    double[] out = (double[]) into;
    switch (s.type()) {
      case DOUBLE -> System.arraycopy(r.getDoubles(), 0, out, at, n);
      case FLOAT -> {
        float[] v = r.getFloats();
        for (int i = 0; i < n; i++) {
          out[at + i] = v[i];
        }
      }
      case INT32 -> {
        int[] v = r.getInts();
        for (int i = 0; i < n; i++) {
          out[at + i] = v[i];
        }
      }
      case INT64 -> {
        long[] v = r.getLongs();
        for (int i = 0; i < n; i++) {
          out[at + i] = v[i];
        }
      }
      default -> throw new IllegalStateException("Unexpected Parquet type " + s.type());
    }
    if (nulls) {
      for (int i = 0; i < n; i++) {
        if (validity.isNull(i)) {
          out[at + i] = Double.NaN;
        }
      }
    }
  }

  /** A number as a category: integers without a trailing ".0", as the CSV of the same data would spell them. */
  static String text(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
