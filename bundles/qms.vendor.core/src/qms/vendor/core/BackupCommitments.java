package qms.vendor.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import qms.core.BackupAssurance;
import qms.core.RecordFlags.Flag;
import qms.core.RecordFlags.Severity;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.vendor.model.ServiceAgreement;

/**
 * An agreement's backup commitments checked against the backup policies of the systems it covers and their measured
 * compliance — where a module answers the core's {@link BackupAssurance} (the backup module); without one there is
 * nothing to check against and nothing is said. The policy is what the installation requires, so the agreement must
 * commit to at least as much: an RPO, an RTO and a backup interval no longer than the policy's, and at least as many
 * restoration tests a year as its cadence asks for. Backups of a covered system that were not compliant over the
 * last {@value BackupAssurance#PERIOD_DAYS} days are a problem of the service delivered.
 */
public final class BackupCommitments {

    private BackupCommitments() {
    }

    /** What the agreement commits to less than the covered systems' policies require, and how they did. */
    public static List<Flag> check(RecordStore store, ServiceAgreement a, Instant asOf) {
        Optional<BackupAssurance> assurance = BackupAssurance.installed();
        List<Flag> flags = new ArrayList<>();
        if (assurance.isEmpty()) {
            return flags;
        }
        List<ComputerizedSystem> systems = Vendors.covered(store, a).stream().map(c -> (ComputerizedSystem) store.get(
                Records.id(c))).filter(java.util.Objects::nonNull).toList();
        Map<String, BackupAssurance.Status> statuses = assurance.get().of(store, systems, asOf); // one read for all
        for (ComputerizedSystem s : systems) {
            BackupAssurance.Status status = statuses.get(s.getId());
            if (status == null) {
                continue; // no policy
            }
            BackupAssurance.Policy p = status.policy();
            String of = s.getName() + "'s backup policy '" + p.name() + "' requires ";
            longer(a, "an RPO", a.getRpoHours(), p.rpoHours(), of).ifPresent(flags::add);
            longer(a, "an RTO", a.getRtoHours(), p.rtoHours(), of).ifPresent(flags::add);
            longer(a, "a backup interval", a.getBackupFrequencyHours(), p.frequencyHours(), of).ifPresent(
                    flags::add);
            Integer tests = a.getRestoreTestsPerYear();
            if (tests == null || tests < p.restoreTestsPerYear()) {
                flags.add(new Flag(Severity.WARNING, "Agreement " + a.getReference() + (tests == null
                        ? " commits to no restoration tests" : " commits to " + tests + " restoration test"
                                + (tests == 1 ? "" : "s") + " a year") + " where " + of + p.restoreTestsPerYear()
                        + " (one every " + p.restoreTestCadenceDays() + " days)"));
            }
            if (!status.compliant()) {
                flags.add(new Flag(status.level() == BackupAssurance.Level.AT_RISK ? Severity.WARNING
                        : Severity.PROBLEM, "Backups of " + s.getName() + ", which " + a.getReference() + " covers, were "
                                + status.status() + " over the last " + BackupAssurance.PERIOD_DAYS + " days" + (status
                                        .reasons().isEmpty() ? "" : ": " + String.join("; ", status.reasons()))));
            }
        }
        return flags;
    }

    /** A commitment in hours ("an RPO") that is missing or longer than the policy's. */
    private static Optional<Flag> longer(ServiceAgreement a, String what, Integer committed, int required,
            String of) {
        if (committed != null && committed <= required) {
            return Optional.empty();
        }
        return Optional.of(new Flag(Severity.WARNING, "Agreement " + a.getReference() + (committed == null
                ? " states no " + what.substring(what.indexOf(' ') + 1) : " allows " + what + " of " + committed
                        + " h") + " where " + of + "at most " + required + " h"));
    }
}
