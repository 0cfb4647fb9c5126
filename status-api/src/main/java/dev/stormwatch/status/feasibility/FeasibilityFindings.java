package dev.stormwatch.status.feasibility;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.status.platform.PlatformView;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * RTO-feasibility findings per platform: the correlator's report when it has published one, otherwise computed here
 * from the catalog with the same arithmetic.
 */
@Singleton
public class FeasibilityFindings {

    private final PlatformView platforms;
    private final FeasibilityView reports;

    public FeasibilityFindings(PlatformView platforms, FeasibilityView reports) {
        this.platforms = platforms;
        this.reports = reports;
    }

    public List<FeasibilityFinding> all() {
        Set<String> ids = new TreeSet<>();
        platforms.catalogs().forEach(c -> ids.add(c.platformId()));
        reports.all().forEach(r -> ids.add(r.platformId()));
        return ids.stream()
                .map(this::of)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(FeasibilityFinding::platformId))
                .toList();
    }

    public Optional<FeasibilityFinding> of(String platformId) {
        Catalog catalog = platforms.catalog(platformId).orElse(null);
        Optional<FeasibilityReport> report = reports.report(platformId);
        if (report.isPresent()) {
            return Optional.of(FeasibilityCheck.of(report.get(), catalog));
        }
        return Optional.ofNullable(catalog).map(FeasibilityCheck::of);
    }
}
