package dev.stormwatch.correlator;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewIncidentProfileScratch {
    @Test
    void run() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        String yaml = """
                platform:
                  id: lat-0
                  name: Platform lat-0
                  primaryRegion: eastasia
                  secondaryRegion: newzealandnorth
                  strategy: warm-spare
                  rto: 8h
                  rpo: 4h
                  drLead: oncall
                  escalationPolicy: page-once
                components:
                  - id: store
                    name: Storage
                    service: Storage
                    layer: store
                    priority: 2
                    owner: oncall
                contacts:
                  - id: oncall
                    name: On-call
                    timeZone: Etc/UTC
                    channels:
                      - { type: webhook, address: "http://localhost:1/inbox/lat-0", secretRef: S }
                escalationPolicies:
                  - id: page-once
                    repeat: 0
                    levels:
                      - after: 24h
                        notify: [contact:oncall]
                """;
        boolean same = Boolean.getBoolean("scratch.same");
        try (CorrelatorDriver d = new CorrelatorDriver(start)) {
            d.catalog(Catalogs.parse(yaml));
            int n = Integer.getInteger("scratch.n", 3000);
            var mx = ManagementFactory.getThreadMXBean();
            long t0 = 0;
            for (int i = 0; i < n; i++) {
                if (i == n / 2) {
                    t0 = mx.getCurrentThreadCpuTime();
                }
                int k = same ? i % 50 : i;
                d.health(HealthEvents.incident(
                                "LAT-" + k, "Storage", "East Asia", start.minus(Duration.ofHours(3L * (k + 1))))
                        .build());
                if (i % 200 == 0) {
                    d.drain();
                }
            }
            long ns = mx.getCurrentThreadCpuTime() - t0;
            System.out.printf("SCRATCH %d events, %.1f us cpu/event%n", n - n / 2, ns / 1e3 / (n - n / 2));
        }
    }
}
