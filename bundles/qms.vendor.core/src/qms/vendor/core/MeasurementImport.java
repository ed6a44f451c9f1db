package qms.vendor.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Finding;
import qms.model.Record;
import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.util.Periods;
import qms.vendor.model.util.VendorConstraints;

/**
 * Imports KPI measurements from a CSV file (Commons CSV; a header row, comma-separated, UTF-8):
 *
 * <pre>
 * agreement,kpi,period,downtime_minutes,value,notes
 * MSA-2024-017,Availability,2026-07,12,,patch window overran
 * MSA-2024-017,Support response,2026-Q3,,3.5,
 * </pre>
 *
 * {@code agreement} is an agreement's reference, {@code kpi} the name of one of its KPIs, {@code period} a month or
 * quarter as the KPI is measured; availability takes {@code downtime_minutes}, every other KPI {@code value};
 * {@code notes} may be left out. Every row is checked before anything is stored: if any is wrong, the import is
 * refused naming each wrong row by line and column, and nothing is stored. A row the store holds already with the
 * same figures is skipped (importing a file twice adds nothing); one with other figures is refused (correct the
 * stored measurement on its form, with a reason). The measurements and the findings their breaches raise are saved in
 * one transaction.
 */
public final class MeasurementImport {

    static final String AGREEMENT = "agreement";
    static final String KPI = "kpi";
    static final String PERIOD = "period";
    static final String DOWNTIME = "downtime_minutes";
    static final String VALUE = "value";
    static final String NOTES = "notes";
    /** Wrong rows named in one refusal at most; the rest are counted. */
    private static final int MAX_PROBLEMS = 20;

    /** What an import did. */
    public record Result(int imported, int skipped, List<BreachFindings.Breach> breaches, List<Finding> raised) {
    }

    /** Refused: the file, and each wrong row by line and column. Nothing was stored. */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        RefusedException(String source, List<String> problems, int more) {
            super(source + ": " + (problems.size() + more == 1 ? "a row is" : problems.size() + more + " rows are")
                    + " wrong; nothing was imported.\n" + String.join("\n", problems) + (more > 0 ? "\n… and "
                            + more + " more" : ""));
            this.problems = List.copyOf(problems);
        }

        /** "line 4, column 'period': …", one a wrong row. */
        public List<String> problems() {
            return problems;
        }
    }

    private final RecordStore store;

    public MeasurementImport(RecordStore store) {
        this.store = store;
    }

    /** Imports the file; see the class comment. */
    public Result importFile(Path file, Instant now) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importFrom(in, file.getFileName().toString(), now);
        } catch (IOException e) {
            throw new RefusedException(file.toString(), List.of("cannot be read: " + e.getMessage()), 0);
        }
    }

    /** Imports CSV text; {@code source} names it in messages and in each measurement's source. */
    public Result importFrom(Reader in, String source, Instant now) throws IOException {
        Map<String, ServiceAgreement> agreements = new HashMap<>();
        for (Record r : store.list(Query.of(VendorPackage.Literals.SERVICE_AGREEMENT))) {
            agreements.putIfAbsent(key(((ServiceAgreement) r).getReference()), (ServiceAgreement) r);
        }
        Map<String, Map<String, ServiceKpi>> kpis = new HashMap<>();
        Map<String, Map<String, KpiMeasurement>> stored = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int more = 0;
        List<KpiMeasurement> created = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        int skipped = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(false).setIgnoreHeaderCase(true).get();
        try (CSVParser csv = CSVParser.parse(in, format)) {
            List<String> missing = new ArrayList<>();
            for (String c : List.of(AGREEMENT, KPI, PERIOD, DOWNTIME, VALUE)) {
                if (!csv.getHeaderMap().containsKey(c)) { // a map that ignores the header's case
                    missing.add("'" + c + "'");
                }
            }
            if (!missing.isEmpty()) {
                throw new RefusedException(source, List.of("line 1: the header has no column " + String.join(", ",
                        missing) + " (expected: " + String.join(",", AGREEMENT, KPI, PERIOD, DOWNTIME, VALUE, NOTES)
                        + ")"), 0);
            }
            boolean notes = csv.getHeaderMap().containsKey(NOTES);
            for (CSVRecord row : csv) {
                long line = row.getRecordNumber() + 1; // the header is line 1; empty lines are records, so counted
                if (row.stream().allMatch(c -> c == null || c.isBlank())) {
                    continue;
                }
                List<String> wrong = new ArrayList<>();
                KpiMeasurement m = row(row, line, notes, agreements, kpis, wrong);
                if (m != null) {
                    m.setSource(source + ", line " + line);
                }
                if (m != null) {
                    String key = Records.id(m.getKpi()) + "@" + m.getPeriod();
                    Long first = seen.putIfAbsent(key, line);
                    KpiMeasurement before = stored.computeIfAbsent(Records.id(m.getKpi()), k -> byPeriod(k)).get(m
                            .getPeriod());
                    if (first != null) {
                        wrong.add(at(line, PERIOD, m.getKpi().getName() + " " + m.getPeriod() + " is on line " + first
                                + " already"));
                    } else if (before != null && same(before, m)) {
                        skipped++;
                        continue;
                    } else if (before != null) {
                        wrong.add(at(line, before.getDowntimeMinutes() != null ? DOWNTIME : VALUE, m.getKpi().getName()
                                + " " + m.getPeriod() + " is stored already with other figures (" + figures(before)
                                + "); correct it on its form, with a reason"));
                    }
                }
                if (!wrong.isEmpty()) {
                    for (String w : wrong) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add(w);
                        } else {
                            more++;
                        }
                    }
                } else {
                    created.add(m);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new RefusedException(source, List.of("is not a CSV file as expected: " + e.getMessage()), 0);
        }
        if (!problems.isEmpty()) {
            throw new RefusedException(source, problems, more);
        }
        List<BreachFindings.Breach> breaches = new ArrayList<>();
        for (KpiMeasurement m : created) {
            KpiCompliance.evaluate(m.getKpi(), m).filter(r -> !r.met()).ifPresent(r -> breaches.add(
                    new BreachFindings.Breach(m, m.getKpi(), r)));
        }
        List<Record> all = new ArrayList<>(created);
        List<Record> findings = BreachFindings.findings(store, breaches, now);
        all.addAll(findings);
        if (!created.isEmpty()) {
            store.save(all, null);
        }
        return new Result(created.size(), skipped, breaches, findings.stream().filter(Finding.class::isInstance).map(
                Finding.class::cast).toList());
    }

    /** The measurement of a row, or null with what is wrong added to {@code wrong}. */
    private KpiMeasurement row(CSVRecord row, long line, boolean hasNotes, Map<String, ServiceAgreement> agreements,
            Map<String, Map<String, ServiceKpi>> kpis, List<String> wrong) {
        String ref = cell(row, AGREEMENT);
        ServiceAgreement a = ref == null ? null : agreements.get(key(ref));
        if (a == null) {
            wrong.add(at(line, AGREEMENT, ref == null ? "is empty" : "there is no agreement with the reference '" + ref
                    + "'"));
            return null;
        }
        String name = cell(row, KPI);
        ServiceKpi kpi = name == null ? null : kpis.computeIfAbsent(a.getId(), id -> {
            Map<String, ServiceKpi> byName = new HashMap<>();
            Vendors.kpis(store, id).forEach(k -> byName.putIfAbsent(key(k.getName()), (ServiceKpi) store.get(k
                    .getId())));
            return byName;
        }).get(key(name));
        if (kpi == null) {
            wrong.add(at(line, KPI, name == null ? "is empty" : a.getReference() + " has no KPI named '" + name
                    + "'"));
            return null;
        }
        KpiMeasurement m = Records.newRecord(VendorPackage.Literals.KPI_MEASUREMENT);
        m.setKpi(kpi);
        String period = cell(row, PERIOD);
        if (period == null || Periods.parse(period, kpi.getPeriod()).isEmpty()) {
            wrong.add(at(line, PERIOD, (period == null ? "is empty" : "'" + period + "' is not " + Periods.example(kpi
                    .getPeriod())) + " (" + kpi.getName() + " is measured by " + kpi.getPeriod().getLiteral()
                            .toLowerCase(Locale.ROOT) + ")"));
        } else {
            m.setPeriod(period.strip());
        }
        String down = cell(row, DOWNTIME);
        String value = cell(row, VALUE);
        if (kpi.getKind() == KpiKind.AVAILABILITY) {
            if (value != null) {
                wrong.add(at(line, VALUE, "is not given for availability; give downtime_minutes"));
            }
            if (down == null) {
                wrong.add(at(line, DOWNTIME, "is empty; availability is computed from it (0 if never down)"));
            } else {
                try {
                    int minutes = Integer.parseInt(down);
                    long length = m.getPeriod() == null ? Long.MAX_VALUE : Periods.parse(m.getPeriod(), kpi
                            .getPeriod()).get().minutes();
                    if (minutes < 0 || minutes > length) {
                        wrong.add(at(line, DOWNTIME, minutes + " is not between 0 and the period's " + length
                                + " minutes"));
                    }
                    m.setDowntimeMinutes(minutes);
                } catch (NumberFormatException e) {
                    wrong.add(at(line, DOWNTIME, "'" + down + "' is not a whole number of minutes"));
                }
            }
        } else {
            if (down != null) {
                wrong.add(at(line, DOWNTIME, "is only for availability; " + kpi.getName() + " takes a value"));
            }
            if (value == null) {
                wrong.add(at(line, VALUE, "is empty; " + kpi.getName() + " needs a value"));
            } else {
                try {
                    double v = Double.parseDouble(value);
                    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)
                            || VendorConstraints.percentage(kpi.getKind()) && v > 100) {
                        wrong.add(at(line, VALUE, value + " is not a measurement of " + kpi.getKind().getLiteral()));
                    }
                    m.setValue(v);
                } catch (NumberFormatException e) {
                    wrong.add(at(line, VALUE, "'" + value + "' is not a number (a decimal point, no unit)"));
                }
            }
        }
        m.setNotes(hasNotes ? cell(row, NOTES) : null);
        return wrong.isEmpty() ? m : null;
    }

    private Map<String, KpiMeasurement> byPeriod(String kpiId) {
        Map<String, KpiMeasurement> byPeriod = new HashMap<>();
        Vendors.measurements(store, kpiId).forEach(m -> byPeriod.put(m.getPeriod(), m));
        return byPeriod;
    }

    private static boolean same(KpiMeasurement a, KpiMeasurement b) {
        return Objects.equals(a.getDowntimeMinutes(), b.getDowntimeMinutes()) && Objects.equals(a.getValue(), b
                .getValue());
    }

    private static String figures(KpiMeasurement m) {
        return m.getDowntimeMinutes() != null ? m.getDowntimeMinutes() + " min down" : "value " + m.getValue();
    }

    private static String cell(CSVRecord row, String column) {
        String v = row.isMapped(column) && row.isSet(column) ? row.get(column) : null; // header case is ignored
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String at(long line, String column, String problem) {
        return "line " + line + ", column '" + column + "': " + problem;
    }

    private static String key(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
