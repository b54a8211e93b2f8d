package dev.steward.server.web;

import dev.steward.registry.ListQuery;
import dev.steward.registry.Names;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Puts the rules the server checks into the OpenAPI document, from the same sources: a record component
 * not marked {@code @Nullable} is required (the modules are {@code @NullMarked}, and the constructors and
 * {@code Names} refuse a missing one); names, keys and digests carry the patterns and lengths of
 * {@link Names}; versions are at least 1; pages and sizes have {@link ListQuery}'s bounds. Request records
 * whose fields are all nullable in Java because the server answers a missing one with a problem detail
 * are listed in {@link #REQUIRED}.
 */
final class ValidationSchemas implements ModelConverter {

  /** Fields a request needs although its record lets Jackson leave them null (the server answers 400). */
  static final Map<String, List<String>> REQUIRED = Map.of(
      "PromotionRequest", List.of("model", "version", "environment"),
      "DecisionBody", List.of("decision"),
      "TokenRequest", List.of("principal", "roles"),
      "RollbackBody", List.of("reason"),
      "AliasTarget", List.of("version"));

  /** Request schemas whose {@code name} is an entity name. */
  private static final Set<String> NAMED = Set.of("Dataset", "FeatureSet", "ThresholdSet", "ExplanationTemplate",
      "NewModel", "Ref", "NewPolicy");

  private static final Set<String> NAME_PARAMETERS = Set.of("name", "model");

  @Override
  public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    if (schema == null) {
      return null;
    }
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    if (!raw.isRecord() || !raw.getPackageName().startsWith("dev.steward")) {
      return schema;
    }
    Schema<?> target = schema.get$ref() != null
        ? context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1))
        : schema;
    if (target == null || target.getProperties() == null) {
      return schema;
    }
    for (RecordComponent component : raw.getRecordComponents()) {
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class)
          || component.isAnnotationPresent(Nullable.class);
      if (!nullable && target.getProperties().containsKey(component.getName())
          && (target.getRequired() == null || !target.getRequired().contains(component.getName()))) {
        target.addRequiredItem(component.getName());
      }
    }
    return schema;
  }

  /** The rules that name fields of particular schemas and parameters; runs on the finished document. */
  static void apply(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas == null) {
      return;
    }
    REQUIRED.forEach((name, fields) -> {
      Schema<?> schema = schemas.get(name);
      if (schema != null && schema.getProperties() != null) {
        for (String field : fields) {
          if (schema.getProperties().containsKey(field)
              && (schema.getRequired() == null || !schema.getRequired().contains(field))) {
            schema.addRequiredItem(field);
          }
        }
      }
    });
    NAMED.forEach(name -> property(schemas, name, "name").ifPresent(ValidationSchemas::entityName));
    property(schemas, "PromotionRequest", "model").ifPresent(ValidationSchemas::entityName);
    property(schemas, "Ref", "version").ifPresent(ValidationSchemas::version);
    property(schemas, "PromotionRequest", "version").ifPresent(ValidationSchemas::version);
    property(schemas, "AliasTarget", "version").ifPresent(ValidationSchemas::version);
    property(schemas, "Dataset", "contentDigest").ifPresent(p -> p.pattern(anchored(Names.DIGEST_PATTERN))
        .description("sha256: and 64 lowercase hex digits of the data's content (steward datasets register --path "
            + "computes it)"));
    for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
      Map<String, Schema> properties = entry.getValue().getProperties();
      if (properties == null || !isRequest(entry.getKey())) {
        continue;
      }
      Schema<?> description = properties.get("description");
      if (description != null && description.getMaxLength() == null) {
        description.maxLength(Names.MAX_TEXT);
      }
      Schema<?> tags = properties.get("tags");
      if (tags != null) {
        tags.description("string keys matching " + Names.KEY_PATTERN + " (at most " + Names.MAX_NAME
            + " characters) to text of at most " + Names.MAX_TEXT + " characters");
      }
    }
    api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
      if (operation.getParameters() == null) {
        return;
      }
      for (Parameter parameter : operation.getParameters()) {
        Schema<?> schema = parameter.getSchema();
        if (schema == null) {
          continue;
        }
        boolean inPath = "path".equals(parameter.getIn());
        if (inPath && NAME_PARAMETERS.contains(parameter.getName()) && !path.contains("/{kind}/")) {
          entityName(schema);
        } else if (inPath && parameter.getName().equals("version") && path.startsWith("/api/v1/")) {
          version(schema);
        } else if ("query".equals(parameter.getIn()) && parameter.getName().equals("size")) {
          schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(ListQuery.MAX_SIZE));
        } else if ("query".equals(parameter.getIn()) && parameter.getName().equals("page")) {
          schema.minimum(BigDecimal.ZERO);
        }
      }
    }));
  }

  private static boolean isRequest(String schema) {
    return schema.startsWith("New") || NAMED.contains(schema) || schema.endsWith("Request") || schema.endsWith("Body");
  }

  private static java.util.Optional<Schema<?>> property(Map<String, Schema> schemas, String schema, String property) {
    Schema<?> s = schemas.get(schema);
    return s == null || s.getProperties() == null ? java.util.Optional.empty()
        : java.util.Optional.ofNullable((Schema<?>) s.getProperties().get(property));
  }

  private static void entityName(Schema<?> schema) {
    schema.pattern(anchored(Names.NAME_PATTERN)).maxLength(Names.MAX_NAME)
        .description(join(schema.getDescription(), "an entity name: " + Names.NAME_PATTERN + ", at most "
            + Names.MAX_NAME + " characters, without '..'"));
  }

  private static void version(Schema<?> schema) {
    schema.minimum(BigDecimal.ONE);
  }

  private static String anchored(String pattern) {
    return "^" + pattern + "$";
  }

  private static String join(@Nullable String existing, String more) {
    // springdoc shares parameter schemas between operations: add the text once
    if (existing != null && existing.contains(more)) {
      return existing;
    }
    return existing == null || existing.isBlank() ? more : existing + "; " + more;
  }
}
