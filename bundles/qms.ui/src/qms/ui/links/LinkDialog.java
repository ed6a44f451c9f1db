package qms.ui.links;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.LinkType;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Validation;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/**
 * Links a record to another one: the relation read from the record (a link type's label, or its inverse label for
 * a link that points at the record, e.g. a finding "is addressed by" a CAPA), the kind of record, and the record,
 * filtered as the user types. Returns the new link, unsaved.
 */
final class LinkDialog extends TitleAreaDialog {

    /** A relation the record can take part in: the link type and whether the record is its source. */
    private record Relation(LinkType type, boolean outgoing) {
        String label() {
            return outgoing ? type.label() : type.inverseLabel();
        }
    }

    private final RecordStore store;
    private final Record record;
    private final List<Relation> relations = new ArrayList<>();
    private final List<EClass> kinds;
    private Combo relation;
    private Combo kind;
    private Text filter;
    private TableViewer records;
    private qms.model.Link result;

    LinkDialog(Shell shell, RecordStore store, Record record) {
        super(shell);
        this.store = store;
        this.record = record;
        for (LinkType t : store.model().linkTypes()) {
            relations.add(new Relation(t, true));
        }
        for (LinkType t : store.model().linkTypes()) {
            relations.add(new Relation(t, false));
        }
        kinds = store.model().navigatorRoots().stream().filter(c -> c != QmsPackage.Literals.LINK).toList();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Link_title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(Messages.bind(Messages.Link_heading, Validation.describe(record)));
        setMessage(Messages.Link_message);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(2, false));
        new Label(body, SWT.NONE).setText(Messages.Link_relation);
        relation = new Combo(body, SWT.READ_ONLY);
        relations.forEach(r -> relation.add(r.label()));
        relation.select(0);
        relation.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(body, SWT.NONE).setText(Messages.Link_kind);
        kind = new Combo(body, SWT.READ_ONLY);
        kinds.forEach(c -> kind.add(new qms.ui.navigator.TypeGroup(c).label()));
        kind.select(0);
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(body, SWT.NONE).setText(Messages.Link_filter);
        filter = new Text(body, SWT.BORDER | SWT.SEARCH);
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        records = new TableViewer(body, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridData table = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        table.heightHint = 260;
        table.widthHint = 520;
        records.getTable().setLayoutData(table);
        records.setContentProvider(ArrayContentProvider.getInstance());
        records.setLabelProvider(new RecordLabelProvider());
        records.addFilter(new ViewerFilter() {
            @Override
            public boolean select(org.eclipse.jface.viewers.Viewer v, Object parent, Object element) {
                String typed = filter.getText().strip().toLowerCase(Locale.ROOT);
                return typed.isEmpty() || Records.label((Record) element).toLowerCase(Locale.ROOT).contains(typed);
            }
        });
        kind.addListener(SWT.Selection, e -> load());
        filter.addListener(SWT.Modify, e -> records.refresh());
        records.addSelectionChangedListener(e -> validate());
        records.addDoubleClickListener(e -> {
            if (getButton(IDialogConstants.OK_ID).isEnabled()) {
                okPressed();
            }
        });
        load();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.Link_ok, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    private void load() {
        List<Record> all = new ArrayList<>(store.list(Query.of(kinds.get(kind.getSelectionIndex()))));
        all.removeIf(r -> r.getId().equals(record.getId()));
        all.sort(Comparator.comparing(Records::label, String.CASE_INSENSITIVE_ORDER));
        records.setInput(all);
        validate();
    }

    private void validate() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!records.getStructuredSelection().isEmpty());
        }
    }

    @Override
    protected void okPressed() {
        Record other = (Record) records.getStructuredSelection().getFirstElement();
        Relation r = relations.get(relation.getSelectionIndex());
        result = r.outgoing() ? Records.link(r.type().id(), record, other) : Records.link(r.type().id(), other,
                record);
        super.okPressed();
    }

    /** The link the user asked for (unsaved), or null if cancelled. */
    qms.model.Link link() {
        return result;
    }
}
