package qms.backup.core;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonToken;

import qms.backup.core.JsonInput.Node;

/**
 * Reads the JSON that backup tools print (see {@link ImportFormat}) into {@link ParsedBackup}s. Every problem is an
 * {@link ImportException} naming the file, line and field; a file is read to its end before anything is returned.
 * Field names and formats follow the tools' own output (docs/backup-tool-output.md): restic writes RFC 3339 times
 * with the offset of the machine that made the backup; borg writes local times without an offset, read in
 * {@code toolZone}.
 */
public final class BackupOutputParser {

    /** Files larger than this are refused by default (100 MB: about 250,000 restic snapshots). */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;

    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{8,64}");

    private final ZoneId toolZone;
    private final long maxBytes;

    public BackupOutputParser(ZoneId toolZone, long maxBytes) {
        this.toolZone = toolZone;
        this.maxBytes = maxBytes;
    }

    /** All backups in the file. */
    public List<ParsedBackup> parse(Path file, ImportFormat format) {
        List<ParsedBackup> all = new ArrayList<>();
        parse(file, format, all::add);
        return all;
    }

    /** Each backup in the file, in order, as it is read. */
    public void parse(Path file, ImportFormat format, Consumer<ParsedBackup> sink) {
        try (JsonInput in = new JsonInput(file, maxBytes)) {
            JsonToken first = in.next();
            if (format == ImportFormat.RESTIC_BACKUP) {
                sink.accept(resticBackup(file, in, first));
                return;
            }
            if (format == ImportFormat.PGBACKREST_INFO) {
                pgBackRest(file, in, first, sink);
            } else if (format == ImportFormat.RESTIC_SNAPSHOTS) {
                if (first != JsonToken.START_ARRAY) {
                    throw new ImportException(file, in.line(), null, "expected the list of snapshots that '"
                            + format.command() + "' prints, which starts with '['");
                }
                int i = 0;
                while (in.next() != JsonToken.END_ARRAY) {
                    Node snapshot = in.value("[" + i++ + "]");
                    if (!snapshot.isObject()) {
                        throw in.error(snapshot, snapshot.path(), "must be a snapshot object, not "
                                + JsonInput.describe(snapshot.value()));
                    }
                    sink.accept(restic(in, snapshot));
                }
            } else {
                if (first != JsonToken.START_OBJECT) {
                    throw new ImportException(file, in.line(), null, "expected the object that '" + format.command()
                            + "' prints, which starts with '{'");
                }
                Node root = in.value(null);
                Node repository = in.object(root, "repository", true);
                String location = in.text(repository, "location", false);
                if (format == ImportFormat.BORG_CREATE) {
                    sink.accept(borg(in, in.object(root, "archive", true), location));
                } else {
                    for (Node archive : in.objects(root, "archives")) {
                        sink.accept(borg(in, archive, location));
                    }
                }
            }
            if (in.next() != null) {
                throw new ImportException(file, in.line(), null, "there is more after the end of the JSON");
            }
        }
    }

    private static ParsedBackup restic(JsonInput in, Node s) {
        String id = id(in, s, "id");
        String shortId = in.text(s, "short_id", false);
        Instant time = offsetTime(in, s, "time");
        String host = in.text(s, "hostname", true);
        List<String> tags = in.texts(s, "tags");
        List<String> paths = in.texts(s, "paths");
        Node summary = in.object(s, "summary", false); // restic 0.17 and later
        Long size = in.number(summary, "total_bytes_processed");
        Long duration = null;
        if (summary != null && summary.fields().containsKey("backup_start")
                && summary.fields().containsKey("backup_end")) {
            duration = java.time.Duration.between(offsetTime(in, summary, "backup_start"), offsetTime(in, summary,
                    "backup_end")).toSeconds();
        }
        String label = shortId == null ? id.substring(0, Math.min(8, id.length())) : shortId;
        return new ParsedBackup(id, label, time, host, tags, null, size, duration, true, "restic snapshot " + label
                + " of " + String.join(", ", paths) + " on " + host + (tags.isEmpty() ? "" : " (tags " + String.join(", ",
                        tags) + ")"), s.line());
    }

    /**
     * {@code restic backup --json}: one JSON object per line, told apart by {@code message_type}. The summary, written
     * last, names the snapshot; restic 0.17 and later also give its start and end, 0.14 only the duration — then the
     * backup ended when the file was last written. Without a summary the backup did not finish: that is recorded as
     * a backup that did not complete, identified by the file's content so that importing it again adds nothing.
     */
    private static ParsedBackup resticBackup(Path file, JsonInput in, JsonToken first) {
        Node summary = null;
        List<String> errors = new ArrayList<>();
        long firstLine = in.line();
        for (JsonToken t = first; t != null; t = in.next()) {
            if (t != JsonToken.START_OBJECT) {
                throw new ImportException(file, in.line(), null, "expected one JSON object per line, as '"
                        + ImportFormat.RESTIC_BACKUP.command() + "' prints them");
            }
            Node message = in.value(null);
            String type = in.text(message, "message_type", true);
            switch (type) {
                case "summary" -> {
                    if (summary != null) {
                        throw in.error(message, "message_type", "a second summary: the file holds the output of"
                                + " more than one backup (import each run's output on its own)");
                    }
                    summary = message;
                }
                case "error" -> errors.add(resticError(in, message));
                case "exit_error" -> errors.add(in.text(message, "message", false));
                default -> {
                    // status and verbose_status lines report progress only
                }
            }
        }
        Instant written = lastModified(file);
        if (summary == null) {
            String why = errors.isEmpty() ? "the output ends before restic's summary" : String.join("; ", errors);
            String id = "unfinished-" + contentHash(file);
            return new ParsedBackup(id, "run of " + written, written, null, List.of(), null, null, null, false,
                    "restic backup did not finish: " + why, firstLine);
        }
        String id = id(in, summary, "snapshot_id");
        Long size = in.number(summary, "total_bytes_processed");
        Long duration = in.number(summary, "total_duration");
        Instant start;
        if (summary.fields().containsKey("backup_start")) {
            start = offsetTime(in, summary, "backup_start");
            if (summary.fields().containsKey("backup_end")) {
                duration = java.time.Duration.between(start, offsetTime(in, summary, "backup_end")).toSeconds();
            }
        } else {
            start = written.minusSeconds(duration == null ? 0 : duration);
        }
        Long files = in.number(summary, "total_files_processed");
        String label = id.substring(0, Math.min(8, id.length()));
        return new ParsedBackup(id, label, start, null, List.of(), null, size, duration, true, "restic backup"
                + " snapshot " + label + (files == null ? "" : ", " + files + " files") + (errors.isEmpty() ? ""
                        : ", " + errors.size() + " error(s): " + String.join("; ", errors))
                + (summary.fields().containsKey("backup_start") ? "" : " (time from the file: restic before 0.17"
                        + " does not print it)"), summary.line());
    }

    private static String resticError(JsonInput in, Node message) {
        Node error = message.fields().get("error");
        String text = error != null && error.isObject() ? in.text(error, "message", false)
                : in.text(message, "error", false);
        String item = in.text(message, "item", false);
        return (item == null ? "" : item + ": ") + (text == null ? "error" : text);
    }

    /**
     * {@code pgbackrest info --output=json}: a list of stanzas, each with its backups. The stanza's name is the
     * backup's tag (what a policy's 'Match tag' names) and, with the label, its id; times are Unix seconds; a
     * backup pgBackRest marks with {@code error} did not complete.
     */
    private static void pgBackRest(Path file, JsonInput in, JsonToken first, Consumer<ParsedBackup> sink) {
        if (first != JsonToken.START_ARRAY) {
            throw new ImportException(file, in.line(), null, "expected the list of stanzas that '"
                    + ImportFormat.PGBACKREST_INFO.command() + "' prints, which starts with '['");
        }
        int i = 0;
        while (in.next() != JsonToken.END_ARRAY) {
            Node stanza = in.value("[" + i++ + "]");
            if (!stanza.isObject()) {
                throw in.error(stanza, stanza.path(), "must be a stanza object, not "
                        + JsonInput.describe(stanza.value()));
            }
            String name = in.text(stanza, "name", true);
            if (!stanza.fields().containsKey("backup")) {
                throw new ImportException(file, stanza.line(), stanza.path() + ".backup", "is missing (is this the"
                        + " output of '" + ImportFormat.PGBACKREST_INFO.command() + "'?)");
            }
            for (Node b : in.objects(stanza, "backup")) {
                String label = in.text(b, "label", true);
                Node times = in.object(b, "timestamp", true);
                Long start = in.number(times, "start");
                if (start == null) {
                    throw new ImportException(file, times.line(), times.path() + ".start", "is missing");
                }
                Long stop = in.number(times, "stop");
                Node info = in.object(b, "info", false);
                Node error = b.fields().get("error");
                if (error != null && error.value() != null && !(error.value() instanceof Boolean)) {
                    throw in.error(error, error.path(), "must be true or false, not "
                            + JsonInput.describe(error.value()));
                }
                boolean failed = error != null && Boolean.TRUE.equals(error.value());
                String type = in.text(b, "type", false);
                sink.accept(new ParsedBackup(name + "/" + label, label, Instant.ofEpochSecond(start), null,
                        List.of(name), null, in.number(info, "size"), stop == null ? null : Math.max(0, stop - start),
                        !failed, "pgBackRest " + (type == null ? "" : type + " ") + "backup " + label + " of stanza "
                                + name + (failed ? ", marked as failed by pgBackRest" : ""), b.line()));
            }
        }
    }

    static Instant lastModified(Path file) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file).toInstant();
        } catch (java.io.IOException e) {
            throw new ImportException(file, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static String contentHash(Path file) {
        try {
            return AutomatedRestore.sha256(file).substring(0, 32);
        } catch (java.io.IOException e) {
            throw new ImportException(file, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private ParsedBackup borg(JsonInput in, Node a, String location) {
        String id = id(in, a, "id");
        String name = in.text(a, "name", true);
        String startField = a.fields().containsKey("start") ? "start" : "time";
        String startText = in.text(a, startField, true);
        Instant start = localTime(in, a, startField, startText);
        String host = in.text(a, "hostname", false);
        Node stats = in.object(a, "stats", false);
        Long size = in.number(stats, "original_size");
        Long duration = in.number(a, "duration");
        Long files = in.number(stats, "nfiles");
        return new ParsedBackup(id, name, start, host, List.of(), location, size, duration, true, "borg archive "
                + name + (host == null ? "" : " on " + host) + (files == null ? "" : ", " + files + " files")
                + (location == null ? "" : " in " + location), a.line());
    }

    private static Instant offsetTime(JsonInput in, Node object, String field) {
        String text = in.text(object, field, true);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            Node n = object.fields().get(field);
            throw in.error(n, n.path(), "is not a date and time with an offset (RFC 3339): \"" + text + "\"");
        }
    }

    private Instant localTime(JsonInput in, Node object, String field, String text) {
        try {
            return LocalDateTime.parse(text).atZone(toolZone).toInstant();
        } catch (DateTimeParseException e) {
            Node n = object.fields().get(field);
            throw in.error(n, n.path(), "is not a date and time (borg writes 2026-11-23T03:49:32.000000): \""
                    + text + "\"");
        }
    }

    private static String id(JsonInput in, Node object, String field) {
        String id = in.text(object, field, true);
        if (!HEX_ID.matcher(id).matches()) {
            Node n = object.fields().get(field);
            throw in.error(n, n.path(), "is not a snapshot or archive id (8 to 64 hexadecimal digits): \"" + id
                    + "\"");
        }
        return id;
    }
}
