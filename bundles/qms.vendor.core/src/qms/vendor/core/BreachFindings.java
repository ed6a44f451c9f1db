package qms.vendor.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import qms.core.CoreModelContribution;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Vendor;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;

/**
 * Raises a finding for a measurement that misses its KPI's target — once: the finding's reference names the
 * measurement ({@code AUTO-KPI-} and the start of its id), and no second finding is raised for it whatever became of
 * the first. The finding is about the agreement's vendor and the systems the agreement covers, relates to the
 * measurement and the agreement (so the trace goes finding → measurement → KPI → agreement → vendor → systems), is
 * of the category "Vendor oversight gaps", and Major for a vendor of High criticality, else Minor.
 */
public final class BreachFindings {

    static final String PREFIX = "AUTO-KPI-";

    /** A measurement that misses its target, with what it showed. */
    public record Breach(KpiMeasurement measurement, ServiceKpi kpi, KpiCompliance.Result result) {
    }

    private BreachFindings() {
    }

    /** The finding reference of a measurement's breach. */
    public static String reference(KpiMeasurement m) {
        return PREFIX + m.getId().substring(0, 8);
    }

    /** The breaches among the measurements (each with its KPI loaded). */
    public static List<Breach> breaches(RecordStore store, List<KpiMeasurement> measurements) {
        List<Breach> breaches = new ArrayList<>();
        for (KpiMeasurement m : measurements) {
            ServiceKpi kpi = (ServiceKpi) store.get(Records.id(m.getKpi()));
            Optional<KpiCompliance.Result> r = KpiCompliance.evaluate(kpi, m);
            if (r.isPresent() && !r.get().met()) {
                breaches.add(new Breach(m, kpi, r.get()));
            }
        }
        return breaches;
    }

    /**
     * Every measurement in the store that misses its target: one scan of the measurements' columns against the KPIs
     * ({@link SlaCompliance}); only the breaches are then read whole, with their KPIs.
     */
    public static List<Breach> all(RecordStore store) {
        Map<String, ServiceKpi> kpis = new HashMap<>();
        List<Breach> breaches = new ArrayList<>();
        for (SlaCompliance.Miss miss : SlaCompliance.misses(store)) {
            KpiMeasurement m = (KpiMeasurement) store.get(miss.measurementId());
            ServiceKpi kpi = kpis.computeIfAbsent(miss.kpiId(), id -> (ServiceKpi) store.get(id));
            KpiCompliance.evaluate(kpi, m).ifPresent(r -> breaches.add(new Breach(m, kpi, r)));
        }
        return breaches;
    }

    /** The breaches no finding was raised for yet: what {@link #raise} would raise. */
    public static List<Breach> unraised(RecordStore store, List<Breach> breaches) {
        Set<String> raised = raisedReferences(store);
        return breaches.stream().filter(b -> !raised.contains(reference(b.measurement()))).toList();
    }

    /**
     * The findings for the breaches that have none yet, with their links, not saved: the caller saves them with its
     * own change (an import saves them with the measurements, in one transaction).
     */
    public static List<Record> findings(RecordStore store, List<Breach> breaches, Instant now) {
        List<Record> all = new ArrayList<>();
        Map<String, ServiceAgreement> agreements = new HashMap<>(); // an import's breaches share a few agreements
        Map<String, List<ComputerizedSystem>> covered = new HashMap<>();
        for (Breach b : unraised(store, breaches)) {
            ServiceAgreement a = agreements.computeIfAbsent(Records.id(b.kpi().getAgreement()),
                    id -> (ServiceAgreement) store.get(id));
            Vendor vendor = a.getVendor();
            List<ComputerizedSystem> systems = covered.computeIfAbsent(a.getId(), id -> Vendors.covered(store, a));
            boolean high = systems.stream().anyMatch(s -> s.isSetGxpCriticality() && s.getGxpCriticality()
                    == GxpCriticality.HIGH);
            Finding f = VendorFindings.open(store, "SLA breach: " + b.kpi().getName() + " of " + a.getReference()
                    + " in " + b.measurement().getPeriod(), FindingSource.RAISED_BY_MODULE, high ? FindingGrade.MAJOR
                            : FindingGrade.MINOR, vendor, systems, null, now);
            f.setReference(reference(b.measurement()));
            f.setDescription(b.result().text() + ".\nAgreement " + a.getReference() + " '" + a.getTitle() + "' with "
                    + Vendors.name(vendor) + ", KPI " + b.kpi().getName() + ", period " + b.measurement().getPeriod()
                    + (b.measurement().getSource() == null ? "" : ", from " + b.measurement().getSource()) + ".");
            f.setImpact("The vendor did not deliver the service level the agreement commits to for "
                    + (systems.isEmpty() ? "its service" : String.join(", ", systems.stream().map(
                            ComputerizedSystem::getName).toList())) + "; assess the impact on GxP data and the"
                    + " vendor's qualification.");
            all.add(f);
            all.add(Records.link(CoreModelContribution.RELATES_TO, f, b.measurement()));
            all.add(Records.link(CoreModelContribution.RELATES_TO, f, a));
        }
        return all;
    }

    /** Raises (and saves) the findings of the breaches that have none yet; returns the new findings. */
    public static List<Finding> raise(RecordStore store, List<Breach> breaches, Instant now) {
        List<Record> all = findings(store, breaches, now);
        if (!all.isEmpty()) {
            store.save(all, null);
        }
        return all.stream().filter(Finding.class::isInstance).map(Finding.class::cast).toList();
    }

    private static Set<String> raisedReferences(RecordStore store) {
        Set<String> raised = new HashSet<>();
        store.scan(Query.of(QmsPackage.Literals.FINDING).where(QmsPackage.Literals.FINDING__REFERENCE, Query.Op.LIKE,
                PREFIX + "%"), List.of(QmsPackage.Literals.FINDING__REFERENCE), row -> raised.add((String) row[0]));
        return raised;
    }
}
