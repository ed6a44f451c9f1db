package qms.backup.core;

import qms.backup.model.BackupTool;

/** The outputs of backup tools the importer reads. */
public enum ImportFormat {

    RESTIC_SNAPSHOTS(BackupTool.RESTIC, "restic snapshots --json"),
    /** Status lines and a summary, one JSON object per line; names neither host nor repository. */
    RESTIC_BACKUP(BackupTool.RESTIC, "restic backup --json"),
    /** The text restic check prints (standard output and error): recorded as a repository check, not a backup. */
    RESTIC_CHECK(BackupTool.RESTIC, "restic check"),
    BORG_LIST(BackupTool.BORG, "borg list --json"),
    BORG_INFO(BackupTool.BORG, "borg info --json"),
    BORG_CREATE(BackupTool.BORG, "borg create --json"),
    /** A list of stanzas, each with its backups; systems are matched by stanza name ('Match tag'). */
    PGBACKREST_INFO(BackupTool.PGBACKREST, "pgbackrest info --output=json"),
    /** The suite's documented CSV layout (README): Date, System, Backup Completed, … — systems by name. */
    CSV(null, "CSV backup log");

    private static final java.util.regex.Pattern BORG_CREATE_ARCHIVE = java.util.regex.Pattern.compile(
            "\"archive\":\\s*\\{");

    private final BackupTool tool;
    private final String command;

    ImportFormat(BackupTool tool, String command) {
        this.tool = tool;
        this.command = command;
    }

    /** The tool that writes it; null for the CSV layout, which any tool or person can write. */
    public BackupTool tool() {
        return tool;
    }

    /** Whether the output names neither host, tag nor repository, so the repository must be given. */
    public boolean needsRepository() {
        return this == RESTIC_BACKUP || this == RESTIC_CHECK;
    }

    /**
     * The format a file's first characters suggest: CSV by its header; restic backup by its message lines; a list
     * of stanzas (they carry "cipher") or of restic snapshots; borg create by its "archive" object (borg list's
     * archives name theirs as text), borg info by the hosts
     * of its archives, else borg list. The import itself checks the guess.
     */
    public static ImportFormat guess(String head) {
        String s = head.stripLeading();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("date,") || lower.contains(",system,")) {
            return CSV;
        }
        if (lower.startsWith("using temporary cache") || lower.startsWith("create exclusive lock")
                || lower.contains("\nload indexes")) {
            return RESTIC_CHECK;
        }
        if (s.startsWith("{\"message_type\"")) {
            return RESTIC_BACKUP;
        }
        if (s.startsWith("[")) {
            return s.contains("\"cipher\"") ? PGBACKREST_INFO : RESTIC_SNAPSHOTS;
        }
        if (BORG_CREATE_ARCHIVE.matcher(s).find()) {
            return BORG_CREATE;
        }
        return s.contains("\"hostname\"") ? BORG_INFO : BORG_LIST;
    }

    /** The name on the command line: {@code restic-snapshots}, {@code pgbackrest-info}, {@code csv}, … */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The format with this {@link #key()}, or null. */
    public static ImportFormat byKey(String key) {
        for (ImportFormat f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }

    /** The command that writes this output. */
    public String command() {
        return command;
    }
}
