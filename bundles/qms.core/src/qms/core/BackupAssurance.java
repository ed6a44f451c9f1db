package qms.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import qms.model.ComputerizedSystem;

/**
 * What a system's backups are required to do and whether they did: the seam through which a module that keeps
 * backup policies and their log answers another that checks vendors' commitments against them, neither requiring
 * the other. Without such a module installed nobody answers, and there is nothing to check against.
 */
public interface BackupAssurance {

    /**
     * The system's backup policy as the installation requires it.
     *
     * @param frequencyHours         hours between scheduled backups (24: daily)
     * @param restoreTestCadenceDays a successful restoration test is required at least every this many days
     */
    record Policy(String name, int frequencyHours, int rpoHours, int rtoHours, int restoreTestCadenceDays) {

        /** Restoration tests a year the cadence asks for: 4 for 90 days, 12 for 30, at least 1. */
        public int restoreTestsPerYear() {
            return Math.max(1, 365 / restoreTestCadenceDays);
        }
    }

    /** How well the backups met the policy, best first. */
    enum Level {
        COMPLIANT, AT_RISK, NON_COMPLIANT
    }

    /**
     * A system's policy and its measured compliance over the recent days.
     *
     * @param status  the level as its module names it ("Compliant", "At Risk", "Non-Compliant")
     * @param reasons why it is not compliant, one sentence each (empty when compliant)
     */
    record Status(Policy policy, Level level, String status, List<String> reasons) {

        public Status {
            reasons = List.copyOf(reasons);
        }

        public boolean compliant() {
            return level == Level.COMPLIANT;
        }
    }

    /** Days back from {@code asOf} over which the compliance is measured. */
    int PERIOD_DAYS = 30;

    /**
     * The systems' policies and compliance over the {@link #PERIOD_DAYS} days to {@code asOf}, by system id, read
     * together; a system without a policy is not in it.
     */
    Map<String, Status> of(RecordStore store, List<ComputerizedSystem> systems, Instant asOf);

    /** The installed answer, if a module gives one. */
    static Optional<BackupAssurance> installed() {
        return Services.all(BackupAssurance.class).stream().findFirst();
    }
}
