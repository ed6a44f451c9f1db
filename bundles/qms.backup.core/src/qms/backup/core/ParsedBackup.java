package qms.backup.core;

import java.time.Instant;
import java.util.List;

/**
 * One backup read from a tool's output, before it is matched to a system.
 *
 * @param id         the snapshot or archive id (restic: the full snapshot id; borg: the archive id)
 * @param label      a short name for messages and the log (restic short id, borg archive name)
 * @param size       bytes backed up, or null when the output does not say
 * @param duration   seconds, or null when the output does not say
 * @param repository the repository's location as the output names it, or null
 * @param completed  false when the output reports the backup as failed or unfinished
 * @param line       where the entry starts in the file (1-based)
 */
public record ParsedBackup(String id, String label, Instant startedAt, String host, List<String> tags,
        String repository, Long size, Long duration, boolean completed, String summary, long line) {

    public ParsedBackup {
        tags = List.copyOf(tags);
    }
}
