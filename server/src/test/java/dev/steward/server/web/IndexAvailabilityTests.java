package dev.steward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.registry.RegistryIndex;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IndexAvailabilityTests {

  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private final AtomicReference<RegistryIndex.@Nullable Refusal> refused = new AtomicReference<>();
  private final IndexAvailability filter = new IndexAvailability(rebuilding::get,
      () -> Optional.ofNullable(refused.get()));

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

  @Test
  void refusesCallsWithAProblemNamingTheUntrustedCommit() throws Exception {
    refused.set(new RegistryIndex.Refusal("a".repeat(40), "The commit is not signed.", "b".repeat(40)));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/models"), response, chain);

    assertThat(chain.getRequest()).as("passed on").isNull();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("untrusted-commit").contains("\"commit\":\"" + "a".repeat(40))
        .contains("The commit is not signed.").contains("\"lastIndexedCommit\":\"" + "b".repeat(40));
  }

  @Test
  void letsVerificationAndRebuildThroughPastAnUntrustedCommit() throws Exception {
    refused.set(new RegistryIndex.Refusal("a".repeat(40), "The commit is not signed.", null));
    for (MockHttpServletRequest request : new MockHttpServletRequest[] {
        new MockHttpServletRequest("GET", "/api/v1/lineage/verify"),
        new MockHttpServletRequest("POST", "/api/v1/admin/index/rebuild")}) {
      MockFilterChain chain = new MockFilterChain();

      filter.doFilter(request, new MockHttpServletResponse(), chain);

      assertThat(chain.getRequest()).as(request.getRequestURI()).isNotNull();
    }
  }
}
