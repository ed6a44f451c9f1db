package qms.backup.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public Map<String, Status> of(RecordStore store, List<ComputerizedSystem> systems, Instant asOf) {
        LocalDate to = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        BackupCompliance compliance = new BackupCompliance(store, ComplianceRules.DEFAULT_DUE_SOON_DAYS,
                ZoneOffset.UTC);
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (BackupCompliance.SystemStatus s : compliance.assess(systems, to.minusDays(PERIOD_DAYS - 1L), to, asOf)) {
            BackupPolicy p = s.policy();
            Policy policy = new Policy(p.getName(), frequencyHours(p.getFrequency()), p.getRpoHours(), p
                    .getRtoHours(), p.getRestoreTestCadenceDays());
            ComplianceStatus status = s.assessment().status();
            statuses.put(s.system().getId(), new Status(policy, Level.valueOf(status.name()), status.label(), s
                    .assessment().reasons().stream().filter(r -> r.status() != ComplianceStatus.COMPLIANT).map(
                            Reason::text).toList()));
        }
        return statuses;
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
