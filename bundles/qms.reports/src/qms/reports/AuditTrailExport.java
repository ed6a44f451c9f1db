package qms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.AuditText;
import qms.core.ChainVerification;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreException;

/**
 * Exports audit trail entries, chosen by an {@link AuditQuery}, oldest first:
 * <ul>
 * <li><b>CSV</b> (RFC 4180, UTF-8): one row per entry with the values exactly as stored, including each entry's
 * previous hash and hash, so the export can be checked against the chain;</li>
 * <li><b>PDF</b> for people: a heading with the criteria, who exported when and the result of the integrity check,
 * then one row per changed attribute, references shown by the label of the record they point at.</li>
 * </ul>
 * The file appears only when complete, and each export is itself recorded in the audit trail with the file's
 * SHA-256.
 */
public final class AuditTrailExport {

    public enum Format {
        CSV, PDF;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was written. */
    public record Result(Path file, long entries, String sha256, ChainVerification integrity) {
    }

    /** The CSV columns, in order. */
    public static final String[] CSV_HEADER = { "sequence", "at_utc", "user", "action", "record_type", "record_id",
            "record_label", "attribute", "old_value", "new_value", "reason", "previous_hash", "hash" };

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final RecordStore store;

    public AuditTrailExport(RecordStore store) {
        this.store = store;
    }

    /**
     * Writes the entries matching {@code query} to {@code file} and records the export in the audit trail.
     *
     * @param recordLabel the label of the record the query is restricted to, for the heading (may be null)
     */
    public Result export(AuditQuery query, String recordLabel, Format format, Path file) {
        Principal by = store.principal();
        if (by == null) {
            throw new qms.core.AccessDeniedException("Nobody is signed in: nothing was exported");
        }
        ChainVerification integrity = store.auditTrail().verify();
        long[] count = { 0 };
        String sha;
        try {
            sha = ReportFile.write(file, out -> {
                if (format == Format.CSV) {
                    count[0] = csv(query, out);
                } else {
                    count[0] = new AuditTrailPdf(store, new AuditText(store)).write(query,
                            query.describe(recordLabel), by, integrity, out);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new StoreException("Cannot write " + file + ": " + rootMessage(e) + ". Nothing was exported.", e);
        }
        store.auditTrail().recordExport(format + " export of " + count[0] + " audit entries (" + query.describe(
                recordLabel) + ") to " + file.toAbsolutePath() + ", SHA-256 " + sha);
        return new Result(file, count[0], sha, integrity);
    }

    private long csv(AuditQuery query, OutputStream out) throws IOException {
        long[] n = { 0 };
        CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get()
                .print(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        IOException[] failed = { null };
        store.auditTrail().forEach(query, e -> {
            if (failed[0] != null) {
                return;
            }
            try {
                csv.printRecord(e.sequence(), e.at().toString(), e.user(), e.action().name(), e.recordType(),
                        e.recordId(), e.recordLabel(), e.attribute(), e.oldValue(), e.newValue(), e.reason(),
                        e.previousHash(), e.hash());
                n[0]++;
            } catch (IOException x) {
                failed[0] = x;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        csv.flush();
        return n[0];
    }

    /** A name for the file that says what it holds: audit-trail-20261123-1403.pdf. */
    public static String suggestedName(Format format, Instant now) {
        return "audit-trail-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC)
                .format(now.truncatedTo(ChronoUnit.MINUTES)) + "." + format.extension();
    }

    static String when(AuditEntry e) {
        return UTC.format(e.at());
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
