package dev.steward.server.web;

import dev.steward.registry.RegistryIndex;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import java.util.Arrays;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Servlet filters that apply to the whole API, and problem details for what is refused before Spring MVC
 * runs: by Tomcat ({@link ProblemReportValve}) and by Spring Security's firewall.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(Environment env) {
    DataSize limit = env.getProperty("steward.max-request-size", DataSize.class, DataSize.ofMegabytes(1));
    DataSize traffic = env.getProperty("steward.max-traffic-request-size", DataSize.class, DataSize.ofMegabytes(64));
    FilterRegistrationBean<RequestSizeLimit> bean = new FilterRegistrationBean<>(
        new RequestSizeLimit(limit.toBytes(), "/api/v1/drift/", traffic.toBytes()));
    // HIGHEST_PRECEDENCE itself is the alerts module's recorder of refused Alertmanager deliveries
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
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
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    bean.addUrlPatterns("/api/*");
    return bean;
  }

  /**
   * Tomcat renders its own refusals (an encoded slash in the path, for example) with the host's error
   * report valve, before the request reaches the application: that valve writes problem details here.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextLifecycleListeners(event -> {
      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && event.getLifecycle() instanceof Context context
          && context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
            host.getPipeline().removeValve(valve);
          }
        }
        if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemReportValve.class::isInstance)) {
          host.getPipeline().addValve(new ProblemReportValve());
        }
      }
    });
  }

  /**
   * Spring Security's firewall refuses paths with {@code ..}, {@code ;}, {@code //}, encoded dots and
   * the like before authentication; answer those with a 400 problem detail too.
   */
  @Bean
  RequestRejectedHandler problemForRejectedRequests() {
    return (request, response, e) -> ProblemWriter.write(response, ProblemWriter.problem(HttpStatus.BAD_REQUEST,
        "malformed-request", "Malformed request", "The request path or a header is not accepted: "
            + plainFirewallReason(e.getMessage()) + ". Paths must not contain '..', ';', '//', '\\', encoded "
            + "'.', '/', '%' or control characters."));
  }

  private static String plainFirewallReason(String message) {
    // "The request was rejected because the URL contained a potentially malicious String \"..\""
    String reason = message == null ? "it looks malicious" : message.replace("The request was rejected because ", "");
    return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
  }
}
