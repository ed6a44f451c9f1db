package qms.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Backups of the suite's own database (21 CFR 11.10(c), EU Annex 11 §7.2): an online backup into a folder, each
 * one restore-tested at once — restored into a temporary folder, opened like the suite opens its data, its record
 * counts and audit-chain head compared with what was captured at backup time and its whole hash chain verified.
 * Backups, restore tests and removals are recorded in the audit trail ({@link AuditAction#BACKUP}). A backup of
 * an encrypted database is encrypted with the same key; the key file is not part of the backup.
 */
public interface StoreBackups {

    /** What started a backup. */
    enum Trigger {
        /** The daily schedule: any signed-in session runs it. */
        SCHEDULED,
        /** A user asked for it: administrators only. */
        ON_DEMAND
    }

    /**
     * What a backup holds, as captured (under the store's write lock) when it was made.
     *
     * @param directory      the backup's folder
     * @param createdAt      when it was made
     * @param storeId        the id of the store it was made from (names the key file)
     * @param counts         records per type name ({@code nsPrefix:Class})
     * @param auditSequence  the number of the last audit entry it contains
     * @param auditHeadHash  that entry's hash
     */
    record BackupInfo(Path directory, Instant createdAt, String storeId, Map<String, Long> counts,
            long auditSequence, String auditHeadHash) {

        public long records() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The result of restoring a backup and checking it.
     *
     * @param backup   the backup tested
     * @param passed   whether it restored, opened and matched in every respect
     * @param problems what did not (empty when passed)
     * @param records  records found in the restored copy
     * @param entries  audit entries whose chain was verified in the restored copy
     * @param took     how long restoring and checking took
     */
    record RestoreTest(Path backup, boolean passed, List<String> problems, long records, long entries,
            Duration took) {

        public String describe() {
            String name = backup.getFileName().toString();
            return passed ? "Restore test of " + name + " PASSED: restored and opened in " + seconds(took) + ", "
                    + records + " records match the counts taken at backup time, the audit chain of " + entries
                    + " entries is intact and holds the head hash recorded at backup time"
                    : "Restore test of " + name + " FAILED: " + String.join("; ", problems);
        }

        private static String seconds(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }

    /** A backup, its restore test, and the old backups removed because of the retention count. */
    record BackupReport(BackupInfo backup, RestoreTest test, List<Path> removed, Duration took) {
    }

    /** The folder backups go to when the settings name none: {@code <data folder>-backups} beside the data. */
    Path defaultFolder();

    /**
     * Backs the database up into a new folder under {@code folder}, restore-tests it, and — only if the test
     * passed — removes the oldest backups beyond {@code retention}. Each step is audited.
     *
     * @throws AccessDeniedException if an on-demand backup is asked for by someone who is not an administrator
     * @throws StoreException        if the backup could not be written (audited as a failed backup; nothing is left)
     */
    BackupReport backUp(Path folder, int retention, Trigger trigger);

    /** Restores the backup into a temporary folder, opens and checks it, records the result, cleans up. */
    RestoreTest restoreTest(Path backup);

    /** The backups in a folder, newest first (folders without a readable manifest are left out). */
    List<BackupInfo> list(Path folder);
}
