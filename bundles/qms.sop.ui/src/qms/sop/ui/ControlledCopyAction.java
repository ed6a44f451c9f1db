package qms.sop.ui;

import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.core.SopPdf;
import qms.sop.core.SopVersions;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.ui.RecordAction;

/**
 * "Controlled Copy (PDF)…": the version as a PDF with its status, effective date, signatures, page x of y and
 * "uncontrolled when printed"; the export is audited with its SHA-256.
 */
@Component(service = RecordAction.class)
public final class ControlledCopyAction extends SopRecordAction {

    static final String TITLE = "Controlled Copy";

    public ControlledCopyAction() {
        super(SopPackage.Literals.SOP_VERSION, "Controlled Copy (PDF)\u2026", "Write the version as a controlled copy"
                + " in PDF: status, effective date, signatures, page x of y");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        SopVersion v = (SopVersion) context.record();
        PdfExport.chooseAndWrite(context.shell(), TITLE, SopVersions.name(v), f -> new SopPdf(context.store())
                .controlledCopy(v, f));
    }
}
