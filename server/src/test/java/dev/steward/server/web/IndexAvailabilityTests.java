package dev.steward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IndexAvailabilityTests {

  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private final IndexAvailability filter = new IndexAvailability(rebuilding::get);

  @Test
  void refusesCallsWithAProblemAndRetryAfterWhileTheIndexIsRebuilt() throws Exception {
    rebuilding.set(true);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/models"), response, chain);

    assertThat(chain.getRequest()).as("passed on").isNull();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"status\":503").contains("being rebuilt");
  }

  @Test
  void passesCallsOnOtherwise() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/models"), response, chain);

    assertThat(chain.getRequest()).isNotNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }
}
