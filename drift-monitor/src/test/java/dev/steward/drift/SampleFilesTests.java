package dev.steward.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTests {

  @TempDir
  Path dir;

  private static Path fixture(String name) {
    try {
      return Path.of(SampleFilesTests.class.getResource("/files/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void readsTheSameDataFromCsvAndParquetIntoIdenticalComparisons() throws IOException {
    SampleFiles.Pair csv = SampleFiles.read(fixture("reference.csv"), fixture("current.csv"), SampleFiles.Options.ALL);
    SampleFiles.Pair parquet = SampleFiles.read(fixture("reference.parquet"), fixture("current.parquet"),
        SampleFiles.Options.ALL);
    assertThat(parquet.reference()).isEqualTo(csv.reference());
    assertThat(parquet.current()).isEqualTo(csv.current());
    assertThat(csv.reference().column("x")).isInstanceOf(Sample.Column.Numeric.class);
    assertThat(csv.reference().column("count")).isInstanceOf(Sample.Column.Numeric.class);
    assertThat(csv.reference().column("plan")).isInstanceOf(Sample.Column.Categorical.class);
    assertThat(csv.reference().column("active")).isInstanceOf(Sample.Column.Categorical.class);
    assertThat(java.util.Arrays.stream(((Sample.Column.Numeric) csv.reference().column("x")).values()).anyMatch(Double::isNaN)).isTrue();
    assertThat(((Sample.Column.Categorical) csv.reference().column("plan")).values()).containsNull();
    for (ComparisonMode mode : ComparisonMode.values()) {
      ComparisonOptions options = ComparisonOptions.DEFAULT.withMode(mode);
      Comparison fromCsv = DriftComparison.compare(csv.reference(), csv.current(), options);
      Comparison fromParquet = DriftComparison.compare(parquet.reference(), parquet.current(), options);
      assertThat(fromCsv.columns()).hasSize(5);
      assertThat(dev.steward.drift.cli.ComparisonJson.write(fromParquet, false))
          .isEqualTo(dev.steward.drift.cli.ComparisonJson.write(fromCsv, false));
    }
  }

  @Test
  void mixesFormatsInOnePairByExtensionOrContent() throws IOException {
    Path unnamed = Files.copy(fixture("current.parquet"), dir.resolve("current.bin"));
    assertThat(SampleFiles.Format.of(unnamed)).isEqualTo(SampleFiles.Format.PARQUET);
    SampleFiles.Pair mixed = SampleFiles.read(fixture("reference.csv"), unnamed, SampleFiles.Options.ALL);
    SampleFiles.Pair csv = SampleFiles.read(fixture("reference.csv"), fixture("current.csv"), SampleFiles.Options.ALL);
    assertThat(mixed).isEqualTo(csv);
  }

  @Test
  void readsEveryMissingValueSpellingOfPandasAsMissing() throws IOException {
    List<String> spellings = List.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
        "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null", " NA ");
    StringBuilder text = new StringBuilder("x,c\n");
    for (String s : spellings) {
      text.append(s).append(",").append(s).append('\n');
    }
    text.append("1.5,a\n");
    Sample sample = SampleFiles.read(csv("na.csv", text.toString()), SampleFiles.Options.ALL, "reference");
    double[] x = ((Sample.Column.Numeric) sample.column("x")).values();
    assertThat(x).hasSize(spellings.size() + 1);
    for (int i = 0; i < spellings.size(); i++) {
      assertThat(x[i]).as("'%s'", spellings.get(i)).isNaN();
    }
    assertThat(x[spellings.size()]).isEqualTo(1.5);
    assertThat(((Sample.Column.Categorical) sample.column("c")).values()).containsOnlyOnce("a").containsNull()
        .hasSize(spellings.size() + 1).filteredOn(v -> v != null).hasSize(1);
  }

  @Test
  void parsesNumbersExactlyAsJavaDoes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      double d = switch (i % 4) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> random.nextDouble() * 1e6;
        case 2 -> random.nextGaussian();
        default -> random.nextInt(1_000_000) / 1000.0;
      };
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      for (String text : List.of(Double.toString(d), String.format("%.17g", d), String.format("%.6f", d),
          String.format("%.3e", d))) {
        assertThat(SampleFiles.number(text)).as(text).isEqualTo(Double.parseDouble(text));
        char[] chars = (" " + text + " ").toCharArray();
        assertThat(SampleFiles.number(chars, 0, chars.length)).as(text).isEqualTo(Double.parseDouble(text));
      }
    }
    assertThat(SampleFiles.number("0x1p3")).isEqualTo(8.0);
    assertThat(SampleFiles.number("1d")).isNaN();
    assertThat(SampleFiles.number("1e")).isNaN();
    assertThat(SampleFiles.number("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void splitsLargeFilesIntoBlocksWithoutBreakingQuotedLineBreaks() throws IOException {
    // more than two 4 MB blocks; every tenth row has a quoted field with a line break and a comma
    StringBuilder text = new StringBuilder("id,note,v\n");
    int rows = 400_000;
    for (int r = 0; r < rows; r++) {
      String note = r % 10 == 0 ? "\"line one, " + r + "\nline \"\"two\"\"\"" : "plain-" + (r % 7);
      text.append(r).append(',').append(note).append(',').append(r * 0.25).append("\r\n");
    }
    Path file = csv("big.csv", text.toString());
    assertThat(Files.size(file)).isGreaterThan(8L << 20);
    Sample parallel = SampleFiles.read(file, SampleFiles.Options.ALL.withThreads(2), "reference");
    Sample single = SampleFiles.read(file, SampleFiles.Options.ALL.withThreads(1), "reference");
    assertThat(parallel).isEqualTo(single);
    assertThat(parallel.rows()).isEqualTo(rows);
    String[] notes = ((Sample.Column.Categorical) parallel.column("note")).values();
    assertThat(notes[300_000]).isEqualTo("line one, 300000\nline \"two\"");
    assertThat(notes[100_001]).isEqualTo("plain-" + (100_001 % 7));
    assertThat(((Sample.Column.Numeric) parallel.column("v")).values()[rows - 1]).isEqualTo((rows - 1) * 0.25);
  }

  @Test
  void keepsTheFileSpellingWhenTextLateInTheFileMakesAColumnCategorical() throws IOException {
    StringBuilder text = new StringBuilder("zip,v\n");
    int rows = 400_000; // several blocks; the text comes in the last one
    for (int r = 0; r < rows; r++) {
      text.append(r == 0 ? "007" : r == 1 ? "1.50" : Integer.toString(r)).append(',').append(r).append('\n');
    }
    text.append("x10,1\n");
    Sample sample = SampleFiles.read(csv("late.csv", text.toString()), SampleFiles.Options.ALL, "reference");
    String[] zip = ((Sample.Column.Categorical) sample.column("zip")).values();
    assertThat(zip).hasSize(rows + 1);
    assertThat(zip[0]).isEqualTo("007");
    assertThat(zip[1]).isEqualTo("1.50");
    assertThat(zip[rows - 1]).isEqualTo(Integer.toString(rows - 1));
    assertThat(zip[rows]).isEqualTo("x10");
    assertThat(sample.column("v")).isInstanceOf(Sample.Column.Numeric.class);
  }

  @Test
  void typesAColumnCategoricalInBothFilesWhenOneHoldsText() throws IOException {
    SampleFiles.Pair pair = SampleFiles.read(csv("r.csv", "zip\n0115\n2\n"), csv("c.csv", "zip\nabc\n"),
        SampleFiles.Options.ALL);
    assertThat(((Sample.Column.Categorical) pair.reference().column("zip")).values()).containsExactly("0115", "2");
  }

  @Test
  void readsChosenColumnsAndTheFirstRows() throws IOException {
    for (String name : List.of("reference.csv", "reference.parquet")) {
      Sample sample = SampleFiles.read(fixture(name),
          SampleFiles.Options.ALL.withColumns(List.of("plan", "x")).withLimit(700), "reference");
      assertThat(sample.names()).containsExactly("plan", "x");
      assertThat(sample.rows()).isEqualTo(700);
      Sample all = SampleFiles.read(fixture(name), SampleFiles.Options.ALL, "reference");
      double[] x = ((Sample.Column.Numeric) sample.column("x")).values();
      assertThat(x).containsExactly(java.util.Arrays.copyOf(((Sample.Column.Numeric) all.column("x")).values(), 700));
    }
  }

  @Test
  void samplesTheSameRowsFromEitherFormatInFileOrder() throws IOException {
    Sample fromCsv = SampleFiles.read(fixture("reference.csv"), SampleFiles.Options.ALL.withSample(300), "reference");
    Sample fromParquet = SampleFiles.read(fixture("reference.parquet"), SampleFiles.Options.ALL.withSample(300),
        "reference");
    assertThat(fromCsv.rows()).isEqualTo(300);
    assertThat(fromParquet).isEqualTo(fromCsv);
    double[] all = ((Sample.Column.Numeric) SampleFiles.read(fixture("reference.csv"),
        SampleFiles.Options.ALL.withColumns(List.of("count")), "reference").column("count")).values();
    double[] sampled = ((Sample.Column.Numeric) fromCsv.column("count")).values();
    assertThat(java.util.Arrays.stream(sampled).allMatch(v -> java.util.Arrays.stream(all).anyMatch(a -> a == v)))
        .isTrue();
  }

  @Test
  void readsChosenColumnsAsTextWhenAsked() throws IOException {
    Sample sample = SampleFiles.read(fixture("reference.parquet"),
        SampleFiles.Options.ALL.withTextColumns(Set.of("count")), "reference");
    Sample fromCsv = SampleFiles.read(fixture("reference.csv"),
        SampleFiles.Options.ALL.withTextColumns(Set.of("count")), "reference");
    assertThat(sample.column("count")).isInstanceOf(Sample.Column.Categorical.class).isEqualTo(fromCsv.column("count"));
  }

  @Test
  void namesWhatIsWrongWithAFile() throws IOException {
    assertThatIllegalArgumentException().isThrownBy(() -> SampleFiles.read(fixture("reference.csv"),
        SampleFiles.Options.ALL.withColumns(List.of("x", "nope")), "reference"))
        .withMessageContaining("The reference CSV has no column nope");
    assertThatIllegalArgumentException().isThrownBy(() -> SampleFiles.read(fixture("reference.parquet"),
        SampleFiles.Options.ALL.withColumns(List.of("nope")), "current"))
        .withMessageContaining("The current Parquet file has no column nope");
    assertThatIllegalArgumentException().isThrownBy(() -> SampleFiles.read(csv("bad.csv", "a,b\n1,2\n3\n"),
        SampleFiles.Options.ALL, "reference")).withMessageContaining("Row 2 of the reference CSV has 1 fields");
    assertThatIllegalArgumentException().isThrownBy(() -> SampleFiles.read(csv("open.csv", "a\n\"1\n"),
        SampleFiles.Options.ALL, "reference")).withMessageContaining("ends inside a quoted field");
    assertThatIllegalArgumentException().isThrownBy(() -> SampleFiles.read(csv("fake.parquet", "a\n1\n"),
        SampleFiles.Options.ALL, "reference")).withMessageContaining("not a Parquet file");
  }
}
