package qms.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

import qms.core.Records;
import qms.core.Validation;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/**
 * A multi-valued reference as a table. Containment (an organisation's sites): a row per contained record with
 * its short attributes as columns; Add creates one and Edit opens it in a dialog. Other references (a person's
 * roles): Add picks existing records. Every change is a command, so it can be undone.
 */
final class ListBinding extends FeatureBinding {

    private final TableViewer viewer;
    private final Button add;
    private final Button edit;
    private final Button remove;
    private final Consumer<EObject> editor;
    /** Rows that were stored when the form opened and never change (null: every row may be edited). */
    private java.util.Set<Object> stored;
    /** Whether the list may be changed here (a locked or read-only list is still read: scrolled, its cells' tips). */
    private boolean enabled = true;

    ListBinding(EditingDomain domain, EObject owner, EReference reference, TableViewer viewer, Button add,
            Button edit, Button remove, Consumer<EObject> editor) {
        super(domain, owner, reference);
        this.viewer = viewer;
        this.add = add;
        this.edit = edit;
        this.remove = remove;
        this.editor = editor;
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        add.addListener(SWT.Selection, e -> {
            if (enabled) {
                add();
            }
        });
        remove.addListener(SWT.Selection, e -> {
            List<?> selected = viewer.getStructuredSelection().toList();
            if (enabled && !selected.isEmpty() && !anyStored()) {
                execute(RemoveCommand.create(domain, owner, feature, selected));
            }
        });
        if (edit != null) {
            edit.addListener(SWT.Selection, e -> editSelection());
            viewer.addDoubleClickListener(e -> editSelection());
        }
        viewer.addSelectionChangedListener(e -> updateButtons());
    }

    /**
     * The columns of a containment table: up to six short attributes and single references (an action's owner) in the
     * form's order (a why's question before its answer), the label attribute always among them.
     */
    static List<EStructuralFeature> columns(EClass type) {
        List<EStructuralFeature> cols = new ArrayList<>();
        EAttribute label = Records.labelAttribute(type);
        qms.core.ModelRegistry model = QmsUi.get().model();
        for (EStructuralFeature f : model.formFeatures(type)) {
            boolean shortValue = f instanceof EAttribute a ? !a.isID() && !model.flag(a, qms.core.Hints.MULTI_LINE)
                    : !((EReference) f).isContainment();
            if (f == label || shortValue && !f.isMany() && !model.flag(f, qms.core.Hints.HIDDEN)) {
                cols.add(f);
            }
        }
        if (label != null && !cols.contains(label)) {
            cols.add(0, label);
        }
        for (int i = cols.size() - 1; cols.size() > 6 && i >= 0; i--) {
            if (cols.get(i) != label) {
                cols.remove(i);
            }
        }
        return cols;
    }

    static void createColumns(TableViewer viewer, EReference reference) {
        if (!reference.isContainment()) {
            TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
            c.getColumn().setWidth(320);
            c.getColumn().setText(Validation.typeLabel(reference.getEReferenceType()));
            RecordLabelProvider labels = new RecordLabelProvider();
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return labels.getText(element);
                }

                @Override
                public org.eclipse.swt.graphics.Image getImage(Object element) {
                    return labels.getImage(element);
                }

                @Override
                public void dispose() {
                    labels.dispose();
                    super.dispose();
                }
            });
            return;
        }
        for (EStructuralFeature a : columns(reference.getEReferenceType())) {
            TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
            c.getColumn().setWidth(160);
            c.getColumn().setText(Validation.featureLabel(a));
            c.setLabelProvider(new ColumnLabelProvider() {
                /** Labels of references read only as ids, looked up once, not at every paint. */
                private final java.util.Map<String, String> proxied = new java.util.HashMap<>();

                @Override
                public String getText(Object element) {
                    Object v = ((EObject) element).eGet(a);
                    if (v instanceof Boolean b) {
                        return b ? "Yes" : "No";
                    }
                    if (v instanceof org.eclipse.emf.common.util.Enumerator e) {
                        return e.getLiteral();
                    }
                    if (v instanceof java.util.Date d) {
                        return qms.ui.DateFields.text(QmsUi.get().model(), (EAttribute) a, d);
                    }
                    if (v instanceof Record r) { // a reference read only as its id is named by the record's label
                        return r.eIsProxy() ? proxied.computeIfAbsent(Records.id(r), id -> QmsUi.get().store().find(id)
                                .map(Records::label).orElse("")) : Records.label(r);
                    }
                    return v == null ? "" : v.toString();
                }
            });
        }
    }

    private void add() {
        EReference reference = (EReference) feature;
        if (reference.isContainment()) {
            List<EClass> types = Candidates.concreteTypes(QmsUi.get().model(), reference.getEReferenceType());
            if (types.isEmpty()) {
                return;
            }
            Record child = Records.newRecord(types.get(0));
            execute(AddCommand.create(domain, owner, feature, child));
            viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(child), true);
            editor.accept(child);
            return;
        }
        RecordLabelProvider labels = new RecordLabelProvider();
        try {
            ElementListSelectionDialog dialog = new ElementListSelectionDialog(viewer.getControl().getShell(),
                    labels);
            dialog.setTitle(Messages.bind(Messages.Form_addTitle, Validation.featureLabel(feature)));
            dialog.setMessage(Messages.Form_chooseMessage);
            List<String> present = ((List<?>) owner.eGet(feature)).stream().map(o -> Records.id((EObject) o))
                    .toList();
            dialog.setElements(Candidates.of(QmsUi.get().store(), reference.getEReferenceType()).stream()
                    .filter(r -> !present.contains(r.getId())).toArray());
            dialog.setMultipleSelection(true);
            if (dialog.open() == ElementListSelectionDialog.OK && dialog.getResult().length > 0) {
                execute(AddCommand.create(domain, owner, feature, List.of(dialog.getResult())));
            }
        } finally {
            labels.dispose();
        }
    }

    /** The rows there are now were stored and never change: only rows added since may be edited or removed. */
    void keepStoredRows() {
        stored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        stored.addAll((List<?>) owner.eGet(feature));
        updateButtons();
    }

    private boolean anyStored() {
        return stored != null && viewer.getStructuredSelection().toList().stream().anyMatch(stored::contains);
    }

    private void editSelection() {
        Object selected = viewer.getStructuredSelection().getFirstElement();
        if (enabled && selected instanceof EObject child && ((EReference) feature).isContainment() && !anyStored()) {
            editor.accept(child);
        }
    }

    private void execute(Command c) {
        if (c.canExecute()) {
            domain.getCommandStack().execute(c);
        }
    }

    private void updateButtons() {
        boolean selected = enabled && !viewer.getStructuredSelection().isEmpty() && !anyStored();
        enable(remove, selected);
        if (edit != null) {
            enable(edit, selected);
        }
    }

    @Override
    Control control() {
        return viewer.getControl();
    }

    @Override
    void refreshWidget() {
        viewer.setInput(((List<?>) owner.eGet(feature)).toArray());
        updateButtons();
    }

    @Override
    void setEnabled(boolean enabled) {
        // the table itself stays enabled: a disabled one greys its rows, takes no selection or scrolling, and GTK
        // shows no tooltip on it (neither a cut-off cell's whole text nor why the list is locked)
        this.enabled = enabled;
        enable(add, enabled);
        updateButtons();
    }

    /** Whether a notification from {@code notifier} concerns this list (the list itself or one of its rows). */
    boolean concerns(Object notifier, EStructuralFeature changed) {
        return notifier == owner && changed == feature
                || notifier instanceof EObject o && o.eContainer() == owner && o.eContainingFeature() == feature;
    }
}
