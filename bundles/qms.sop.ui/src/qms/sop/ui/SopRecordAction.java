package qms.sop.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.ui.PlatformUI;

import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.editor.RecordEditor;

/** What the module's record actions share: the class they apply to, their label and tooltip, opening a record. */
abstract class SopRecordAction implements RecordAction {

    /** Moments as the viewer reads them: in the zone of this machine, with the zone named. */
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz")
            .withZone(ZoneId.systemDefault());

    private final EClass type;
    private final String label;
    private final String description;

    SopRecordAction(EClass type, String label, String description) {
        this.type = type;
        this.label = label;
        this.description = description;
    }

    @Override
    public final boolean appliesTo(EClass eClass) {
        return type.isSuperTypeOf(eClass);
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final String description() {
        return description;
    }

    static String local(Date d) {
        return d == null ? "" : LOCAL.format(d.toInstant());
    }

    /** Opens the record's form in the active page. */
    static void open(Record record) {
        RecordEditor.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), record);
    }
}
