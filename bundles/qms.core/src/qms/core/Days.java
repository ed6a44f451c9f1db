package qms.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * Days and moments as the suite stores and shows them: calendar days are stored as midnight UTC (an effective date, a
 * review due date), moments as instants (when someone became aware of an incident) and shown in the viewer's zone.
 */
public final class Days {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Days() {
    }

    /** The calendar day as a date attribute holds it: midnight UTC. */
    public static Date day(LocalDate d) {
        return d == null ? null : Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The calendar day of a date attribute (its UTC day). */
    public static LocalDate dayOf(Date d) {
        return d == null ? null : LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }

    /** "2026-12-04", or "(none)". */
    public static String text(Date d) {
        return d == null ? "(none)" : dayOf(d).toString();
    }

    /** "2026-12-04 10:15 Europe/Berlin" in {@code zone}. */
    public static String moment(Instant at, ZoneId zone) {
        return at == null ? "" : MOMENT.withZone(zone).format(at) + " " + (zone.equals(ZoneOffset.UTC) ? "UTC"
                : zone.getId());
    }

    public static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    /** Whether the text is null or blank. */
    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
