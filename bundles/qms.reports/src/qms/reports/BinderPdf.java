package qms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import qms.core.AuditQuery;
import qms.core.AuditText;
import qms.core.ChainVerification;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.Trace;
import qms.core.Validation;
import qms.model.EvidenceFile;
import qms.reports.InspectionBinder.Entry;
import qms.reports.InspectionBinder.EvidenceCopy;

/** The binder's PDF: a title page with the contents, then each record on its own pages. */
final class BinderPdf {

    private static final String[] CONTENTS = { "\u00a7", "Record", "Type", "Status", "Reached from",
            "Content SHA-256" };
    private static final float[] CONTENTS_WIDTHS = { 3, 30, 12, 10, 20, 25 };
    private static final String[] FIELDS = { "Field", "Value" };
    private static final float[] FIELDS_WIDTHS = { 25, 75 };
    private static final String[] RELATED = { "Relation", "Record", "Type", "\u00a7" };
    private static final float[] RELATED_WIDTHS = { 25, 50, 20, 5 };
    private static final String[] SIGNATURES = { "Meaning", "Signed by", "Signed at (UTC)", "Content SHA-256 signed",
            "Record still as signed" };
    private static final float[] SIGNATURES_WIDTHS = { 10, 22, 14, 38, 16 };

    private final RecordStore store;
    private final ModelRegistry model;
    private final List<Entry> entries;
    private final Map<String, EvidenceCopy> evidence;
    private final Principal by;
    private final Instant now;
    private final ChainVerification integrity;
    private final Map<String, Entry> byId = new HashMap<>();

    BinderPdf(RecordStore store, List<Entry> entries, Map<String, EvidenceCopy> evidence, Principal by, Instant now,
            ChainVerification integrity) {
        this.store = store;
        this.model = store.model();
        this.entries = entries;
        this.evidence = evidence;
        this.by = by;
        this.now = now;
        this.integrity = integrity;
        entries.forEach(e -> byId.put(Records.id(e.record()), e));
    }

    void write(OutputStream out) throws IOException {
        AuditText text = new AuditText(store);
        try (PdfReport pdf = new PdfReport(out, "Inspection Binder", "CRO Quality Suite \u2013 inspection binder, "
                + InspectionBinder.UTC.format(now) + ", by " + by.userId())) {
            titlePage(pdf);
            for (Entry e : entries) {
                record(pdf, text, e);
            }
        }
    }

    private void titlePage(PdfReport pdf) {
        List<Entry> findings = entries.stream().filter(e -> e.from() == 0).toList();
        for (Entry f : findings) {
            pdf.line("Finding", Records.label(f.record()) + reference(f), false);
        }
        pdf.line("Records", entries.size() + ", each on its own pages below (bookmarks in the side panel)", false);
        long copies = evidence.values().stream().filter(c -> c.path() != null).count();
        long missing = evidence.size() - copies;
        pdf.line("Evidence files", copies + " copied into the folder's evidence/, each checked against the SHA-256"
                + " recorded at capture" + (missing == 0 ? "" : "; " + missing + " NOT copied (see their pages)"),
                missing > 0);
        pdf.line("Exported by", by.displayName() + " (" + by.userId() + "), " + InspectionBinder.UTC.format(now),
                false);
        pdf.line("Integrity of the whole audit trail", AuditTrailPdf.describe(integrity), !integrity.intact());
        pdf.line("What the binder contains", InspectionBinder.SCOPE, false);
        pdf.line("How to check it", "The folder's " + InspectionBinder.MANIFEST + " lists every record with the"
                + " SHA-256 of its content (the value its signatures bind) and every file of the folder, this PDF"
                + " included, with its SHA-256; '" + "sha256sum -c " + InspectionBinder.SUMS
                + "' in the folder checks the files.", false);
        pdf.startTable(CONTENTS, CONTENTS_WIDTHS);
        for (Entry e : entries) {
            pdf.row(Integer.toString(e.number()), Records.label(e.record()),
                    Validation.typeLabel(e.record().eClass()), Trace.status(model, e.record()), reachedFrom(e),
                    store.signatures().contentHash(Records.id(e.record())));
        }
        pdf.endTable();
    }

    private void record(PdfReport pdf, AuditText text, Entry e) {
        String id = Records.id(e.record());
        pdf.section("record-" + e.number(), e.number() + ". " + Records.label(e.record()) + " \u2013 "
                + Validation.typeLabel(e.record().eClass()));
        pdf.line("Record id", id, false);
        pdf.line("Reached from", reachedFrom(e), false);
        pdf.line("Content SHA-256", store.signatures().contentHash(id), false);
        String dates = Trace.dates(model, e.record(), java.time.ZoneOffset.UTC);
        if (!dates.isEmpty()) {
            pdf.line("Dates (UTC)", dates, false);
        }
        if (e.record() instanceof EvidenceFile file) {
            EvidenceCopy copy = evidence.get(id);
            if (copy != null && copy.path() != null) {
                pdf.line("Content", copy.path() + ", " + copy.size() + " bytes, SHA-256 " + copy.sha256()
                        + ": read back from the store and matching the SHA-256 recorded at capture", false);
            } else {
                pdf.line("Content", "NOT in the binder: " + (copy == null ? "not read" : copy.problem())
                        + (file.getSha256() == null ? "" : " (recorded SHA-256 " + file.getSha256() + ")"), true);
            }
        }
        pdf.startTable(FIELDS, FIELDS_WIDTHS);
        for (RecordFields.Field f : RecordFields.of(model, e.record())) {
            pdf.row(f.label(), f.value());
        }
        pdf.endTable();

        List<Trace.Step> related = e.steps().stream().filter(s -> byId.containsKey(Records.id(s.record())))
                .toList();
        pdf.subheading("Related records in this binder (" + related.size() + ")");
        if (!related.isEmpty()) {
            pdf.startTable(RELATED, RELATED_WIDTHS);
            for (Trace.Step s : related) {
                Entry other = byId.get(Records.id(s.record()));
                pdf.row(s.relation(), Records.label(other.record()), Validation.typeLabel(other.record().eClass()),
                        Integer.toString(other.number()));
            }
            pdf.endTable();
        }

        List<SignatureCheck> signatures = store.signatures().signatures(id);
        pdf.subheading("Signatures (" + signatures.size() + ")");
        if (!signatures.isEmpty()) {
            pdf.startTable(SIGNATURES, SIGNATURES_WIDTHS);
            for (SignatureCheck c : signatures) {
                pdf.row(c.signature().getMeaning(), c.signature().getPrintedName() + " (" + c.signature()
                        .getSignerUserId() + ")", InspectionBinder.UTC.format(c.signature().getSignedAt()
                                .toInstant()), c.signature().getContentHash(), c.intact() ? "yes"
                                        : "NO: changed after signing");
            }
            pdf.endTable();
        }

        AuditQuery trail = AuditQuery.all().withRecord(id);
        long entries = store.auditTrail().count(trail);
        pdf.subheading("Audit trail (" + entries + (entries == 1 ? " entry" : " entries") + ", oldest first)");
        pdf.startTable(AuditTrailPdf.RECORD_COLUMNS, AuditTrailPdf.RECORD_WIDTHS);
        store.auditTrail().forEach(trail, a -> AuditTrailPdf.rows(pdf, text, a, false));
        pdf.endTable();
    }

    private String reachedFrom(Entry e) {
        if (e.from() == 0) {
            return "chosen finding";
        }
        Entry from = entries.get(e.from() - 1);
        return "\u00a7" + from.number() + " " + Records.label(from.record()) + ": " + e.relation();
    }

    private static String reference(Entry finding) {
        return finding.record() instanceof qms.model.Finding f && f.getReference() != null
                ? " (" + f.getReference() + ")" : "";
    }
}
