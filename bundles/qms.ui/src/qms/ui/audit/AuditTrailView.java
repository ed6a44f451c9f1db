package qms.ui.audit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.ChainVerification;
import qms.core.Records;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.internal.Messages;

/**
 * The audit trail of the record selected in the navigator or edited in the active editor: who changed which
 * attribute when, from what to what, and why. Times are shown in the user's time zone; references by the label
 * of the record they point at. "Verify integrity" checks the whole trail's hash chain.
 */
public final class AuditTrailView extends QmsViewPart {

    public static final String ID = "qms.ui.auditTrail";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    /** A line of the table: an entry, or one attribute of a creation's or deletion's snapshot. */
    record Row(AuditEntry entry, String attribute, String oldValue, String newValue) {
    }

    private TableViewer viewer;
    private String recordId;
    private final Map<String, String> labels = new HashMap<>();
    private final ISelectionListener selectionListener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column(Messages.Audit_when, 190, r -> TIME.format(r.entry().at()));
        column(Messages.Audit_user, 90, r -> r.entry().user());
        column(Messages.Audit_action, 80, r -> r.entry().action().name().charAt(0) + r.entry().action().name()
                .substring(1).toLowerCase(java.util.Locale.ROOT));
        column(Messages.Audit_attribute, 140, r -> r.attribute() == null ? "" : r.attribute());
        column(Messages.Audit_old, 200, r -> value(r.entry(), r.oldValue()));
        column(Messages.Audit_new, 200, r -> value(r.entry(), r.newValue()));
        column(Messages.Audit_reason, 200, r -> r.entry().reason() == null ? "" : r.entry().reason());
        column(Messages.Audit_sequence, 60, r -> Long.toString(r.entry().sequence()));
        getSite().getPage().addPostSelectionListener(selectionListener);
        getViewSite().getActionBars().getToolBarManager().add(new Action(Messages.Audit_verify) {
            @Override
            public void run() {
                verify();
            }
        });
        listenForChanges();
        getSite().setSelectionProvider(viewer);
        setContentDescription(Messages.Audit_noSelection);
        IWorkbenchPart active = getSite().getPage().getActivePart();
        if (active != null && active != this) {
            selectionChanged(active, active.getSite().getSelectionProvider() == null ? null
                    : active.getSite().getSelectionProvider().getSelection());
        }
    }

    private void column(String title, int width, Function<Row, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }
        });
    }

    /** References are stored as record ids: show the label of the record they point at, too. */
    private String value(AuditEntry e, String v) {
        if (v == null) {
            return "";
        }
        if (e.action() == AuditAction.CONTENT || !v.matches("[0-9a-f-]{36}( [0-9a-f-]{36})*")) {
            return v;
        }
        StringBuilder b = new StringBuilder();
        for (String id : v.split(" ")) {
            b.append(b.length() == 0 ? "" : ", ").append(labels.computeIfAbsent(id,
                    k -> QmsUi.get().store().find(k).map(Records::label).orElse(k + " (deleted)")));
        }
        return b.toString();
    }

    /** Entries as table rows: a creation or deletion shows each value of its snapshot on a row of its own. */
    static List<Row> rows(List<AuditEntry> entries) {
        List<Row> rows = new java.util.ArrayList<>();
        for (AuditEntry e : entries) {
            boolean snapshot = e.attribute() == null
                    && (e.action() == AuditAction.CREATE || e.action() == AuditAction.DELETE);
            if (!snapshot) {
                rows.add(new Row(e, e.attribute(), e.oldValue(), e.newValue()));
                continue;
            }
            e.values().forEach((attribute, value) -> rows.add(e.action() == AuditAction.CREATE
                    ? new Row(e, attribute, null, value) : new Row(e, attribute, value, null)));
            if (e.values().isEmpty()) {
                rows.add(new Row(e, null, null, null));
            }
        }
        return rows;
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        String id = null;
        if (part instanceof RecordEditor editor) {
            id = editor.record().getId();
        } else if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof Record r) {
            id = r.getId();
        } else {
            return; // keep showing the last record when something else is selected
        }
        if (!id.equals(recordId)) {
            recordId = id;
            reload();
        }
    }

    private void reload() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        labels.clear();
        List<AuditEntry> entries = new java.util.ArrayList<>(recordId == null ? List.of()
                : QmsUi.get().store().auditTrail().forRecord(recordId));
        java.util.Collections.reverse(entries); // newest first
        viewer.setInput(rows(entries));
        String label = entries.isEmpty() ? "" : entries.get(0).recordLabel();
        setContentDescription(recordId == null ? Messages.Audit_noSelection
                : Messages.bind(Messages.Audit_showing, label, entries.size()));
    }

    private void verify() {
        ChainVerification v = QmsUi.get().store().auditTrail().verify();
        if (v.intact()) {
            MessageDialog.openInformation(getSite().getShell(), Messages.Audit_verify,
                    Messages.bind(Messages.Audit_intact, v.entriesChecked(), v.headHash()));
        } else {
            MessageDialog.openError(getSite().getShell(), Messages.Audit_verify,
                    Messages.bind(Messages.Audit_broken, v.firstBroken(), v.problem()));
        }
    }

    @Override
    protected Control mainControl() {
        return viewer == null ? null : viewer.getControl();
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        if (recordId != null && (recordIds.isEmpty() || recordIds.contains(recordId))) {
            reload();
        }
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        super.dispose();
    }
}
