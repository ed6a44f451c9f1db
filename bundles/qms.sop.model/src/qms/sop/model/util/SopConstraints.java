package qms.sop.model.util;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.sop.model.Incident;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;

/**
 * The bodies of the incident-response model's invariants, called through genmodel {@code body} annotations in
 * {@code sop.ecore} so that the generated code is never edited. Each diagnostic names the record and the field.
 */
public final class SopConstraints {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SopConstraints() {
    }

    /** An approved version's effective date is not before the day it was approved. */
    public static boolean hasSensibleDates(SopVersion v, DiagnosticChain diagnostics, Map<Object, Object> context) {
        if (v.getApprovedOn() == null || v.getEffectiveDate() == null || !v.getEffectiveDate().before(v
                .getApprovedOn())) {
            return true;
        }
        return fail(diagnostics, SopValidator.SOP_VERSION__HAS_SENSIBLE_DATES, v,
                SopPackage.Literals.SOP_VERSION__EFFECTIVE_DATE, "Effective date " + day(v.getEffectiveDate())
                        + " is before the day the version was approved, " + day(v.getApprovedOn()));
    }

    /** The organisation cannot become aware of an incident before it was detected. */
    public static boolean isAwareAfterDetected(Incident i, DiagnosticChain diagnostics, Map<Object, Object> context) {
        if (i.getAwareAt() == null || i.getDetectedAt() == null || !i.getAwareAt().before(i.getDetectedAt())) {
            return true;
        }
        return fail(diagnostics, SopValidator.INCIDENT__IS_AWARE_AFTER_DETECTED, i, SopPackage.Literals.INCIDENT__AWARE_AT,
                "Aware at " + MOMENT.format(i.getAwareAt().toInstant()) + " is before Detected at "
                        + MOMENT.format(i.getDetectedAt().toInstant()));
    }

    /** A waived regulatory clock needs the reason it does not apply. */
    public static boolean hasWaiverReason(Incident i, DiagnosticChain diagnostics, Map<Object, Object> context) {
        if (i.getWaivedClocks().isEmpty() || i.getWaiverReason() != null && !i.getWaiverReason().isBlank()) {
            return true;
        }
        return fail(diagnostics, SopValidator.INCIDENT__HAS_WAIVER_REASON, i, SopPackage.Literals.INCIDENT__WAIVER_REASON,
                "Waiver reason is required when a clock is waived");
    }

    /** An agreement is a sponsor's or a vendor's, not both and not neither. */
    public static boolean namesOneParty(NotificationAgreement a, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        if ((a.getSponsor() == null) != (a.getVendor() == null)) {
            return true;
        }
        return fail(diagnostics, SopValidator.NOTIFICATION_AGREEMENT__NAMES_ONE_PARTY, a,
                SopPackage.Literals.NOTIFICATION_AGREEMENT__SPONSOR, "Sponsor or Vendor: an agreement names one of"
                        + " them" + (a.getSponsor() != null ? ", not both" : ""));
    }

    private static String day(java.util.Date d) {
        return LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC).toString();
    }

    private static boolean fail(DiagnosticChain diagnostics, int code, EObject object, EStructuralFeature feature,
            String message) {
        if (diagnostics != null) {
            diagnostics.add(new BasicDiagnostic(Diagnostic.ERROR, SopValidator.DIAGNOSTIC_SOURCE, code, message,
                    new Object[] { object, feature }));
        }
        return false;
    }
}
