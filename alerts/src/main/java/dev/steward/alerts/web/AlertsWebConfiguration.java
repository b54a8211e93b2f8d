package dev.steward.alerts.web;

import dev.steward.alerts.AlertHistory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link DeliveryRefusals} in front of every other filter of the webhook's path. */
@Configuration(proxyBeanMethods = false)
class AlertsWebConfiguration {

  @Bean
  FilterRegistrationBean<DeliveryRefusals> deliveryRefusals(AlertHistory history) {
    FilterRegistrationBean<DeliveryRefusals> bean = new FilterRegistrationBean<>(new DeliveryRefusals(history));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    bean.addUrlPatterns("/api/v1/alerts/alertmanager");
    return bean;
  }
}
