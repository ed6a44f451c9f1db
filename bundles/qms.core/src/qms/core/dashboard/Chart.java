package qms.core.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One chart of the dashboard as figures, without drawing: categories along one axis (months, age groups, states), a
 * value for each series in each category, and for every value the ids of the records behind it, which a click on its
 * bar opens. Immutable; made with {@link #builder}.
 *
 * @param id       stable, for tests and the PDF's outline ("backup.compliance")
 * @param note     one line under the chart ("500 systems with an active policy"), or empty
 */
public record Chart(String id, String title, Kind kind, String categoryAxis, String valueAxis, List<String> categories,
        List<Series> series, String note) {

    /** How the values are drawn. */
    public enum Kind {
        /** Bars side by side per category. */
        BARS,
        /** One bar per category, the series stacked. */
        STACKED_BARS,
        /** A line per series through the categories (a trend over months or quarters). */
        LINES
    }

    /** What a series means, which chooses its colour: good, to watch, wrong, or neither. */
    public enum Tone {
        GOOD, WARNING, PROBLEM, NEUTRAL
    }

    /** One series: its name (the legend) and its value in each category, in the chart's order of categories. */
    public record Series(String name, Tone tone, List<Point> points) {
    }

    /** A value of a series in a category and the records it counts or is computed from. */
    public record Point(String category, double value, List<String> recordIds) {
    }

    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        note = note == null ? "" : note;
    }

    /** The point of a series in a category, if the chart has both. */
    public Optional<Point> point(String seriesName, String category) {
        return series.stream().filter(s -> s.name().equals(seriesName)).flatMap(s -> s.points().stream()).filter(
                p -> p.category().equals(category)).findFirst();
    }

    /** The sum of every value: zero when there is nothing to show. */
    public double total() {
        return series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::value).sum();
    }

    public static Builder builder(String id, String title, Kind kind) {
        return new Builder(id, title, kind);
    }

    /**
     * Collects a chart's figures: categories and series in the order declared (or first used), values counted
     * record by record or set; every series gets a point (zero if nothing) in every category.
     */
    public static final class Builder {
        private final String id;
        private final String title;
        private final Kind kind;
        private String categoryAxis = "";
        private String valueAxis = "Records";
        private String note = "";
        private final Set<String> categories = new LinkedHashSet<>();
        private final Map<String, Tone> tones = new LinkedHashMap<>();
        private final Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
        private final Map<String, Map<String, Set<String>>> ids = new LinkedHashMap<>();

        private Builder(String id, String title, Kind kind) {
            this.id = id;
            this.title = title;
            this.kind = kind;
        }

        public Builder axes(String category, String value) {
            this.categoryAxis = category;
            this.valueAxis = value;
            return this;
        }

        public Builder note(String text) {
            this.note = text;
            return this;
        }

        /** Declares categories, in the order shown. */
        public Builder categories(List<String> names) {
            categories.addAll(names);
            return this;
        }

        /** Declares a series, in the order of the legend. */
        public Builder series(String name, Tone tone) {
            tones.putIfAbsent(name, tone);
            return this;
        }

        /** Counts one record in a series and category (a record counted twice in the same place counts once). */
        public Builder count(String seriesName, String category, String recordId) {
            Set<String> behind = place(seriesName, category);
            if (behind.add(recordId)) {
                values.get(seriesName).get(category)[0]++;
            }
            return this;
        }

        /** Adds {@code amount} to a series in a category (a task of a record counted per task), and the record. */
        public Builder add(String seriesName, String category, double amount, String recordId) {
            place(seriesName, category).add(recordId);
            values.get(seriesName).get(category)[0] += amount;
            return this;
        }

        /** Sets the value of a series in a category, computed from the records named. */
        public Builder value(String seriesName, String category, double value, List<String> recordIds) {
            place(seriesName, category).addAll(recordIds);
            values.get(seriesName).get(category)[0] = value;
            return this;
        }

        private Set<String> place(String seriesName, String category) {
            tones.putIfAbsent(seriesName, Tone.NEUTRAL);
            categories.add(category);
            values.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).computeIfAbsent(category,
                    k -> new double[1]);
            return ids.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).computeIfAbsent(category,
                    k -> new LinkedHashSet<>());
        }

        public Chart build() {
            List<Series> series = new ArrayList<>();
            tones.forEach((name, tone) -> {
                List<Point> points = new ArrayList<>();
                for (String c : categories) {
                    double[] v = values.getOrDefault(name, Map.of()).get(c);
                    Set<String> behind = ids.getOrDefault(name, Map.of()).get(c);
                    points.add(new Point(c, v == null ? 0 : v[0], behind == null ? List.of() : List.copyOf(behind)));
                }
                series.add(new Series(name, tone, List.copyOf(points)));
            });
            return new Chart(id, title, kind, categoryAxis, valueAxis, List.copyOf(categories), series, note);
        }
    }
}
