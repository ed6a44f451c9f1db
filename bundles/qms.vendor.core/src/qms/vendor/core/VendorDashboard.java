package qms.vendor.core;

import java.time.YearMonth;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Chart.Tone;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.vendor.core.VendorDue.Item;
import qms.vendor.model.KpiKind;

/**
 * The vendor module's dashboard: qualifications, certificates and agreements due, and the SLA breaches of each kind
 * of KPI quarter by quarter.
 */
@Component(service = DashboardFigures.class)
public final class VendorDashboard implements DashboardFigures {

    @Override
    public String section() {
        return "Vendors and SLAs";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Chart> charts(RecordStore store, Period period) {
        return List.of(due(new VendorDue(store).items(period.today())), breaches(SlaCompliance.breaches(store),
                period));
    }

    /** Requalifications (and first qualifications), certificates and agreement renewals overdue and due soon. */
    static Chart due(List<Item> items) {
        Chart.Builder b = Chart.builder("vendor.due", "Vendors due for requalification, certificates, renewals",
                Chart.Kind.BARS).axes("", "Vendors or agreements").series(VendorDue.State.OVERDUE.label(),
                        Tone.PROBLEM).series(VendorDue.State.DUE_SOON.label(), Tone.WARNING).categories(List.of(
                                VendorDue.Kind.REQUALIFICATION.label(), VendorDue.Kind.CERTIFICATE.label(),
                                VendorDue.Kind.AGREEMENT.label()));
        for (Item i : items) {
            if (i.state() != VendorDue.State.LATER) {
                VendorDue.Kind kind = i.kind() == VendorDue.Kind.QUALIFICATION ? VendorDue.Kind.REQUALIFICATION
                        : i.kind();
                b.count(i.state().label(), kind.label(), i.record().getId());
            }
        }
        return b.note("Requalification counts vendors never qualified too").build();
    }

    /** Breaches of each kind of KPI in each quarter of the period (by the quarter the measured period starts in). */
    static Chart breaches(List<SlaCompliance.Breach> breaches, Period period) {
        Chart.Builder b = Chart.builder("vendor.breaches", "SLA breaches per quarter", Chart.Kind.LINES).axes(
                "Quarter", "Breaches").categories(period.quarters());
        breaches.stream().map(SlaCompliance.Breach::kind).distinct().sorted().forEach(k -> b.series(name(k),
                Tone.NEUTRAL));
        int counted = 0;
        for (SlaCompliance.Breach x : breaches) {
            YearMonth m = YearMonth.from(x.periodStart());
            if (!m.isBefore(period.first()) && !m.isAfter(period.last())) {
                b.count(name(x.kind()), Period.quarter(m), x.measurementId());
                counted++;
            }
        }
        return b.note(counted + " measurements missed their targets in the period").build();
    }

    private static String name(KpiKind k) {
        return k.getLiteral().replaceFirst(" \\(.*\\)$", "");
    }
}
