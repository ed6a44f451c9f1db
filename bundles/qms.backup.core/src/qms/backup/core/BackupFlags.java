package qms.backup.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import qms.core.RecordFlags;
import qms.core.RecordStore;
import qms.model.ComputerizedSystem;
import qms.model.Record;

/**
 * A computerized system's backup status on its form, as the Backup Compliance view computes it for the last 30 days:
 * Compliant (with the next restoration test's due date), At Risk or Non-Compliant with the reasons, and a link to
 * the view.
 */
@Component(service = RecordFlags.class)
public final class BackupFlags implements RecordFlags {

    /** The Backup Compliance view (qms.backup.ui), which the flag links to. */
    public static final String COMPLIANCE_VIEW = "qms.backup.ui.compliance";
    static final int DAYS = 30;

    @Override
    public List<Flag> flags(RecordStore store, Record record) {
        if (!(record instanceof ComputerizedSystem system) || system.getId() == null) {
            return List.of();
        }
        ZoneId zone = ZoneId.systemDefault();
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<BackupCompliance.SystemStatus> statuses = new BackupCompliance(store,
                ComplianceRules.DEFAULT_DUE_SOON_DAYS, zone).assess(List.of(system), today.minusDays(DAYS), today, now);
        String prefix = "Backups over the last " + DAYS + " days: ";
        if (statuses.isEmpty()) {
            return List.of(new Flag(Severity.PROBLEM, prefix + ComplianceStatus.NON_COMPLIANT.label()
                    + " \u2014 no active backup policy for this system", COMPLIANCE_VIEW, "Backup Compliance"));
        }
        ComplianceRules.Assessment a = statuses.get(0).assessment();
        String text = switch (a.status()) {
            case COMPLIANT -> prefix + a.status().label() + (a.nextRestoreTestDue() == null ? ""
                    : "; next restoration test due " + a.nextRestoreTestDue());
            default -> prefix + a.status().label() + " \u2014 " + a.reasons().stream().map(
                    ComplianceRules.Reason::text).collect(Collectors.joining("; "));
        };
        Severity severity = switch (a.status()) {
            case COMPLIANT -> Severity.INFO;
            case AT_RISK -> Severity.WARNING;
            case NON_COMPLIANT -> Severity.PROBLEM;
        };
        return List.of(new Flag(severity, text, COMPLIANCE_VIEW, "Backup Compliance"));
    }
}
