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
import java.util.Set;

import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
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

    /** What an import did. */
    public record Result(Path file, ImportFormat format, int read, List<BackupLogEntry> created, int alreadyImported) {

        public Result {
            created = List.copyOf(created);
        }

        public String describe() {
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
     * @param repository the repository the output came from, when the output does not name it (restic), or null
     */
    public Result importFile(Path file, ImportFormat format, String repository) {
        List<ParsedBackup> parsed = parser.parse(file, format);
        List<BackupPolicy> policies = store.list(Query.of(BackupPackage.Literals.BACKUP_POLICY)).stream()
                .map(BackupPolicy.class::cast).filter(p -> p.isActive() && p.getTool() == format.tool()).toList();
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        Set<String> known = existingIds(parsed);
        Set<String> inFile = new HashSet<>();
        List<BackupLogEntry> created = new ArrayList<>();
        int already = 0;
        for (ParsedBackup b : parsed) {
            if (b.startedAt().isAfter(latest)) {
                throw new ImportException(file, b.line(), format.tool() == qms.backup.model.BackupTool.RESTIC ? "time"
                        : "start", "backup " + b.label() + " starts at " + b.startedAt() + ", in the future");
            }
            BackupPolicy policy = policyFor(file, format, b, repository, policies);
            if (known.contains(b.id()) || !inFile.add(b.id())) {
                already++;
                continue;
            }
            BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
            e.setSystem(policy.getSystem());
            e.setStartedAt(Date.from(b.startedAt()));
            e.setSnapshotId(b.id());
            e.setCompleted(true);
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

    /** The snapshot ids already in the log around the file's period. */
    private Set<String> existingIds(List<ParsedBackup> parsed) {
        if (parsed.isEmpty()) {
            return Set.of();
        }
        Instant min = parsed.stream().map(ParsedBackup::startedAt).min(Instant::compareTo).orElseThrow();
        Instant max = parsed.stream().map(ParsedBackup::startedAt).max(Instant::compareTo).orElseThrow();
        Set<String> ids = new HashSet<>();
        store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)
                .where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.AT_LEAST, Date.from(min))
                .where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.AT_MOST, Date.from(max)))
                .forEach(r -> ids.add(((BackupLogEntry) r).getSnapshotId()));
        return ids;
    }

    private static BackupPolicy policyFor(Path file, ImportFormat format, ParsedBackup b, String repository,
            List<BackupPolicy> policies) {
        String repo = b.repository() != null ? b.repository() : repository;
        List<BackupPolicy> matching = policies.stream().filter(p -> matches(p, format, b, repo)).toList();
        String field = format == ImportFormat.RESTIC_SNAPSHOTS ? "hostname" : "name";
        if (matching.isEmpty()) {
            throw new ImportException(file, b.line(), field, "no active " + format.tool().getLiteral()
                    + " backup policy matches backup " + b.label() + " (host " + b.host() + (b.tags().isEmpty() ? ""
                            : ", tags " + b.tags()) + (repo == null ? "" : ", repository " + repo) + "): the system"
                            + " is unknown. Set 'Match host', 'Match tag' or 'Repository' on the system's policy");
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
        if (!blank(p.getMatchHost()) && (b.host() == null || !p.getMatchHost().strip().equalsIgnoreCase(b.host()))) {
            return false;
        }
        if (!blank(p.getMatchTag())) {
            String tag = p.getMatchTag().strip();
            boolean ok = format == ImportFormat.RESTIC_SNAPSHOTS ? b.tags().contains(tag) : b.label().startsWith(tag);
            if (!ok) {
                return false;
            }
        }
        return blank(p.getRepository()) || repo == null || normal(p.getRepository()).equals(normal(repo));
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
