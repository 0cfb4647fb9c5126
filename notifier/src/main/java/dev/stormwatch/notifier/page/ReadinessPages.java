package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A platform's readiness page: when a feasibility report has a readiness finding the last report did not have
 * (readiness dropped), the DR lead is paged with the new findings; the same findings again, or fewer, page nobody; none
 * left closes the page. The findings seen last are the page's fingerprint, so a report repeated or re-read after a
 * restart pages nobody twice.
 */
final class ReadinessPages {

    private final PolicyRun run;

    ReadinessPages(PolicyRun run) {
        this.run = run;
    }

    static String subject(String platformId) {
        return "readiness-" + platformId;
    }

    PageOutcome onReadiness(PageState page, FeasibilityReport report, Catalog catalog, Instant now) {
        List<Finding> findings =
                report.findings().stream().filter(Finding::readiness).toList();
        List<String> keys =
                findings.stream().map(ReadinessPages::key).distinct().sorted().toList();
        String fingerprint = String.join(",", keys);
        if (page != null && fingerprint.equals(page.fingerprint())) {
            return PageOutcome.unchanged(page);
        }
        if (page == null && findings.isEmpty()) {
            return PageOutcome.unchanged(null);
        }
        Set<String> before =
                page == null || page.fingerprint() == null || page.fingerprint().isEmpty()
                        ? Set.of()
                        : Set.of(page.fingerprint().split(","));
        List<Finding> dropped =
                findings.stream().filter(f -> !before.contains(key(f))).toList();
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        PageState.Builder b = page == null ? new PageState.Builder() : page.toBuilder();
        b.subjectId = subject(report.platformId());
        b.kind = SubjectKind.READINESS;
        b.platformId = report.platformId();
        b.fingerprint = fingerprint;
        if (dropped.isEmpty()) {
            if (findings.isEmpty() && page != null && page.status() != PageStatus.CLOSED) {
                run.close(b, now);
                audits.add(
                        new AuditEntry("page-closed", b.subjectId, "readiness restored: no readiness finding is left"));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        b.readiness = Brief.ofReadiness(report, dropped, findings, catalog);
        b.purgeAt = null;
        b.ack = null;
        if (page != null) {
            b.pass = page.pass() + 1;
        }
        audits.add(new AuditEntry(
                "readiness-dropped",
                b.subjectId,
                dropped.size() + " new readiness finding(s): "
                        + dropped.stream().map(Finding::kind).collect(Collectors.joining(", "))));
        return run.open(b, catalog, now, out, audits, List.of());
    }

    private static String key(Finding f) {
        return ContentHash.hex(8, f.kind() + ":" + f.summary());
    }
}
