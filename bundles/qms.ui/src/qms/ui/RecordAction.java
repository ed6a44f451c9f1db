package qms.ui;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.swt.widgets.Shell;

import qms.core.RecordStore;
import qms.model.Record;

/**
 * An action on a saved record, shown as a button under the heading of its form, e.g. "Attach File…" on an
 * evidence file or, in a module, "Run Restore Test" on a backup policy. Register an implementation as an OSGi
 * service (a DS component); the form editor shows every action that applies to its record's class. The business
 * rule belongs in a core bundle; the action only gathers input and calls it.
 */
public interface RecordAction {

    /** What the action does to a record, given to {@link RecordAction#run}. */
    record Context(Shell shell, Record record, RecordStore store) {
    }

    /** Whether the action is offered for records of this class. */
    boolean appliesTo(EClass eClass);

    /** The button's label, e.g. "Verify SHA-256". */
    String label();

    /** A sentence for the tooltip. */
    default String description() {
        return label();
    }

    /**
     * Whether the signed-in user may run it on this record; a disabled action is shown greyed. Default: the user may
     * write records of its class (an auditor, who only reads, sees it disabled). Actions that only read, such as
     * exporting or verifying, return true.
     */
    default boolean enabledFor(RecordStore store, Record record) {
        return store.accounts().mayWrite(record.eClass());
    }

    /**
     * Runs on the UI thread on the record as the editor shows it, saved and unchanged. Changes it makes through the
     * store show in the form; a {@link qms.core.StoreException} it throws is shown to the user.
     */
    void run(Context context);
}
