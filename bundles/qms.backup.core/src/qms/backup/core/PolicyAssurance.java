package qms.backup.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.backup.core.ComplianceRules.Reason;
import qms.backup.model.BackupFrequency;
import qms.backup.model.BackupPolicy;
import qms.core.BackupAssurance;
import qms.core.RecordStore;
import qms.model.ComputerizedSystem;

/**
 * Answers the core's {@link BackupAssurance} seam from this module's policies and their computed compliance, so that
 * another module (a vendor's agreement) can be checked against them without requiring this one. Days are UTC days,
 * as the headless tasks count them.
 */
@Component(service = BackupAssurance.class)
public final class PolicyAssurance implements BackupAssurance {

    @Override
    public Optional<Status> of(RecordStore store, ComputerizedSystem system, Instant asOf) {
        LocalDate to = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        BackupCompliance compliance = new BackupCompliance(store, ComplianceRules.DEFAULT_DUE_SOON_DAYS,
                ZoneOffset.UTC);
        return compliance.assess(system, to.minusDays(PERIOD_DAYS - 1L), to, asOf).map(s -> {
            BackupPolicy p = s.policy();
            Policy policy = new Policy(p.getName(), frequencyHours(p.getFrequency()), p.getRpoHours(), p
                    .getRtoHours(), p.getRestoreTestCadenceDays());
            ComplianceStatus status = s.assessment().status();
            return new Status(policy, status == ComplianceStatus.COMPLIANT, status.label(), s.assessment().reasons()
                    .stream().filter(r -> r.status() != ComplianceStatus.COMPLIANT).map(Reason::text).toList());
        });
    }

    /** Hours between the scheduled backups of a frequency (a month counted as 31 days: its longest). */
    static int frequencyHours(BackupFrequency f) {
        return switch (f) {
            case HOURLY -> 1;
            case DAILY -> 24;
            case WEEKLY -> 7 * 24;
            case MONTHLY -> 31 * 24;
        };
    }
}
