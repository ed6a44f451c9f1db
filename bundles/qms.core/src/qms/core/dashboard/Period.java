package qms.core.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The months a dashboard shows, from the first day of {@code first} to the last day of {@code last}, computed as of
 * {@code now} in the user's {@code zone}: what a management review names as "the period".
 */
public record Period(YearMonth first, YearMonth last, Instant now, ZoneId zone) {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    public Period {
        if (first == null || last == null || now == null || zone == null) {
            throw new IllegalArgumentException("A period needs its first and last month, a moment and a zone");
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("The period ends (" + MONTH.format(last) + ") before it starts ("
                    + MONTH.format(first) + ")");
        }
    }

    /** The {@code months} months up to and including the current one. */
    public static Period lastMonths(int months, Instant now, ZoneId zone) {
        if (months < 1) {
            throw new IllegalArgumentException("A period has at least one month, not " + months);
        }
        YearMonth current = YearMonth.from(now.atZone(zone));
        return new Period(current.minusMonths(months - 1L), current, now, zone);
    }

    /** The period's first day. */
    public LocalDate from() {
        return first.atDay(1);
    }

    /** The period's last day. */
    public LocalDate to() {
        return last.atEndOfMonth();
    }

    /** The day of {@code now} in the zone. */
    public LocalDate today() {
        return now.atZone(zone).toLocalDate();
    }

    /** Its months, oldest first. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The quarters its months fall in, oldest first, as "2026 Q3". */
    public List<String> quarters() {
        return months().stream().map(Period::quarter).distinct().toList();
    }

    /** A month's quarter as "2026 Q3". */
    public static String quarter(YearMonth month) {
        return month.getYear() + " Q" + ((month.getMonthValue() - 1) / 3 + 1);
    }

    /** A month as a chart labels it: "Mar 2026". */
    public static String label(YearMonth month) {
        return MONTH.format(month);
    }

    /** "Jan 2026 – Dec 2026" (one month: "Mar 2026"). */
    public String text() {
        return first.equals(last) ? label(first) : label(first) + " – " + label(last);
    }
}
