package dev.stormwatch.e2e.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's one table: every figure with its unit and the value of each run, shown as min / median / max, plus
 * ratios computed from the medians. Figures that could not be measured carry the reason instead of values.
 */
final class FigureTable {

    private record Figure(String name, String unit, List<Double> values, String note) {}

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    /** Adds one run's value of {@code name}. */
    synchronized void add(String name, String unit, double value) {
        figures.computeIfAbsent(name, n -> new Figure(n, unit, new ArrayList<>(), null))
                .values()
                .add(value);
    }

    /** A figure that was not measured, and why. */
    synchronized void skipped(String name, String unit, String why) {
        figures.put(name, new Figure(name, unit, List.of(), why));
    }

    /** A note shown beside a measured figure. */
    synchronized void note(String name, String note) {
        Figure f = figures.get(name);
        if (f != null) {
            figures.put(name, new Figure(f.name(), f.unit(), f.values(), note));
        }
    }

    synchronized double median(String name) {
        Figure f = figures.get(name);
        return f == null || f.values().isEmpty() ? Double.NaN : stats(f.values())[1];
    }

    /** Adds {@code name} = median(numerator) / median(denominator), and the per-run ratios where runs pair up. */
    synchronized void ratio(String name, String numerator, String denominator) {
        Figure a = figures.get(numerator);
        Figure b = figures.get(denominator);
        if (a == null || b == null || a.values().isEmpty() || b.values().isEmpty()) {
            skipped(name, "ratio", "no " + (a == null || a.values().isEmpty() ? numerator : denominator));
            return;
        }
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < Math.min(a.values().size(), b.values().size()); i++) {
            runs.add(a.values().get(i) / b.values().get(i));
        }
        figures.put(
                name,
                new Figure(
                        name,
                        "ratio",
                        runs,
                        "medians: " + fmt(stats(a.values())[1]) + " / " + fmt(stats(b.values())[1]) + " = "
                                + fmt(stats(a.values())[1] / stats(b.values())[1])));
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | unit | min | median | max | runs | note |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Figure f : figures.values()) {
            if (f.values().isEmpty()) {
                out.append("| ")
                        .append(f.name())
                        .append(" | ")
                        .append(f.unit())
                        .append(" | – | – | – | 0 | ")
                        .append(f.note())
                        .append(" |\n");
                continue;
            }
            double[] s = stats(f.values());
            out.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(f.unit())
                    .append(" | ")
                    .append(fmt(s[0]))
                    .append(" | ")
                    .append(fmt(s[1]))
                    .append(" | ")
                    .append(fmt(s[2]))
                    .append(" | ")
                    .append(f.values().size())
                    .append(" | ")
                    .append(f.note() == null ? "" : f.note())
                    .append(" |\n");
        }
        return out.toString();
    }

    /** min, median, max. */
    static double[] stats(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new double[] {sorted.get(0), median, sorted.get(n - 1)};
    }

    /** The value at quantile {@code q} (nearest rank) of {@code samples}. */
    static double quantile(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
