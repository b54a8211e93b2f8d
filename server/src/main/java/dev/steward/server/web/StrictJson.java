package dev.steward.server.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are JSON, read strictly, for every module's API: only {@code application/json} is read
 * (no YAML, XML or other {@code +json} types, which would skip these checks or differ in them), an
 * object that names a field twice is refused (the last one would win), and nothing is coerced: text for
 * a number, a number for text, {@code 1.0} for an integer, a number for an enum, a number that a double
 * cannot hold ({@link ExactDoubles}). Unknown fields and nulls for primitives are refused too. Each
 * refusal is a 400 naming the field ({@link ApiProblems}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  JsonMapperBuilderCustomizer strictJsonInput() {
    return builder -> builder
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, c -> c
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .addModule(ExactDoubles.module());
  }

  /**
   * Keeps one body format on the server side: JSON (read only as {@code application/json}). Answers are
   * JSON or problem JSON either way; the YAML converter that Jackson's YAML module brings along read
   * bodies with a mapper of its own, without any of the checks above.
   */
  @Bean
  ServerHttpMessageConvertersCustomizer jsonBodiesOnly() {
    return builder -> builder.configureMessageConvertersList(StrictJson::keepJson);
  }

  static void keepJson(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(c -> c instanceof AbstractJacksonHttpMessageConverter<?> && !(c instanceof JacksonJsonHttpMessageConverter));
    converters.replaceAll(c -> c instanceof JacksonJsonHttpMessageConverter json && !(c instanceof JsonOnly)
        ? new JsonOnly(json.getMapper()) : c);
  }

  /** Reads only {@code application/json}; writes as Jackson's JSON converter does (JSON and problem JSON). */
  static final class JsonOnly extends JacksonJsonHttpMessageConverter {
    JsonOnly(JsonMapper mapper) {
      super(mapper);
    }

    @Override
    public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
      return mediaType != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType) && super.canRead(type, mediaType);
    }

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
      return mediaType != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType) && super.canRead(clazz, mediaType);
    }
  }
}
