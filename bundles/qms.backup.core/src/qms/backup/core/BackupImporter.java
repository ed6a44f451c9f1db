package qms.backup.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.LogSource;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;

/**
 * Imports a backup tool's output as backup log entries: each snapshot or archive is matched to a system through the
 * active backup policies of that tool (host, tag or archive-name prefix, repository), checked, and all are saved in
 * one transaction — a file with any problem stores nothing. Re-importing a file adds nothing: a snapshot id already
 * in the log is skipped.
 */
public final class BackupImporter {

    /** A backup starting later than this after now is refused as a future date (clocks differ a little). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int RESTIC_SHORT_ID = 8;

    /** What an import did. */
    public record Result(Path file, ImportFormat format, int read, List<? extends qms.model.Record> created,
            int alreadyImported) {

        public Result {
            created = List.copyOf(created);
        }

        public String describe() {
            if (format == ImportFormat.RESTIC_CHECK) {
                return file.getFileName() + " (" + format.command() + "): " + (created.isEmpty()
                        ? "this check is recorded already" : ((qms.backup.model.RepositoryCheck) created.get(0))
                                .getTitle() + " recorded");
            }
            return file.getFileName() + " (" + format.command() + "): " + read + " backup(s) read, "
                    + created.size() + " added to the backup log, " + alreadyImported + " already there";
        }
    }

    private final RecordStore store;
    private final BackupOutputParser parser;
    private final Clock clock;

    public BackupImporter(RecordStore store, BackupOutputParser parser, Clock clock) {
        this.store = store;
        this.parser = parser;
        this.clock = clock;
    }

    /**
     * Imports a file of any {@link ImportFormat} with the defaults (100 MB at most; CSV dates in the machine's zone).
     *
     * @param toolZone   the zone borg ran in (borg writes local times without an offset)
     * @param repository the repository the output came from, when the output does not name it, or null
     */
    public static Result importAny(RecordStore store, Path file, ImportFormat format, String repository,
            java.time.ZoneId toolZone) {
        if (format == ImportFormat.CSV) {
            return new CsvLogImporter(store, Clock.systemUTC(), java.time.ZoneId.systemDefault(),
                    BackupOutputParser.DEFAULT_MAX_BYTES).importFile(file);
        }
        if (format == ImportFormat.RESTIC_CHECK) {
            return new RepositoryCheckImporter(store, Clock.systemUTC(), BackupOutputParser.DEFAULT_MAX_BYTES)
                    .importFile(file, repository);
        }
        return new BackupImporter(store, new BackupOutputParser(toolZone, BackupOutputParser.DEFAULT_MAX_BYTES),
                Clock.systemUTC()).importFile(file, format, repository);
    }

    /**
     * @param repository the repository the output came from, when the output does not name it (restic), or null
     */
    public Result importFile(Path file, ImportFormat format, String repository) {
        if (format == ImportFormat.CSV || format == ImportFormat.RESTIC_CHECK) {
            throw new IllegalArgumentException(format.command() + " is imported by importAny");
        }
        if (format.needsRepository() && (repository == null || repository.isBlank())) {
            throw new ImportException(file, 0, null, "'" + format.command() + "' names neither the host nor the"
                    + " repository: give the repository the backup went to (it must be the one on the system's"
                    + " policy)");
        }
        List<ParsedBackup> parsed = parser.parse(file, format);
        List<BackupPolicy> policies = store.list(Query.of(BackupPackage.Literals.BACKUP_POLICY)).stream()
                .map(BackupPolicy.class::cast).filter(p -> p.isActive() && p.getTool() == format.tool()).toList();
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        NavigableSet<String> known = existingIds(parsed);
        Set<String> inFile = new HashSet<>();
        List<BackupLogEntry> created = new ArrayList<>();
        int already = 0;
        for (ParsedBackup b : parsed) {
            if (b.startedAt().isAfter(latest)) {
                throw new ImportException(file, b.line(), timeField(format), "backup " + b.label() + " starts at "
                        + b.startedAt() + ", in the future");
            }
            BackupPolicy policy = policyFor(file, format, b, repository, policies);
            if (known(known, b.id()) || !inFile.add(b.id())) {
                already++;
                continue;
            }
            BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
            e.setSystem(policy.getSystem());
            e.setStartedAt(Date.from(b.startedAt()));
            e.setSnapshotId(b.id());
            e.setCompleted(b.completed());
            e.setSizeBytes(b.size() == null ? 0L : b.size());
            e.setDurationSeconds(b.duration() == null ? 0L : b.duration());
            e.setToolOutput(b.summary());
            e.setSource(LogSource.IMPORTED);
            e.setSourceFile(file.getFileName() + " (" + format.command() + ", line " + b.line() + ")");
            created.add(e);
        }
        if (!created.isEmpty()) {
            store.save(created, null);
        }
        return new Result(file, format, parsed.size(), created, already);
    }

    private static String timeField(ImportFormat format) {
        return switch (format) {
            case RESTIC_SNAPSHOTS -> "time";
            case RESTIC_BACKUP -> "backup_start";
            case PGBACKREST_INFO -> "timestamp.start";
            default -> "start";
        };
    }

    /**
     * Whether the id is in the log already — also as restic's short form: {@code restic backup --json} before 0.17
     * names a snapshot by the first 8 digits of the id that {@code restic snapshots --json} gives in full.
     */
    private static boolean known(NavigableSet<String> known, String id) {
        if (known.contains(id)) {
            return true;
        }
        if (id.length() > RESTIC_SHORT_ID && known.contains(id.substring(0, RESTIC_SHORT_ID))) {
            return true;
        }
        String longer = known.higher(id);
        return id.length() == RESTIC_SHORT_ID && longer != null && longer.startsWith(id);
    }

    /**
     * The snapshot ids already in the log within a day of the file's period (a day: {@code restic backup --json}
     * before 0.17 gives no time, so its entry's time is taken from the file and may differ from the snapshot's).
     */
    private NavigableSet<String> existingIds(List<ParsedBackup> parsed) {
        if (parsed.isEmpty()) {
            return new TreeSet<>();
        }
        Instant min = parsed.stream().map(ParsedBackup::startedAt).min(Instant::compareTo).orElseThrow();
        Instant max = parsed.stream().map(ParsedBackup::startedAt).max(Instant::compareTo).orElseThrow();
        NavigableSet<String> ids = new TreeSet<>();
        store.scan(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)
                .where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.AT_LEAST,
                        Date.from(min.minus(Duration.ofDays(1))))
                .where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.AT_MOST,
                        Date.from(max.plus(Duration.ofDays(1)))),
                List.of(BackupPackage.Literals.BACKUP_LOG_ENTRY__SNAPSHOT_ID), row -> {
                    if (row[0] != null) {
                        ids.add((String) row[0]);
                    }
                });
        return ids;
    }

    private static BackupPolicy policyFor(Path file, ImportFormat format, ParsedBackup b, String repository,
            List<BackupPolicy> policies) {
        String repo = b.repository() != null ? b.repository() : repository;
        List<BackupPolicy> matching = policies.stream().filter(p -> matches(p, format, b, repo)).toList();
        String field = switch (format) {
            case RESTIC_SNAPSHOTS -> "hostname";
            case RESTIC_BACKUP -> "snapshot_id";
            default -> "name";
        };
        if (matching.isEmpty()) {
            throw new ImportException(file, b.line(), field, "no active " + format.tool().getLiteral()
                    + " backup policy matches backup " + b.label() + " (" + (b.host() == null ? "" : "host " + b.host()
                            + ", ") + (b.tags().isEmpty() ? "" : (format == ImportFormat.PGBACKREST_INFO ? "stanza "
                                    : "tags ") + String.join(", ", b.tags()) + ", ") + (repo == null
                                            ? "no repository" : "repository " + repo) + "): the system is unknown. "
                    + (format.needsRepository() ? "Set this 'Repository' on the system's policy"
                            : format == ImportFormat.PGBACKREST_INFO ? "Set the stanza as 'Match tag' on the system's"
                                    + " policy" : "Set 'Match host', 'Match tag' or 'Repository' on the system's"
                                            + " policy"));
        }
        if (matching.size() > 1) {
            throw new ImportException(file, b.line(), field, "backup " + b.label() + " matches "
                    + matching.size() + " policies (" + String.join(", ", matching.stream()
                            .map(BackupPolicy::getName).toList()) + "): make their match host, tag or repository"
                    + " differ");
        }
        return matching.get(0);
    }

    private static boolean matches(BackupPolicy p, ImportFormat format, ParsedBackup b, String repo) {
        if (p.getSystem() == null) {
            return false;
        }
        if (format.needsRepository()) {
            // the output names nothing else: the repository decides alone
            return !blank(p.getRepository()) && repo != null && normal(p.getRepository()).equals(normal(repo));
        }
        if (!blank(p.getMatchHost()) && (b.host() == null || !p.getMatchHost().strip().equalsIgnoreCase(b.host()))) {
            return false;
        }
        if (!blank(p.getMatchTag())) {
            String tag = p.getMatchTag().strip();
            boolean ok = format.tool() == BackupTool.BORG ? b.label().startsWith(tag) : b.tags().contains(tag);
            if (!ok) {
                return false;
            }
        }
        return blank(p.getRepository()) || repo == null || normal(p.getRepository()).equals(normal(repo));
    }

    /** The active policy of the tool whose repository is this one; an error naming the field if none or several. */
    static BackupPolicy policyByRepository(RecordStore store, Path file, ImportFormat format, String repository) {
        List<BackupPolicy> matching = store.list(Query.of(BackupPackage.Literals.BACKUP_POLICY)).stream()
                .map(BackupPolicy.class::cast).filter(p -> p.isActive() && p.getTool() == format.tool()
                        && p.getSystem() != null && !blank(p.getRepository()) && normal(p.getRepository()).equals(
                                normal(repository))).toList();
        if (matching.size() != 1) {
            throw new ImportException(file, 0, null, (matching.isEmpty() ? "no active " + format.tool().getLiteral()
                    + " backup policy has the repository " + repository + ": the system is unknown. Set this"
                    + " 'Repository' on the system's policy" : matching.size() + " policies have the repository "
                            + repository + " (" + String.join(", ", matching.stream().map(BackupPolicy::getName)
                                    .toList()) + ")"));
        }
        return matching.get(0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String normal(String repository) {
        String r = repository.strip();
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r.toLowerCase(Locale.ROOT);
    }
}
