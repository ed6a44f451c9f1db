package qms.backup.core;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import qms.backup.core.BackupCompliance.DayRow;
import qms.reports.PdfReport;
import qms.reports.ReportFile;

/**
 * The Backup &amp; Security Compliance Log as a file: CSV (RFC 4180, UTF-8) or PDF, the columns of the view —
 * Date | System | Backup Completed | Restoration Tested | Status. Written all or nothing ({@link ReportFile}).
 */
public final class ComplianceLogExport {

    public enum Format {
        CSV, PDF
    }

    public static final String TITLE = "Backup & Security Compliance Log";
    static final String[] COLUMNS = { "Date", "System", "Backup Completed", "Restoration Tested", "Status" };

    private ComplianceLogExport() {
    }

    /** The text of the Backup Completed column. */
    public static String backupText(DayRow r) {
        return r.backupCompleted() ? "Yes" : "No";
    }

    /** The text of the Restoration Tested column: No, or Yes with the result. */
    public static String restoreText(DayRow r) {
        return r.restorationTested() == null ? "No" : "Yes (" + r.restorationTested().getLiteral() + ")";
    }

    /**
     * Writes the rows; returns the file's SHA-256.
     *
     * @param criteria the period and filters, for the PDF heading
     * @param who      who exported, for the PDF heading
     */
    public static String write(List<DayRow> rows, Format format, Path target, String criteria, String who)
            throws IOException {
        return ReportFile.write(target, out -> {
            if (format == Format.CSV) {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
                    for (DayRow r : rows) {
                        csv.printRecord(r.date(), r.system().name(), backupText(r), restoreText(r),
                                r.status().label());
                    }
                }
            } else {
                String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").format(Instant.now().atOffset(
                        ZoneOffset.UTC));
                try (PdfReport pdf = new PdfReport(out, TITLE, "CRO Quality Suite – " + TITLE + ", " + now + ", by "
                        + who)) {
                    pdf.line("Criteria", criteria, false);
                    pdf.line("Rows", String.valueOf(rows.size()), false);
                    pdf.line("Exported by", who + ", " + now, false);
                    long bad = rows.stream().filter(r -> r.status() == ComplianceStatus.NON_COMPLIANT).count();
                    pdf.line("Non-Compliant rows", String.valueOf(bad), bad > 0);
                    pdf.startTable(COLUMNS, new float[] { 2, 5, 2, 3, 2 });
                    for (DayRow r : rows) {
                        pdf.row(r.date().toString(), r.system().name(), backupText(r), restoreText(r),
                                r.status().label());
                    }
                    pdf.endTable();
                }
            }
        });
    }
}
