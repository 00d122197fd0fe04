package com.example.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The traffic-map "standard" convention with Micrometer and micrometer-registry-prometheus.
 * Prometheus names: the counters get "_total", the timers "_seconds" with "_bucket" (from
 * publishPercentileHistogram), "_count", "_sum" and "_max".
 */
public final class TrafficMetrics {
  /** The peer of requests from outside (on the edge's ingress). */
  public static final String INTERNET = "internet";
  /** The status of a call that got no response (timeout, connection refused or reset). */
  public static final String NO_RESPONSE = "0";

  private final MeterRegistry registry;
  private final String service;
  private final String datacenter;

  public TrafficMetrics(MeterRegistry registry, String service, String datacenter) {
    this.registry = registry;
    this.service = service;
    this.datacenter = datacenter;
  }

  /** A call this service sent: the callee, its datacenter ("" outside), the status received or NO_RESPONSE. */
  public void egress(String peerService, String peerDatacenter, String status, Duration duration) {
    Counter.builder("traffic_egress_requests")
        .description("Requests this service sent, by callee and status code")
        .tag("service", service)
        .tag("datacenter", datacenter)
        .tag("peer_service", peerService)
        .tag("peer_datacenter", peerDatacenter)
        .tag("status", status)
        .register(registry)
        .increment();
    Timer.builder("traffic_egress_request_duration")
        .description("Duration of the requests this service sent, as the caller measures it")
        .tag("service", service)
        .tag("datacenter", datacenter)
        .tag("peer_service", peerService)
        .tag("peer_datacenter", peerDatacenter)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(duration);
  }

  /** A request this service answered: the caller (INTERNET from outside), its datacenter, the status sent. */
  public void ingress(String peerService, String peerDatacenter, String status, Duration duration) {
    Counter.builder("traffic_ingress_requests")
        .description("Requests this service received, by caller and status code")
        .tag("service", service)
        .tag("datacenter", datacenter)
        .tag("peer_service", peerService)
        .tag("peer_datacenter", peerDatacenter)
        .tag("status", status)
        .register(registry)
        .increment();
    Timer.builder("traffic_ingress_request_duration")
        .description("Duration of the requests this service received, as the callee measures it")
        .tag("service", service)
        .tag("datacenter", datacenter)
        .tag("peer_service", peerService)
        .tag("peer_datacenter", peerDatacenter)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(duration);
  }
}
