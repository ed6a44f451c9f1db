package qms.backup.core;

import qms.backup.model.BackupTool;

/** The outputs of backup tools the importer reads. */
public enum ImportFormat {

    RESTIC_SNAPSHOTS(BackupTool.RESTIC, "restic snapshots --json"),
    BORG_LIST(BackupTool.BORG, "borg list --json"),
    BORG_INFO(BackupTool.BORG, "borg info --json"),
    BORG_CREATE(BackupTool.BORG, "borg create --json"),
    /** The suite's documented CSV layout (README): Date, System, Backup Completed, … — systems by name. */
    CSV(null, "CSV backup log");

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

    /** The command that writes this output. */
    public String command() {
        return command;
    }
}
