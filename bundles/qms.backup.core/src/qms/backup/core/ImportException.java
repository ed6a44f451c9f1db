package qms.backup.core;

import java.nio.file.Path;

import qms.core.StoreException;

/**
 * A backup tool's file that cannot be imported: names the file, the line (when known) and the field, and says that
 * nothing of the file was stored.
 */
public final class ImportException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String field;

    /**
     * @param line  1-based, or 0 when the problem is the file as a whole
     * @param field the JSON field or CSV column, or null
     */
    public ImportException(Path file, long line, String field, String problem) {
        super(file.getFileName() + (line > 0 ? ", line " + line : "") + (field == null ? "" : ", field '" + field
                + "'") + ": " + problem + ". Nothing of " + file + " was imported.");
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
