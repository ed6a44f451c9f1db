package qms.backup.core;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.HeadlessTask;
import qms.core.RecordStore;
import qms.model.Finding;

/**
 * Raises the findings of Non-Compliant systems on a schedule (cron, a systemd timer):
 * {@code -task backup-findings [-days N] [-dryRun]}. The status is computed over the last N days (default 30) up to
 * today, as the Backup Compliance view computes it, and each Non-Compliant system without an open finding gets one.
 * Exits 0 when findings were raised, 3 when there was nothing to raise, 1 on an error. With {@code -dryRun} it lists
 * what would be raised and writes nothing.
 */
@Component(service = HeadlessTask.class)
public final class BackupFindingsTask implements HeadlessTask {

    /** The exit code when no system needed a finding. */
    public static final int NOTHING_TO_RAISE = 3;

    @Override
    public String name() {
        return "backup-findings";
    }

    @Override
    public String usage() {
        return "[-days <days back from today, default 30>] [-dryRun]";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        return execute(store, args, out) != 1;
    }

    @Override
    public int execute(RecordStore store, List<String> args, PrintStream out) {
        String daysArg = HeadlessTask.argument(args, "-days");
        int days;
        try {
            days = daysArg == null ? 30 : Integer.parseInt(daysArg.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-days " + daysArg + " is not a number of days");
        }
        if (days < 1) {
            throw new IllegalArgumentException("-days " + daysArg + ": at least 1");
        }
        ZoneId zone = ZoneId.systemDefault();
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<BackupCompliance.SystemStatus> statuses = new BackupCompliance(store,
                ComplianceRules.DEFAULT_DUE_SOON_DAYS, zone).assess(today.minusDays(days), today, now);
        List<FindingRaiser.Pending> pending = FindingRaiser.pending(store, statuses);
        if (pending.isEmpty()) {
            out.println("No finding to raise: " + statuses.size() + (statuses.size() == 1 ? " system" : " systems")
                    + ", each Non-Compliant one with an open finding already (" + today.minusDays(days) + " to "
                    + today + ")");
            return NOTHING_TO_RAISE;
        }
        if (args.contains("-dryRun")) {
            pending.forEach(p -> out.println("Would raise: " + p.title() + " (" + p.grade().getLiteral() + ", "
                    + p.reference() + ")"));
            return 0;
        }
        List<Finding> raised = FindingRaiser.raise(store, pending, now);
        raised.forEach(f -> out.println("Raised: " + f.getTitle() + " (" + f.getGrade().getLiteral() + ", "
                + f.getReference() + ")"));
        return raised.isEmpty() ? NOTHING_TO_RAISE : 0;
    }
}
