package qms.backup.core;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.LogSource;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * Imports a backup log kept as CSV (RFC 4180, UTF-8, a header row), the columns of the compliance log plus optional
 * ones, in any order, names case-insensitive:
 * <ul>
 * <li>{@code Date} (required): {@code 2026-11-23} (the backup ran that day; noon in the given time zone is recorded)
 * or a date and time with offset, {@code 2026-11-23T02:00:00Z};</li>
 * <li>{@code System} (required): the computerized system's name;</li>
 * <li>{@code Backup Completed} (required): Yes or No;</li>
 * <li>{@code Restoration Tested} (optional): No, or Yes / Passed / Failed / Partial (Yes means passed) — a
 * restoration test is recorded for that system and day;</li>
 * <li>{@code Status} (optional): ignored — the suite computes it;</li>
 * <li>{@code Snapshot Id}, {@code Size Bytes}, {@code Duration Seconds}, {@code Notes} (optional).</li>
 * </ul>
 * All or nothing, like the tools' importers: any problem names the file, line and column and stores nothing;
 * importing the same file again adds nothing (a row's snapshot id — by default {@code csv:<system>:<date>} — and a
 * system's restoration test on a day are recorded once).
 */
public final class CsvLogImporter {

    private static final String DATE = "date";
    private static final String SYSTEM = "system";
    private static final String COMPLETED = "backup completed";
    private static final String TESTED = "restoration tested";

    private final RecordStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final long maxBytes;

    public CsvLogImporter(RecordStore store, Clock clock, ZoneId zone, long maxBytes) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.maxBytes = maxBytes;
    }

    public BackupImporter.Result importFile(Path file) {
        List<Record> created = new ArrayList<>();
        List<BackupLogEntry> entries = new ArrayList<>();
        int read = 0;
        int already = 0;
        Map<String, ComputerizedSystem> systems = new HashMap<>();
        for (Record r : store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM))) {
            ComputerizedSystem s = (ComputerizedSystem) r;
            systems.put(s.getName().strip().toLowerCase(Locale.ROOT), s);
        }
        Set<String> knownIds = new HashSet<>();
        store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY).where(BackupPackage.Literals
                .BACKUP_LOG_ENTRY__SOURCE, LogSource.IMPORTED)).forEach(r -> knownIds.add(((BackupLogEntry) r)
                        .getSnapshotId()));
        Set<String> knownTests = new HashSet<>();
        store.list(Query.of(BackupPackage.Literals.RESTORATION_TEST)).forEach(r -> {
            RestorationTest t = (RestorationTest) r;
            knownTests.add(Records.id(t.getSystem()) + "@" + t.getTestedAt().toInstant().atZone(zone).toLocalDate());
        });
        Instant latest = clock.instant().plus(BackupImporter.CLOCK_SKEW);
        try (CSVParser csv = parser(file)) {
            Map<String, String> columns = columns(file, csv);
            for (CSVRecord row : csv) {
                long line = row.getRecordNumber() + 1;
                read++;
                Instant at = date(file, line, columns, row);
                if (at.isAfter(latest)) {
                    throw new ImportException(file, line, columns.get(DATE), "the date " + at + " is in the future");
                }
                String name = value(row, columns.get(SYSTEM));
                ComputerizedSystem system = systems.get(name.strip().toLowerCase(Locale.ROOT));
                if (system == null) {
                    throw new ImportException(file, line, columns.get(SYSTEM), "there is no computerized system"
                            + " named '" + name + "'");
                }
                boolean completed = yesNo(file, line, columns.get(COMPLETED), value(row, columns.get(COMPLETED)));
                LocalDate day = at.atZone(zone).toLocalDate();
                String id = optional(row, columns.get("snapshot id"));
                String snapshot = id == null ? "csv:" + system.getName() + ":" + day : id;
                if (knownIds.add(snapshot)) {
                    BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
                    e.setSystem(system);
                    e.setStartedAt(Date.from(at));
                    e.setSnapshotId(snapshot);
                    e.setCompleted(completed);
                    e.setSizeBytes(number(file, line, columns.get("size bytes"), row));
                    e.setDurationSeconds(number(file, line, columns.get("duration seconds"), row));
                    e.setToolOutput(optional(row, columns.get("notes")));
                    e.setSource(LogSource.IMPORTED);
                    e.setSourceFile(file.getFileName() + " (CSV, line " + line + ")");
                    entries.add(e);
                    created.add(e);
                } else {
                    already++;
                }
                String tested = optional(row, columns.get(TESTED));
                RestoreResult result = tested == null ? null : restoreResult(file, line, columns.get(TESTED), tested);
                if (result != null && knownTests.add(system.getId() + "@" + day)) {
                    RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
                    t.setTitle("Restoration test of " + system.getName() + " on " + day + " (imported)");
                    t.setSystem(system);
                    t.setTestedAt(Date.from(at));
                    t.setResult(result);
                    t.setVerificationMethod(VerificationMethod.OTHER);
                    t.setNotes("Imported from " + file.getFileName() + ", line " + line + ": " + tested);
                    created.add(t);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new ImportException(file, 0, null, "is not UTF-8 text");
            }
            throw new ImportException(file, 0, null, "is not a valid CSV file: " + cause.getMessage());
        }
        if (!created.isEmpty()) {
            store.save(created, null);
        }
        return new BackupImporter.Result(file, ImportFormat.CSV, read, entries, already);
    }

    private CSVParser parser(Path file) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new ImportException(file, 0, null, "the file has " + (size >> 20) + " MB; at most " + (maxBytes
                    >> 20) + " MB are imported at once");
        }
        Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).get().parse(reader);
    }

    /** Lower-case column name → the header as written; the required ones must be there. */
    private static Map<String, String> columns(Path file, CSVParser csv) {
        Map<String, String> columns = new HashMap<>();
        for (String h : csv.getHeaderNames()) {
            columns.put(h.strip().toLowerCase(Locale.ROOT), h);
        }
        for (String required : List.of(DATE, SYSTEM, COMPLETED)) {
            if (!columns.containsKey(required)) {
                throw new ImportException(file, 1, null, "the header has no column '" + title(required)
                        + "' (it has " + csv.getHeaderNames() + ")");
            }
        }
        return columns;
    }

    private static String title(String lower) {
        StringBuilder b = new StringBuilder();
        for (String w : lower.split(" ")) {
            b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    private Instant date(Path file, long line, Map<String, String> columns, CSVRecord row) {
        String text = value(row, columns.get(DATE)).strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atTime(12, 0).atZone(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportException(file, line, columns.get(DATE), "is not a date (2026-11-23) or a date and time"
                    + " with offset (2026-11-23T02:00:00Z): \"" + text + "\"");
        }
    }

    private static String value(CSVRecord row, String column) {
        return row.isSet(column) ? row.get(column) : "";
    }

    private static String optional(CSVRecord row, String column) {
        if (column == null || !row.isSet(column)) {
            return null;
        }
        String v = row.get(column).strip();
        return v.isEmpty() ? null : v;
    }

    private static long number(Path file, long line, String column, CSVRecord row) {
        String v = optional(row, column);
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImportException(file, line, column, "is not a whole number of zero or more: \"" + v + "\"");
        }
    }

    private static boolean yesNo(Path file, long line, String column, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> true;
            case "no", "n", "false" -> false;
            default -> throw new ImportException(file, line, column, "must be Yes or No, not \"" + v + "\"");
        };
    }

    private static RestoreResult restoreResult(Path file, long line, String column, String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.equals("no") || s.equals("n") || s.equals("false")) {
            return null;
        }
        if (s.equals("yes") || s.equals("y") || s.equals("true") || s.contains("passed")) {
            return RestoreResult.PASSED;
        }
        if (s.contains("failed")) {
            return RestoreResult.FAILED;
        }
        if (s.contains("partial")) {
            return RestoreResult.PARTIAL;
        }
        throw new ImportException(file, line, column, "must be No, Yes, Passed, Failed or Partial, not \"" + v
                + "\"");
    }
}
