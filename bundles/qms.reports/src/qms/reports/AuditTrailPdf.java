package qms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.AuditText;
import qms.core.ChainVerification;
import qms.core.Principal;
import qms.core.RecordStore;

/** The audit trail as a PDF for people: heading, then one row per changed attribute, oldest first. */
final class AuditTrailPdf {

    private static final String[] COLUMNS = { "#", "When (UTC)", "User", "Action", "Record", "Attribute",
            "Old value", "New value", "Reason" };
    private static final float[] WIDTHS = { 4, 10, 7, 7, 14, 10, 17, 17, 14 };

    private final RecordStore store;
    private final AuditText text;

    AuditTrailPdf(RecordStore store, AuditText text) {
        this.store = store;
        this.text = text;
    }

    long write(AuditQuery query, String criteria, Principal by, ChainVerification integrity, OutputStream out)
            throws IOException {
        Instant now = Instant.now();
        long count = store.auditTrail().count(query);
        long[] written = { 0 };
        try (PdfReport pdf = new PdfReport(out, "Audit Trail", "CRO Quality Suite \u2013 audit trail export, "
                + AuditTrailExport.UTC.format(now) + ", by " + by.userId())) {
            pdf.line("Criteria", criteria, false);
            pdf.line("Entries", Long.toString(count), false);
            pdf.line("Exported by", by.displayName() + " (" + by.userId() + "), " + AuditTrailExport.UTC.format(now),
                    false);
            pdf.line("Integrity of the whole trail", describe(integrity), !integrity.intact());
            pdf.startTable(COLUMNS, WIDTHS);
            store.auditTrail().forEach(query, e -> {
                rows(pdf, text, e, true);
                written[0]++;
            });
        }
        return written[0];
    }

    /** "intact: 1,234 entries checked, hash chain head …" or "BROKEN at entry …: …". */
    static String describe(ChainVerification integrity) {
        return integrity.intact()
                ? "intact: " + integrity.entriesChecked() + " entries checked, hash chain head " + integrity.headHash()
                : "BROKEN at entry " + integrity.firstBroken() + ": " + integrity.problem();
    }

    /** The columns of an entry's rows without the record column (a record's own trail). */
    static final String[] RECORD_COLUMNS = { "#", "When (UTC)", "User", "Action", "Attribute", "Old value",
            "New value", "Reason" };
    static final float[] RECORD_WIDTHS = { 4, 11, 8, 8, 13, 20, 20, 16 };

    /** One row per changed attribute of the entry; the entry's own columns on its first row only. */
    static void rows(PdfReport pdf, AuditText text, AuditEntry e, boolean withRecord) {
        boolean first = true;
        for (AuditEntry.Change c : e.changes()) {
            String[] own = { first ? Long.toString(e.sequence()) : "", first ? AuditTrailExport.when(e) : "",
                    first ? e.user() : "", first ? AuditText.action(e.action()) : "" };
            String[] change = { c.attribute(), text.value(e, c.oldValue()), text.value(e, c.newValue()),
                    first ? e.reason() : "" };
            if (withRecord) {
                pdf.row(own[0], own[1], own[2], own[3], first ? record(e) : "", change[0], change[1], change[2],
                        change[3]);
            } else {
                pdf.row(own[0], own[1], own[2], own[3], change[0], change[1], change[2], change[3]);
            }
            first = false;
        }
    }

    private static String record(AuditEntry e) {
        if (e.recordId() == null) {
            return "";
        }
        String type = e.recordType() == null ? "" : e.recordType().substring(e.recordType().indexOf(':') + 1);
        return (e.recordLabel() == null ? e.recordId() : e.recordLabel()) + (type.isEmpty() ? "" : " [" + type + "]");
    }
}
