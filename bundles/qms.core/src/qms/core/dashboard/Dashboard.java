package qms.core.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import qms.core.RecordStore;
import qms.core.Services;

/**
 * The dashboard's figures: every installed module's section for the period. A module whose figures fail to compute
 * shows why in its section instead of taking the others with it.
 */
public final class Dashboard {

    /** One module's part: its heading, its charts, and why they are missing if they could not be computed. */
    public record Section(String title, List<Chart> charts, String error) {
    }

    private Dashboard() {
    }

    /** The sections of the modules installed now (through their services), in their order. */
    public static List<Section> compute(RecordStore store, Period period) {
        return compute(store, period, Services.all(DashboardFigures.class));
    }

    /** The sections of the given contributions, in their order. */
    public static List<Section> compute(RecordStore store, Period period, List<DashboardFigures> contributions) {
        List<DashboardFigures> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparingInt(DashboardFigures::order).thenComparing(DashboardFigures::section));
        List<Section> sections = new ArrayList<>();
        for (DashboardFigures f : sorted) {
            try {
                sections.add(new Section(f.section(), List.copyOf(f.charts(store, period)), null));
            } catch (RuntimeException e) {
                sections.add(new Section(f.section(), List.of(), "Its figures could not be computed: " + (e
                        .getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return sections;
    }
}
