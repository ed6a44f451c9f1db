package qms.vendor.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import qms.core.IncomingReference;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Vendor;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorAudit;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;
import qms.vendor.model.VendorSettings;

/** How the vendor module finds a vendor's records: its profile, the systems it hosts, its agreements and audits. */
public final class Vendors {

    private Vendors() {
    }

    /** The vendor's profile, if it has one (loaded in full). */
    public static Optional<VendorProfile> profile(RecordStore store, String vendorId) {
        return referring(store, vendorId, VendorProfile.class).stream().findFirst().map(p -> (VendorProfile) store
                .get(p.getId()));
    }

    /** The systems the vendor hosts (the core's hosting vendor), by name. */
    public static List<ComputerizedSystem> hosted(RecordStore store, String vendorId) {
        List<ComputerizedSystem> hosted = new ArrayList<>();
        for (IncomingReference r : store.incomingReferences(vendorId)) {
            if (r.source() instanceof ComputerizedSystem s && r.reference() == QmsPackage.Literals
                    .COMPUTERIZED_SYSTEM__HOSTING_VENDOR) {
                hosted.add(s);
            }
        }
        hosted.sort(Comparator.comparing(ComputerizedSystem::getName, Comparator.nullsLast(Comparator
                .naturalOrder())));
        return hosted;
    }

    /** The vendor's agreements, by reference, loaded in full. */
    public static List<ServiceAgreement> agreements(RecordStore store, String vendorId) {
        return referring(store, vendorId, ServiceAgreement.class).stream().map(a -> (ServiceAgreement) store.get(a
                .getId())).sorted(Comparator.comparing(ServiceAgreement::getReference)).toList();
    }

    /** The vendor's audits, by planned date. */
    public static List<VendorAudit> audits(RecordStore store, String vendorId) {
        return referring(store, vendorId, VendorAudit.class).stream().sorted(Comparator.comparing(
                VendorAudit::getPlannedOn, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** The agreement's KPIs, by name. */
    public static List<ServiceKpi> kpis(RecordStore store, String agreementId) {
        return referring(store, agreementId, ServiceKpi.class).stream().sorted(Comparator.comparing(
                ServiceKpi::getName)).toList();
    }

    /** The KPI's measurements, by period. */
    public static List<KpiMeasurement> measurements(RecordStore store, String kpiId) {
        return referring(store, kpiId, KpiMeasurement.class).stream().sorted(Comparator.comparing(
                KpiMeasurement::getPeriod)).toList();
    }

    /** The systems an agreement covers: those it names, or else every system its vendor hosts. */
    public static List<ComputerizedSystem> covered(RecordStore store, ServiceAgreement a) {
        if (!a.getSystems().isEmpty()) {
            return List.copyOf(a.getSystems());
        }
        return a.getVendor() == null ? List.of() : hosted(store, Records.id(a.getVendor()));
    }

    /** The module's settings (the first record), or the defaults when there is none. */
    public static VendorSettings settings(RecordStore store) {
        List<Record> all = store.list(Query.of(VendorPackage.Literals.VENDOR_SETTINGS).page(0, 1));
        return all.isEmpty() ? Records.newRecord(VendorPackage.Literals.VENDOR_SETTINGS) : (VendorSettings) all.get(0);
    }

    /** The vendor's name, as lists show it. */
    public static String name(Vendor v) {
        return v == null ? "(no vendor)" : Records.label(v);
    }

    /** The name of the profile's vendor, whether its vendor reference is loaded or only its id is. */
    public static String name(VendorProfile p) {
        return p.getVendorName() != null ? p.getVendorName() : name(p.getVendor());
    }

    private static <T extends Record> List<T> referring(RecordStore store, String id, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (IncomingReference r : store.incomingReferences(id)) {
            if (type.isInstance(r.source()) && r.containment().isEmpty() && !found.contains(r.source())) {
                found.add(type.cast(r.source()));
            }
        }
        return found;
    }
}
