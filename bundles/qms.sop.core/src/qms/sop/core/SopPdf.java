package qms.sop.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import qms.core.AccessDeniedException;
import qms.core.Days;
import qms.core.Principal;
import qms.core.RecordDiff;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.StoreException;
import qms.model.SignOff;
import qms.reports.PdfReport;
import qms.reports.ReportFile;
import qms.sop.model.EscalationRule;
import qms.sop.model.ProcedureStep;
import qms.sop.model.RoleResponsibility;
import qms.sop.model.SopVersion;

/**
 * An SOP version as a controlled copy (its number, version, status, effective date, content, the signatures of its
 * review and approval each checked against the sign-off it signs, and on every page "uncontrolled when printed" and
 * page x of y), and the comparison of two versions, as PDF files. Each export is recorded in the audit trail with the
 * file's SHA-256; the file appears only when complete.
 */
public final class SopPdf {

    static final String UNCONTROLLED = "Controlled copy \u2014 uncontrolled when printed";

    private final RecordStore store;
    private final SopLifecycle lifecycle;

    public SopPdf(RecordStore store) {
        this.store = store;
        this.lifecycle = new SopLifecycle(store);
    }

    /** Writes the controlled copy of the version to {@code file}; returns the file's SHA-256. */
    public String controlledCopy(SopVersion version, Path file) {
        SopVersion v = (SopVersion) store.get(version.getId());
        Principal by = signedIn();
        String sha = write(file, out -> {
            try (PdfReport pdf = new PdfReport(out, SopVersions.name(v) + " \u2014 " + v.getTitle(), SopVersions
                    .name(v) + " \u2014 " + UNCONTROLLED, true)) {
                pdf.line("Version", SopVersions.name(v), false);
                pdf.line("Status", v.getStatus().getLiteral(), false);
                pdf.line("Effective date", Days.text(v.getEffectiveDate()), false);
                pdf.line("Approved on", Days.text(v.getApprovedOn()) + (v.getApprovedOnPaper() == null ? ""
                        : " (on paper: " + v.getApprovedOnPaper() + ")"), false);
                pdf.line("Author", v.getAuthor() == null ? "" : v.getAuthor().getFullName(), false);
                pdf.line("Printed", Days.moment(Instant.now(), ZoneOffset.UTC) + " by " + by.displayName() + " ("
                        + by.userId() + ")", false);
                pdf.text(UNCONTROLLED + ": check the version in force in the suite before you follow a printed copy.",
                        true);
                section(pdf, "Change summary", v.getChangeSummary());
                section(pdf, "Purpose", v.getPurpose());
                section(pdf, "Scope", v.getScope());
                section(pdf, "Definitions", v.getDefinitions());
                if (!v.getResponsibilities().isEmpty()) {
                    pdf.subheading("Roles and responsibilities");
                    pdf.startTable(new String[] { "Role", "Responsibilities" }, new float[] { 1, 3 });
                    for (RoleResponsibility r : v.getResponsibilities()) {
                        pdf.row(label(r.getRole()), r.getResponsibilities());
                    }
                }
                if (!v.getEscalation().isEmpty()) {
                    pdf.subheading("Escalation matrix");
                    pdf.startTable(new String[] { "Severity", "Who is told", "Within", "How" }, new float[] { 1, 2, 1,
                            2 });
                    for (EscalationRule e : v.getEscalation()) {
                        pdf.row(e.isSetSeverity() ? e.getSeverity().getLiteral() : "", e.getNotify(), e.getWithinHours()
                                + " h", e.getChannel());
                    }
                }
                pdf.subheading("Procedure");
                pdf.startTable(new String[] { "Step", "Action", "Role", "Record" }, new float[] { 0.5f, 4, 1.5f, 1.5f });
                for (ProcedureStep s : v.getSteps()) {
                    pdf.row(String.valueOf(s.getNumber()), s.getAction(), label(s.getRole()), s.getExpectedRecord());
                }
                list(pdf, "Training required for", v.getTrainingRoles());
                list(pdf, "Related SOPs", v.getRelatedSops());
                list(pdf, "Systems", v.getSystems());
                pdf.subheading("Signatures");
                List<SignOff> signOffs = lifecycle.steps().signOffs(v).stream().filter(s -> !(s instanceof qms.sop
                        .model.TrainingRecord)).toList();
                if (signOffs.isEmpty()) {
                    pdf.text(v.getApprovedOnPaper() != null ? "Approved on paper before the suite was in use: "
                            + v.getApprovedOnPaper() : "No signed step yet.", false);
                } else {
                    pdf.startTable(new String[] { "Step", "Requested", "Signature" }, new float[] { 2, 1.5f, 3 });
                    for (SignOff s : signOffs) {
                        List<SignatureCheck> checks = store.signatures().signatures(s.getId());
                        pdf.row(s.getTitle(), s.getRequestedBy() + ", " + Days.moment(s.getRequestedAt().toInstant(),
                                ZoneOffset.UTC), checks.isEmpty() ? "not signed" : String.join("\n", checks.stream()
                                        .map(c -> c.describe() + (c.intact() ? " \u2014 intact" : "")).toList()));
                    }
                }
            }
        });
        store.auditTrail().recordExport("Controlled copy of " + SopVersions.name(v) + " (" + v.getStatus()
                .getLiteral() + ") as PDF to " + file.toAbsolutePath() + ", SHA-256 " + sha);
        return sha;
    }

    /** Writes the comparison of two versions (what changed from {@code before} to {@code after}); the SHA-256. */
    public String comparison(SopVersion before, SopVersion after, Path file) {
        SopVersion a = (SopVersion) store.get(before.getId());
        SopVersion b = (SopVersion) store.get(after.getId());
        List<RecordDiff.Change> changes = VersionComparison.changes(store, a, b);
        Principal by = signedIn();
        String sha = write(file, out -> {
            try (PdfReport pdf = new PdfReport(out, "Changes from " + SopVersions.name(a) + " to " + SopVersions
                    .name(b), "Comparison of " + SopVersions.name(a) + " and " + SopVersions.name(b) + " \u2014 "
                            + UNCONTROLLED)) {
                pdf.line("From", SopVersions.name(a) + " (" + a.getStatus().getLiteral() + ", effective " + Days.text(a
                        .getEffectiveDate()) + ")", false);
                pdf.line("To", SopVersions.name(b) + " (" + b.getStatus().getLiteral() + ", effective " + Days.text(b
                        .getEffectiveDate()) + ")", false);
                pdf.line("Printed", Days.moment(Instant.now(), ZoneOffset.UTC) + " by " + by.displayName(), false);
                pdf.line("Differences", String.valueOf(changes.size()), false);
                pdf.startTable(new String[] { "Field", "Row", "Change", SopVersions.name(a), SopVersions.name(b) },
                        new float[] { 1.2f, 0.8f, 0.7f, 3, 3 });
                for (RecordDiff.Change c : changes) {
                    pdf.row(c.field(), c.item(), c.kind().label(), c.before(), c.after());
                }
            }
        });
        store.auditTrail().recordExport("Comparison of " + SopVersions.name(a) + " and " + SopVersions.name(b)
                + " as PDF to " + file.toAbsolutePath() + ", SHA-256 " + sha);
        return sha;
    }

    private Principal signedIn() {
        Principal by = store.principal();
        if (by == null) {
            throw new AccessDeniedException("Nobody is signed in: nothing was exported");
        }
        return by;
    }

    private static String write(Path file, ReportFile.Writer writer) {
        try {
            return ReportFile.write(file, writer);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("Cannot write " + file.toAbsolutePath() + ": " + e.getMessage() + ". Nothing"
                    + " was exported.", e);
        }
    }

    private static void section(PdfReport pdf, String heading, String text) {
        if (!Days.blank(text)) {
            pdf.subheading(heading);
            pdf.text(text.strip(), false);
        }
    }

    private static void list(PdfReport pdf, String heading, List<? extends org.eclipse.emf.ecore.EObject> records) {
        if (!records.isEmpty()) {
            pdf.line(heading, String.join(", ", records.stream().map(SopPdf::label).toList()), false);
        }
    }

    private static String label(org.eclipse.emf.ecore.EObject r) {
        return r == null ? "" : Records.label(r);
    }
}
