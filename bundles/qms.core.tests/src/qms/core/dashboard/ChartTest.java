package qms.core.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import qms.core.RecordStore;

/** A dashboard chart's figures as modules build them, the period they are of, and the sections put together. */
class ChartTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everySeriesHasAPointInEveryCategoryInTheOrderDeclared() {
        Chart c = Chart.builder("t", "Test", Chart.Kind.STACKED_BARS).categories(List.of("Jan", "Feb", "Mar"))
                .series("Good", Chart.Tone.GOOD).series("Bad", Chart.Tone.PROBLEM)
                .count("Bad", "Feb", "r1").count("Bad", "Feb", "r2").count("Bad", "Feb", "r1") // r1 once
                .count("Good", "Apr", "r3") // a category first used is added at the end
                .add("Good", "Jan", 2, "r4").add("Good", "Jan", 1, "r4").build();
        assertEquals(List.of("Jan", "Feb", "Mar", "Apr"), c.categories());
        assertEquals(List.of("Good", "Bad"), c.series().stream().map(Chart.Series::name).toList());
        assertEquals(4, c.series().get(0).points().size());
        assertEquals(4, c.series().get(1).points().size());
        assertEquals(2, c.point("Bad", "Feb").orElseThrow().value());
        assertEquals(List.of("r1", "r2"), c.point("Bad", "Feb").orElseThrow().recordIds());
        assertEquals(0, c.point("Bad", "Mar").orElseThrow().value());
        assertEquals(List.of(), c.point("Bad", "Mar").orElseThrow().recordIds());
        assertEquals(3, c.point("Good", "Jan").orElseThrow().value()); // added per task, the record once
        assertEquals(List.of("r4"), c.point("Good", "Jan").orElseThrow().recordIds());
        assertEquals(6, c.total());
        assertEquals("", c.note());
    }

    @Test
    void aPeriodIsItsMonthsInTheUsersZone() {
        // 23:30 UTC on 31 March is already 1 April in Berlin
        Period p = Period.lastMonths(3, Instant.parse("2026-03-31T23:30:00Z"), BERLIN);
        assertEquals(YearMonth.of(2026, 2), p.first());
        assertEquals(YearMonth.of(2026, 4), p.last());
        assertEquals("Feb 2026 – Apr 2026", p.text());
        assertEquals(List.of("2026 Q1", "2026 Q2"), p.quarters());
        assertEquals(java.time.LocalDate.of(2026, 4, 30), p.to());
        assertEquals(java.time.LocalDate.of(2026, 4, 1), p.today());
        Period year = new Period(YearMonth.of(2025, 1), YearMonth.of(2025, 12), Instant.now(), BERLIN);
        assertEquals(12, year.months().size());
        assertEquals(4, year.quarters().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Period(YearMonth.of(2026,
                5), YearMonth.of(2026, 4), Instant.now(), BERLIN));
        assertEquals("The period ends (Apr 2026) before it starts (May 2026)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Period.lastMonths(0, Instant.now(), BERLIN));
    }

    private static DashboardFigures figures(String section, int order, RuntimeException failure) {
        return new DashboardFigures() {
            @Override
            public String section() {
                return section;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public List<Chart> charts(RecordStore store, Period period) {
                if (failure != null) {
                    throw failure;
                }
                return List.of(Chart.builder(section, section + " chart", Chart.Kind.BARS).count("A", period.text(),
                        "x").build());
            }
        };
    }

    @Test
    void sectionsComeInTheirOrderAndAFailingModuleSaysWhyWithoutTheOthersFailing() {
        Period p = Period.lastMonths(1, Instant.parse("2026-12-07T10:00:00Z"), BERLIN);
        List<Dashboard.Section> sections = Dashboard.compute(null, p, List.of(figures("Vendors", 30, null), figures(
                "Backup", 10, null), figures("Broken", 20, new IllegalStateException("the table is missing"))));
        assertEquals(List.of("Backup", "Broken", "Vendors"), sections.stream().map(Dashboard.Section::title).toList());
        assertEquals("Dec 2026", sections.get(0).charts().get(0).categories().get(0));
        assertTrue(sections.get(1).charts().isEmpty());
        assertEquals("Its figures could not be computed: the table is missing", sections.get(1).error());
        assertEquals(null, sections.get(2).error());
        // in the core's own test runtime no module is installed
        assertTrue(Dashboard.compute(null, p).isEmpty());
    }
}
