package dev.steward.server.web;

import dev.steward.registry.RegistryIndex;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/** Servlet filters that apply to the whole API. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(Environment env) {
    DataSize limit = env.getProperty("steward.max-request-size", DataSize.class, DataSize.ofMegabytes(1));
    DataSize traffic = env.getProperty("steward.max-traffic-request-size", DataSize.class, DataSize.ofMegabytes(64));
    FilterRegistrationBean<RequestSizeLimit> bean = new FilterRegistrationBean<>(
        new RequestSizeLimit(limit.toBytes(), "/api/v1/drift/", traffic.toBytes()));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    bean.addUrlPatterns("/api/*");
    return bean;
  }

  /**
   * Before security too: tokens live in the index, so during a rebuild authentication would fail; and past a
   * refused commit every call but verification and rebuild is answered with the problem.
   */
  @Bean
  FilterRegistrationBean<IndexAvailability> indexAvailability(RegistryIndex index) {
    FilterRegistrationBean<IndexAvailability> bean = new FilterRegistrationBean<>(
        new IndexAvailability(index::isRebuilding, index::refusal));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    bean.addUrlPatterns("/api/*");
    return bean;
  }
}
