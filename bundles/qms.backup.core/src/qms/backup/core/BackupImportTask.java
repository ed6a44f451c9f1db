package qms.backup.core;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import qms.core.HeadlessTask;
import qms.core.RecordStore;

/**
 * The importer on the command line, for scripts that run after each backup:
 * {@code -task backup-import -file F [-format F] [-repository R] [-toolZone Z]}. The format is guessed from the
 * file when not given; everything else is as in Backup > Import Backup Log… — all of the file or nothing, an error
 * naming file, line and field.
 */
@Component(service = HeadlessTask.class)
public final class BackupImportTask implements HeadlessTask {

    @Override
    public String name() {
        return "backup-import";
    }

    @Override
    public String usage() {
        return "-file <tool output> [-format " + Arrays.stream(ImportFormat.values()).map(ImportFormat::key)
                .collect(Collectors.joining("|")) + "] [-repository <repository, when the output does not name"
                + " it>] [-toolZone <time zone borg ran in, default " + ZoneId.systemDefault() + ">]";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        String fileArg = HeadlessTask.argument(args, "-file");
        if (fileArg == null) {
            throw new IllegalArgumentException("-file is missing: " + usage());
        }
        Path file = Path.of(fileArg).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no file " + file);
        }
        String formatArg = HeadlessTask.argument(args, "-format");
        ImportFormat format = formatArg == null ? guess(file) : ImportFormat.byKey(formatArg);
        if (format == null) {
            throw new IllegalArgumentException("-format " + formatArg + " is not one of " + Arrays.stream(
                    ImportFormat.values()).map(ImportFormat::key).collect(Collectors.joining(", ")));
        }
        String zoneArg = HeadlessTask.argument(args, "-toolZone");
        ZoneId zone;
        try {
            zone = zoneArg == null ? ZoneId.systemDefault() : ZoneId.of(zoneArg);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("-toolZone " + zoneArg + " is not a time zone (UTC, Europe/Berlin, …)");
        }
        BackupImporter.Result result = BackupImporter.importAny(store, file, format, HeadlessTask.argument(args,
                "-repository"), zone);
        out.println(result.describe() + (formatArg == null ? " (format guessed from the file; give -format "
                + format.key() + " to be explicit)" : "") + ".");
        return true;
    }

    private static ImportFormat guess(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[4096];
            int n = in.read(head);
            return ImportFormat.guess(n <= 0 ? "" : new String(head, 0, n));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as UTF-8 text (" + e.getMessage()
                    + "): give -format");
        }
    }
}
