package qms.vendor.model.util;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import qms.vendor.model.KpiPeriod;

/**
 * The periods a KPI is measured over, written as a month ({@code 2026-07}) or a quarter ({@code 2026-Q3}): their
 * first day, the day after their last, and their real length in minutes (a February has fewer than a July; days are
 * UTC days, so every day has 1,440 minutes).
 */
public final class Periods {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private Periods() {
    }

    /** A period: its first day and the first day after it. */
    public record Span(LocalDate start, LocalDate end) {

        /** Its real length in minutes. */
        public long minutes() {
            return ChronoUnit.DAYS.between(start, end) * 24 * 60;
        }
    }

    /** The span of {@code text} as a period of the given kind, or empty if it is not written as one. */
    public static Optional<Span> parse(String text, KpiPeriod kind) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = (kind == KpiPeriod.QUARTER ? QUARTER : MONTH).matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        LocalDate start = kind == KpiPeriod.QUARTER ? LocalDate.of(year, 3 * n - 2, 1) : LocalDate.of(year, n, 1);
        return Optional.of(new Span(start, start.plusMonths(kind == KpiPeriod.QUARTER ? 3 : 1)));
    }

    /** How a period of the kind is written, as an error message shows it: "a month such as 2026-07". */
    public static String example(KpiPeriod kind) {
        return kind == KpiPeriod.QUARTER ? "a quarter such as 2026-Q3" : "a month such as 2026-07";
    }

    /** The period of the kind that contains the day. */
    public static String of(LocalDate day, KpiPeriod kind) {
        return kind == KpiPeriod.QUARTER ? day.getYear() + "-Q" + ((day.getMonthValue() + 2) / 3)
                : YearMonth.from(day).toString();
    }
}
