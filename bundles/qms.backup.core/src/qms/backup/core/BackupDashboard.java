package qms.backup.core;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import qms.backup.core.BackupCompliance.SystemStatus;
import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Chart.Tone;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;

/**
 * The backup module's dashboard: every system's compliance month by month, the systems most often not compliant,
 * and the restoration tests due — from one {@link BackupCompliance#monthly} read of the period.
 */
@Component(service = DashboardFigures.class)
public final class BackupDashboard implements DashboardFigures {

    static final String OVERDUE = "Overdue";
    static final String DUE_SOON = "Due within " + ComplianceRules.DEFAULT_DUE_SOON_DAYS + " days";
    static final String DUE_LATER = "Due within 60 days";
    static final String LATER = "Later";
    private static final int WORST = 10;

    @Override
    public String section() {
        return "Backup and restore";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Chart> charts(RecordStore store, Period period) {
        Map<YearMonth, List<SystemStatus>> months = new BackupCompliance(store, ComplianceRules.DEFAULT_DUE_SOON_DAYS,
                period.zone()).monthly(period.first(), period.last(), period.now());
        return List.of(byMonth(months), worst(months), restoreTests(months, period.today()));
    }

    private static Tone tone(ComplianceStatus s) {
        return switch (s) {
        case COMPLIANT -> Tone.GOOD;
        case AT_RISK -> Tone.WARNING;
        case NON_COMPLIANT -> Tone.PROBLEM;
        };
    }

    /** Systems by status, a stacked bar a month. */
    static Chart byMonth(Map<YearMonth, List<SystemStatus>> months) {
        Chart.Builder b = Chart.builder("backup.compliance", "Backup compliance by month", Chart.Kind.STACKED_BARS)
                .axes("Month", "Systems").categories(months.keySet().stream().map(Period::label).toList());
        for (ComplianceStatus s : ComplianceStatus.values()) {
            b.series(s.label(), tone(s));
        }
        months.forEach((m, statuses) -> statuses.forEach(st -> b.count(st.assessment().status().label(), Period
                .label(m), st.system().getId())));
        int systems = months.isEmpty() ? 0 : new ArrayList<>(months.values()).get(months.size() - 1).size();
        return b.note(systems + " computerized systems; a month is judged over its days, the current month until now")
                .build();
    }

    /** The systems with the most months not compliant or at risk in the period, a bar each. */
    static Chart worst(Map<YearMonth, List<SystemStatus>> months) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        months.values().forEach(statuses -> statuses.forEach(st -> {
            ComplianceStatus s = st.assessment().status();
            if (s != ComplianceStatus.COMPLIANT) {
                names.put(st.system().getId(), st.system().getName());
                counts.computeIfAbsent(st.system().getId(), k -> new int[2])[s == ComplianceStatus.NON_COMPLIANT ? 0
                        : 1]++;
            }
        }));
        List<String> ids = new ArrayList<>(counts.keySet());
        ids.sort(Comparator.comparingInt((String id) -> -counts.get(id)[0]).thenComparingInt(id -> -counts.get(id)[1])
                .thenComparing(names::get, String.CASE_INSENSITIVE_ORDER));
        Chart.Builder b = Chart.builder("backup.worst", "Systems most often not compliant", Chart.Kind.STACKED_BARS)
                .axes("System", "Months").series(ComplianceStatus.NON_COMPLIANT.label(), Tone.PROBLEM).series(
                        ComplianceStatus.AT_RISK.label(), Tone.WARNING);
        for (String id : ids.subList(0, Math.min(WORST, ids.size()))) {
            int[] c = counts.get(id);
            String name = names.get(id);
            b.value(ComplianceStatus.NON_COMPLIANT.label(), name, c[0], List.of(id));
            b.value(ComplianceStatus.AT_RISK.label(), name, c[1], List.of(id));
        }
        return b.note(ids.isEmpty() ? "Every system was compliant in every month" : ids.size()
                + " systems not compliant in at least one month" + (ids.size() > WORST ? "; the " + WORST
                        + " most often shown" : "")).build();
    }

    /** Systems by when their next restoration test is due, as of now. */
    static Chart restoreTests(Map<YearMonth, List<SystemStatus>> months, LocalDate today) {
        Chart.Builder b = Chart.builder("backup.restoreTests", "Restoration tests due", Chart.Kind.BARS).axes("Due",
                "Systems").series("Systems", Tone.NEUTRAL).categories(List.of(OVERDUE, DUE_SOON, DUE_LATER, LATER));
        List<SystemStatus> current = months.isEmpty() ? List.of() : new ArrayList<>(months.values()).get(months
                .size() - 1);
        int uncovered = 0;
        for (SystemStatus st : current) {
            ComplianceRules.Assessment a = st.assessment();
            if (a.has(ComplianceRules.Rule.NO_POLICY)) {
                uncovered++;
                continue;
            }
            String due;
            if (a.has(ComplianceRules.Rule.RESTORE_TEST_OVERDUE) || a.nextRestoreTestDue() == null) {
                due = OVERDUE;
            } else if (a.has(ComplianceRules.Rule.RESTORE_TEST_DUE_SOON)) {
                due = DUE_SOON;
            } else {
                due = ChronoUnit.DAYS.between(today, a.nextRestoreTestDue()) <= 60 ? DUE_LATER : LATER;
            }
            b.count("Systems", due, st.system().getId());
        }
        return b.note("As of the period's last month" + (uncovered == 0 ? "" : "; " + uncovered
                + " systems without an active backup policy are not counted")).build();
    }
}
