package qms.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the next scheduled backup of the suite's own database is due: daily at a time of day (local time); sooner,
 * a catch-up shortly after start, when the newest backup is older than a day and a bit (the suite was not running
 * at the backup time) or there is none.
 */
public final class BackupSchedule {

    /** How long after start a catch-up backup runs: enough for the workbench to settle. */
    public static final Duration CATCH_UP_DELAY = Duration.ofMinutes(1);
    /** A backup older than this is overdue. */
    public static final Duration OVERDUE = Duration.ofHours(25);

    private BackupSchedule() {
    }

    /**
     * @param now        the current instant
     * @param zone       the local time zone the time of day is in
     * @param timeOfDay  "HH:mm"
     * @param lastBackup the newest backup's time, or null if there is none
     * @return when the next backup should run (never before {@code now})
     */
    public static Instant next(Instant now, ZoneId zone, String timeOfDay, Instant lastBackup) {
        LocalTime at = LocalTime.parse(timeOfDay);
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        Instant daily = day.atTime(at).atZone(zone).toInstant();
        if (!daily.isAfter(now)) {
            daily = day.plusDays(1).atTime(at).atZone(zone).toInstant();
        }
        if (lastBackup == null || Duration.between(lastBackup, now).compareTo(OVERDUE) > 0) {
            Instant catchUp = now.plus(CATCH_UP_DELAY);
            return catchUp.isBefore(daily) ? catchUp : daily;
        }
        return daily;
    }
}
