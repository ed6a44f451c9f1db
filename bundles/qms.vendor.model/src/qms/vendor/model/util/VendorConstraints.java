package qms.vendor.model.util;

import java.util.Map;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorPackage;

/**
 * The bodies of the vendor model's invariants, called through genmodel {@code body} annotations in
 * {@code vendor.ecore} so that the generated code is never edited. Each diagnostic names the field.
 */
public final class VendorConstraints {

    private VendorConstraints() {
    }

    /**
     * A measurement's period is written as its KPI is measured (a month or a quarter); availability is given as
     * downtime minutes (from 0 to the period's length), any other KPI as a value (not negative), never both.
     */
    public static boolean isWellFormed(KpiMeasurement m, DiagnosticChain diagnostics, Map<Object, Object> context) {
        ServiceKpi kpi = m.getKpi();
        if (kpi == null || kpi.eIsProxy() || !kpi.isSetKind()) {
            return true; // the required KPI is reported by the generic check
        }
        boolean ok = true;
        var span = Periods.parse(m.getPeriod(), kpi.getPeriod());
        if (m.getPeriod() != null && span.isEmpty()) {
            ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__PERIOD, "Period '" + m.getPeriod()
                    + "' is not " + Periods.example(kpi.getPeriod()) + " (" + kpi.getName() + " is measured by "
                    + kpi.getPeriod().getLiteral().toLowerCase() + ")");
        }
        if (kpi.getKind() == KpiKind.AVAILABILITY) {
            if (m.getValue() != null) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__VALUE, "Value is not given for "
                        + "availability: give Downtime minutes, availability is computed from them");
            }
            if (m.getDowntimeMinutes() == null) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__DOWNTIME_MINUTES,
                        "Downtime minutes is required for availability (0 when the service was never down)");
            } else if (m.getDowntimeMinutes() < 0 || span.isPresent() && m.getDowntimeMinutes() > span.get()
                    .minutes()) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__DOWNTIME_MINUTES, "Downtime minutes "
                        + m.getDowntimeMinutes() + " is not between 0 and the period's "
                        + span.map(s -> String.valueOf(s.minutes())).orElse("length in") + " minutes");
            }
        } else {
            if (m.getDowntimeMinutes() != null) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__DOWNTIME_MINUTES,
                        "Downtime minutes is only for availability; " + kpi.getName() + " takes a Value");
            }
            if (m.getValue() == null) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__VALUE, "Value is required for "
                        + kpi.getName());
            } else if (m.getValue() < 0 || m.getValue().isNaN() || m.getValue().isInfinite()) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__VALUE, "Value " + m.getValue()
                        + " is not a measurement (negative or not a number)");
            } else if (percentage(kpi.getKind()) && m.getValue() > 100) {
                ok = fail(diagnostics, m, VendorPackage.Literals.KPI_MEASUREMENT__VALUE, "Value " + m.getValue()
                        + " is more than 100 %");
            }
        }
        return ok;
    }

    /** Whether the KPI's values are percentages. */
    public static boolean percentage(KpiKind kind) {
        return kind == KpiKind.AVAILABILITY || kind == KpiKind.BACKUP_SUCCESS;
    }

    private static boolean fail(DiagnosticChain diagnostics, KpiMeasurement m, EStructuralFeature feature,
            String message) {
        if (diagnostics != null) {
            diagnostics.add(new BasicDiagnostic(Diagnostic.ERROR, VendorValidator.DIAGNOSTIC_SOURCE,
                    VendorValidator.KPI_MEASUREMENT__IS_WELL_FORMED, message, new Object[] { m, feature }));
        }
        return false;
    }
}
