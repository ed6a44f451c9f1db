package qms.ui.editor;

import java.util.Objects;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import qms.core.Records;
import qms.core.Validation;
import qms.model.Record;

/**
 * Identifies the record an editor shows: by id for a stored record, or carrying a new record not yet saved.
 * Two inputs for the same id are equal, so opening a record twice activates its editor.
 */
public final class RecordEditorInput implements IEditorInput {

    private final String id;
    private final EClass eClass;
    private final String name;
    private Record unsaved;

    private RecordEditorInput(String id, EClass eClass, String name, Record unsaved) {
        this.id = id;
        this.eClass = eClass;
        this.name = name;
        this.unsaved = unsaved;
    }

    public static RecordEditorInput of(Record record) {
        return new RecordEditorInput(record.getId(), record.eClass(), Records.label(record), null);
    }

    /** A new record of the class, saved only when the user saves the editor. */
    public static RecordEditorInput create(EClass eClass) {
        Record record = Records.newRecord(eClass);
        return new RecordEditorInput(record.getId(), eClass, "New " + Validation.typeLabel(eClass), record);
    }

    /** A new record filled in beforehand (e.g. from a template), saved only when the user saves the editor. */
    public static RecordEditorInput create(Record unsaved) {
        return new RecordEditorInput(unsaved.getId(), unsaved.eClass(), "New " + Validation.typeLabel(unsaved.eClass()),
                unsaved);
    }

    public String id() {
        return id;
    }

    public EClass eClass() {
        return eClass;
    }

    /** The new record, until it is saved for the first time. */
    Record takeUnsaved() {
        Record r = unsaved;
        unsaved = null;
        return r;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return Validation.typeLabel(eClass) + " " + name;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordEditorInput other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }
}
