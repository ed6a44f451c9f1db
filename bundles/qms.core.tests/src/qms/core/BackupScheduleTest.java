package qms.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** When the daily backup of the suite's own database runs, including catching up a missed one. */
class BackupScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void runsAtTheTimeOfDayTodayOrTomorrow() {
        Instant recent = Instant.parse("2026-11-23T00:30:00Z");
        // 09:00 UTC = 10:00 in Berlin (winter time): 02:00 has passed, so tomorrow 02:00 = 01:00 UTC
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"),
                BackupSchedule.next(Instant.parse("2026-11-23T09:00:00Z"), BERLIN, "02:00", recent));
        // 00:15 UTC = 01:15 in Berlin: today 02:00
        assertEquals(Instant.parse("2026-11-23T01:00:00Z"),
                BackupSchedule.next(Instant.parse("2026-11-23T00:15:00Z"), BERLIN, "02:00",
                        Instant.parse("2026-11-22T01:00:00Z")));
        // exactly at the time: the next day (the one due now has just run)
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"),
                BackupSchedule.next(Instant.parse("2026-11-23T01:00:00Z"), BERLIN, "02:00",
                        Instant.parse("2026-11-23T01:00:00Z")));
    }

    @Test
    void catchesUpAMissedBackupShortlyAfterStartButNotWhenOneIsDueSooner() {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        assertEquals(now.plus(BackupSchedule.CATCH_UP_DELAY), BackupSchedule.next(now, BERLIN, "02:00", null),
                "no backup yet");
        assertEquals(now.plus(BackupSchedule.CATCH_UP_DELAY), BackupSchedule.next(now, BERLIN, "02:00",
                now.minus(BackupSchedule.OVERDUE).minusSeconds(1)), "older than a day and an hour");
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"), BackupSchedule.next(now, BERLIN, "02:00",
                now.minus(BackupSchedule.OVERDUE)), "exactly at the limit is not overdue");
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), BackupSchedule.next(Instant.parse(
                "2026-11-23T08:59:30Z"), ZoneId.of("UTC"), "09:00", null),
                "the daily backup is due before a catch-up would be");
    }
}
