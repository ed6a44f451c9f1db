package qms.vendor.core;

import java.util.Collection;

import org.eclipse.emf.ecore.EClass;

import qms.core.ChangeRule;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Record;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/** The vendor module's rules on new records, checked by the store on every save. */
final class VendorRules {

    private VendorRules() {
    }

    /** A vendor has one profile: its qualification is one story, not two. */
    static final class OneProfile implements ChangeRule {

        @Override
        public EClass type() {
            return VendorPackage.Literals.VENDOR_PROFILE;
        }

        @Override
        public String whyNotNew(RecordStore store, Record created, Collection<? extends Record> batch) {
            VendorProfile p = (VendorProfile) created;
            String vendor = Records.id(p.getVendor());
            if (vendor == null) {
                return null; // the required vendor is reported by validation
            }
            boolean twice = batch.stream().anyMatch(r -> r != p && r instanceof VendorProfile o && vendor.equals(
                    Records.id(o.getVendor())));
            if (twice || Vendors.profile(store, vendor).isPresent()) {
                return Records.label(p.getVendor()) + " has a vendor profile already; open that one (a vendor has one"
                        + " profile)";
            }
            return null;
        }
    }

    /** A KPI has one measurement a period: a second is a correction of the first, made on its form with a reason. */
    static final class OneMeasurement implements ChangeRule {

        @Override
        public EClass type() {
            return VendorPackage.Literals.KPI_MEASUREMENT;
        }

        @Override
        public String whyNotNew(RecordStore store, Record created, Collection<? extends Record> batch) {
            KpiMeasurement m = (KpiMeasurement) created;
            String kpi = Records.id(m.getKpi());
            if (kpi == null || m.getPeriod() == null) {
                return null;
            }
            boolean twice = batch.stream().anyMatch(r -> r != m && r instanceof KpiMeasurement o && kpi.equals(Records
                    .id(o.getKpi())) && m.getPeriod().equals(o.getPeriod())) || Vendors.measurements(store, kpi)
                            .stream().anyMatch(o -> m.getPeriod().equals(o.getPeriod()));
            return twice ? Records.label(m.getKpi()) + " has a measurement for " + m.getPeriod() + " already; correct"
                    + " that one instead of adding another" : null;
        }
    }
}
