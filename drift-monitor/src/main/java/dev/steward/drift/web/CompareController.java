package dev.steward.drift.web;

import dev.steward.drift.Comparison;
import dev.steward.drift.ComparisonMode;
import dev.steward.drift.ComparisonOptions;
import dev.steward.drift.DriftComparison;
import dev.steward.drift.Sample;
import dev.steward.drift.SampleFiles;
import dev.steward.drift.cli.ComparisonJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/drift/compare}: the ad-hoc comparison of a reference and a current sample, either
 * as JSON columns or as two files (CSV or Parquet) in a multipart form. The answer has the same shape as the
 * {@code steward drift compare} command's output.
 */
@RestController
@RequestMapping("/api/v1/drift/compare")
class CompareController {

  /**
   * A comparison request with samples as columns: {@code {"x": [1.5, null, 2], "plan": ["a", "b", null]}}.
   * A column of numbers (null = missing) is numeric; a column holding any text is categorical.
   */
  record CompareRequest(@Nullable String mode, @Nullable JsonNode reference, @Nullable JsonNode current,
      @Nullable Options options) {
  }

  record Options(@Nullable Integer bins, @Nullable Double psiThreshold, @Nullable Double driftShare,
      @Nullable String scoreColumn, @Nullable String labelColumn) {
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ObjectNode compareColumns(@RequestBody CompareRequest request) {
    ComparisonOptions options = options(request.mode(), request.options());
    Sample reference = sample(request.reference(), "reference");
    Sample current = sample(request.current(), "current");
    return answer(DriftComparison.compare(reference, current, options));
  }

  /**
   * Two files, CSV or Parquet (each by {@code format}, else its file name, else its first bytes), with the
   * options as parameters; {@code columns}, {@code limit} and {@code sample} choose what is read.
   */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ObjectNode compareFiles(@RequestPart("reference") MultipartFile reference, @RequestPart("current") MultipartFile current,
      @RequestParam(name = "mode", required = false) @Nullable String mode,
      @RequestParam(name = "bins", required = false) @Nullable Integer bins,
      @RequestParam(name = "psiThreshold", required = false) @Nullable Double psiThreshold,
      @RequestParam(name = "driftShare", required = false) @Nullable Double driftShare,
      @RequestParam(name = "scoreColumn", required = false) @Nullable String scoreColumn,
      @RequestParam(name = "labelColumn", required = false) @Nullable String labelColumn,
      @RequestParam(name = "format", required = false) @Nullable String format,
      @RequestParam(name = "columns", required = false) @Nullable List<String> columns,
      @RequestParam(name = "limit", required = false) @Nullable Long limit,
      @RequestParam(name = "sample", required = false) @Nullable Long sample) throws IOException {
    ComparisonOptions options = options(mode, new Options(bins, psiThreshold, driftShare, scoreColumn, labelColumn));
    SampleFiles.Options read;
    try {
      read = SampleFiles.Options.ALL.withFormat(format == null ? null : SampleFiles.Format.fromId(format))
          .withColumns(columns == null ? List.of() : columns)
          .withLimit(limit == null ? 0 : limit).withSample(sample == null ? 0 : sample);
    } catch (IllegalArgumentException e) {
      throw new BadDriftInput("format", e.getMessage());
    }
    Path ref = upload(reference, "reference");
    Path cur = null;
    try {
      cur = upload(current, "current");
      SampleFiles.Pair pair = SampleFiles.read(ref, cur, read);
      return answer(DriftComparison.compare(pair.reference(), pair.current(), options));
    } finally {
      Files.deleteIfExists(ref);
      if (cur != null) {
        Files.deleteIfExists(cur);
      }
    }
  }

  /** A part in a temporary file that keeps the part's file extension, so the format can be told by it. */
  private static Path upload(MultipartFile part, String side) throws IOException {
    String name = part.getOriginalFilename() == null ? "" : part.getOriginalFilename();
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')).replaceAll("[^A-Za-z0-9.]", "") : "";
    Path file = Files.createTempFile("steward-" + side + "-", extension);
    try (InputStream in = part.getInputStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private static ObjectNode answer(Comparison comparison) {
    return ComparisonJson.toJson(comparison);
  }

  static ComparisonOptions options(@Nullable String mode, @Nullable Options given) {
    ComparisonOptions d = ComparisonOptions.DEFAULT;
    ComparisonMode m = mode == null ? d.mode() : ComparisonMode.fromId(mode);
    if (given == null) {
      return d.withMode(m);
    }
    return new ComparisonOptions(m,
        given.bins() == null ? d.numericBins() : given.bins(),
        given.psiThreshold() == null ? d.psiThreshold() : given.psiThreshold(),
        given.driftShare() == null ? d.driftShare() : given.driftShare(),
        given.scoreColumn() == null ? d.scoreColumn() : given.scoreColumn(),
        given.labelColumn() == null ? d.labelColumn() : given.labelColumn());
  }

  static Sample sample(@Nullable JsonNode node, String side) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new BadDriftInput(side, "The " + side + " sample must be an object of named columns.");
    }
    Map<String, Sample.Column> columns = new LinkedHashMap<>();
    int rows = -1;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      JsonNode values = entry.getValue();
      if (!values.isArray()) {
        throw new BadDriftInput(side + "." + name, "Column '" + name + "' of the " + side + " sample is not an array.");
      }
      if (rows >= 0 && values.size() != rows) {
        throw new BadDriftInput(side + "." + name, "Column '" + name + "' of the " + side + " sample has "
            + values.size() + " values, the columns before it have " + rows + ".");
      }
      rows = values.size();
      columns.put(name, column(values, side + "." + name));
    }
    return new Sample(columns, rows);
  }

  private static Sample.Column column(JsonNode values, String field) {
    boolean text = false;
    for (JsonNode v : values) {
      if (v.isString() || v.isBoolean()) {
        text = true;
      } else if (!v.isNull() && !v.isNumber()) {
        throw new BadDriftInput(field, "Values of " + field + " must be numbers, strings, booleans or null.");
      }
    }
    int n = values.size();
    if (text) {
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        JsonNode v = values.get(i);
        out[i] = v.isNull() ? null : v.isString() ? v.asString() : v.toString();
      }
      return new Sample.Column.Categorical(out);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode v = values.get(i);
      out[i] = v.isNull() ? Double.NaN : v.asDouble();
    }
    return new Sample.Column.Numeric(out);
  }
}
