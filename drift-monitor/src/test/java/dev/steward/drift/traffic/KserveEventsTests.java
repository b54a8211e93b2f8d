package dev.steward.drift.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KServe payload-logger events as in shared/data/fixtures/kserve-logger-cloudevent.txt. */
class KserveEventsTests {
  private static final String ID = "0009174a-24a8-4603-b098-09c8799950e9";

  @TempDir
  Path dir;
  TrafficHarness h;
  KserveEvents kserve;

  @BeforeEach
  void start() {
    h = new TrafficHarness(dir, Map.of("iris/2", new MonitoredModel("iris", 2, java.util.List.of(
        new MonitoredModel.MonitoredFeature("sepal_length", true), new MonitoredModel.MonitoredFeature("sepal_width", true),
        new MonitoredModel.MonitoredFeature("petal_length", true), new MonitoredModel.MonitoredFeature("petal_width", true)),
        MonitoredModel.Thresholds.NONE)));
    h.monitor.addReference("iris", 2, """
        sepal_length,sepal_width,petal_length,petal_width,score
        6.8,2.8,4.8,1.4,1
        5.1,3.5,1.4,0.2,0
        6.3,3.3,6.0,2.5,2
        """, true, "alice");
    kserve = new KserveEvents(h.monitor, "s3cret", Duration.ofSeconds(60), 1000, 1L << 20,
        Map.of("default/sklearn-iris", "iris:2:production"), Clock.fixed(TrafficHarness.DAY, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static KserveEvents.Event event(String id, String type, String annotations, String body) {
    return new KserveEvents.Event(id, type, "1.0", "2026-01-05T10:00:00.000Z", "sklearn-iris", "default", annotations,
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void joinsV1RequestAndResponseByIdIntoOneRowOfTheMappedModelVersion() {
    KserveEvents.Outcome first = kserve.accept(event(ID, KserveEvents.REQUEST, null, "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}"));
    assertThat(first.joined()).isFalse();
    KserveEvents.Outcome second = kserve.accept(event(ID, KserveEvents.RESPONSE, null, "{\"predictions\":[1]}"));
    assertThat(second.joined()).isTrue();
    assertThat(second.result().accepted()).isEqualTo(1);
    assertThat(h.monitor.openRows(new StreamKey("iris", 2, "production"))).isEqualTo(1);
    assertThat(kserve.pending()).isZero();
    // the logger delivering the same inference again counts once
    kserve.accept(event(ID, KserveEvents.RESPONSE, null, "{\"predictions\":[1]}"));
    assertThat(kserve.accept(event(ID, KserveEvents.REQUEST, null, "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}"))
        .result().duplicates()).isEqualTo(1);
  }

  @Test
  void joinsV2InputsAndOutputsWithTheModelVersionFromAnnotations() {
    String annotations = "{\"steward.dev/model\":\"iris\",\"steward.dev/model-version\":\"2\",\"steward.dev/environment\":\"canary\"}";
    kserve.accept(event("v2", KserveEvents.RESPONSE, annotations,
        "{\"model_name\":\"sklearn-iris\",\"id\":\"v2\",\"outputs\":[{\"name\":\"output-0\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[1,0]}]}"));
    KserveEvents.Outcome joined = kserve.accept(event("v2", KserveEvents.REQUEST, annotations,
        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[[6.8,2.8,4.8,1.4],[6.0,3.4,4.5,1.6]]}]}"));
    assertThat(joined.result().accepted()).isEqualTo(2);
    assertThat(h.monitor.openRows(new StreamKey("iris", 2, "canary"))).isEqualTo(2);
  }

  @Test
  void refusesMalformedEventsAndUnmappedServices() {
    assertThatThrownBy(() -> kserve.accept(new KserveEvents.Event(null, KserveEvents.REQUEST, "1.0", null, "x", "default",
        null, "{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.field()).isEqualTo("ce-id"));
    assertThatThrownBy(() -> kserve.accept(event("t", "com.example.other", null, "{}")))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.field()).isEqualTo("ce-type"));
    assertThatThrownBy(() -> kserve.accept(event("j", KserveEvents.REQUEST, null, "{\"instances\": [")))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> kserve.accept(new KserveEvents.Event("u", KserveEvents.REQUEST, "1.0", null, "other",
        "default", null, "{\"instances\":[[1,2,3,4]]}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThat(kserve.acceptsKey("s3cret")).isTrue();
    assertThat(kserve.acceptsKey("guess")).isFalse();
    assertThat(Instant.parse("2026-01-05T10:00:00.000Z")).isAfter(TrafficHarness.DAY);
  }

  @Test
  void holdsWaitingHalvesWithinTheByteBoundAndRefusesTheRestUntilTheOldestExpires() {
    SettableClock clock = new SettableClock(TrafficHarness.DAY);
    long bound = 1L << 20;
    KserveEvents bounded = new KserveEvents(h.monitor, "s3cret", Duration.ofSeconds(60), 1000, bound,
        Map.of("default/sklearn-iris", "iris:2:production"), clock);
    String large = largeRequest(100_000);
    bounded.accept(event("small", KserveEvents.REQUEST, null, "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}"));
    int held = 0;
    JoinBufferFull refused = null;
    for (int i = 0; i < 100 && refused == null; i++) {
      try {
        bounded.accept(event("large-" + i, KserveEvents.REQUEST, null, large));
        held++;
        clock.advance(Duration.ofSeconds(1));
      } catch (JoinBufferFull e) {
        refused = e;
      }
      assertThat(bounded.pendingBytes()).isLessThanOrEqualTo(bound);
    }
    assertThat(held).isEqualTo(10);
    assertThat(bounded.pending()).isEqualTo(held + 1);
    assertThat(refused).isNotNull();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.retryAfter()).as("until the oldest has waited 60 s").isEqualTo(Duration.ofSeconds(50));
    assertThat(refused.getMessage()).contains("steward.drift.kserve.max-pending-bytes");

    // a partner needs no room: it joins its waiting half even while the buffer is full
    KserveEvents.Outcome joined = bounded.accept(event("small", KserveEvents.RESPONSE, null, "{\"predictions\":[1]}"));
    assertThat(joined.joined()).isTrue();
    assertThat(joined.result().accepted()).isEqualTo(1);
    assertThat(bounded.pending()).isEqualTo(held);
    // one event larger than the whole buffer can never wait: 413, not "retry later"
    assertThatThrownBy(() -> bounded.accept(event("huge", KserveEvents.REQUEST, null, largeRequest((int) bound))))
        .isInstanceOfSatisfying(InvalidTraffic.class, e -> assertThat(e.status()).isEqualTo(413));

    clock.advance(Duration.ofSeconds(60));
    assertThat(bounded.expireDue()).isEqualTo(held);
    assertThat(bounded.pending()).isZero();
    assertThat(bounded.pendingBytes()).isZero();
    assertThat(bounded.accept(event("after", KserveEvents.REQUEST, null, large)).joined()).isFalse();
  }

  @Test
  void letsWaitingHalvesGoOnTheTimerWithoutAnotherEventArriving() {
    KserveEvents shortWait = new KserveEvents(h.monitor, "s3cret", Duration.ofMillis(200), 1000, 1L << 20,
        Map.of("default/sklearn-iris", "iris:2:production"), Clock.systemUTC());
    shortWait.accept(event("lonely", KserveEvents.REQUEST, null, "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}"));
    assertThat(shortWait.pending()).isEqualTo(1);
    TrafficConfiguration.Repeating timer = new TrafficConfiguration.Repeating("test-kserve-expiry", 50,
        shortWait::expireDue, "expiry failed");
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> shortWait.pending() == 0);
      assertThat(shortWait.pendingBytes()).isZero();
    } finally {
      timer.destroy();
    }
  }

  /** A v1 request of {@code bytes} bytes or a little less. */
  private static String largeRequest(int bytes) {
    StringBuilder b = new StringBuilder("{\"instances\": [");
    while (b.length() < bytes - 40) {
      b.append("[6.8, 2.8, 4.8, 1.4],");
    }
    return b.append("[6.8, 2.8, 4.8, 1.4]]}").toString();
  }
}
