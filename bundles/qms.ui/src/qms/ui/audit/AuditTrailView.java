package qms.ui.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.emf.ecore.EPackage;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.AuditText;
import qms.core.ChainVerification;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.Record;
import qms.reports.AuditTrailExport;
import qms.reports.AuditTrailExport.Format;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.internal.Messages;

/**
 * The audit trail for review: the entries of the record selected in the navigator or edited in the active editor,
 * or of all records, filtered by user, module, kind of action and period; newest first, a page at a time. Shows
 * old and new value per attribute, the reason, signatures, sign-ins and the suite's own backups. Exports what the
 * filters select to CSV (values and hashes as stored) or PDF (for people), and verifies the whole hash chain.
 * Everything here is reading, so auditors may use all of it.
 */
public final class AuditTrailView extends QmsViewPart {

    public static final String ID = "qms.ui.auditTrail";

    /** Entries read per page. */
    static final int PAGE = 500;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    /** The kinds of action the filter offers, by label. */
    static final Map<String, Set<AuditAction>> KINDS = new LinkedHashMap<>();
    static {
        KINDS.put(Messages.Audit_anyAction, Set.of());
        KINDS.put(Messages.Audit_kindChanges, EnumSet.of(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE,
                AuditAction.CONTENT));
        KINDS.put(Messages.Audit_kindSignatures, EnumSet.of(AuditAction.SIGNATURE));
        KINDS.put(Messages.Audit_kindSessions, EnumSet.of(AuditAction.SIGN_IN, AuditAction.SIGN_IN_FAILED,
                AuditAction.LOCKOUT, AuditAction.UNLOCK, AuditAction.SIGN_OUT, AuditAction.PASSWORD));
        KINDS.put(Messages.Audit_kindDenials, EnumSet.of(AuditAction.DENIED));
        KINDS.put(Messages.Audit_kindBackups, EnumSet.of(AuditAction.BACKUP));
        KINDS.put(Messages.Audit_kindExports, EnumSet.of(AuditAction.EXPORT));
        KINDS.put(Messages.Audit_kindSystem, EnumSet.of(AuditAction.SYSTEM));
    }

    /** A line of the table: one changed attribute of an entry. */
    record Row(AuditEntry entry, boolean first, AuditEntry.Change change) {
    }

    /** The folder of the last export in this session (the first one offers the home folder). */
    private static Path exportFolder;
    private Composite body;
    private TableViewer viewer;
    private Button onlySelected;
    private Combo user;
    private Combo module;
    private Combo kind;
    private Button fromOn;
    private DateTime from;
    private Button toOn;
    private DateTime to;
    private Label status;
    private Button more;
    private final List<String> modulePrefixes = new ArrayList<>();
    private String recordId;
    private String recordLabel;
    private AuditText text;
    private final List<AuditEntry> shown = new ArrayList<>();
    private long matching;
    private final ISelectionListener selectionListener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        text = new AuditText(QmsUi.get().store());
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        createFilters(body);
        viewer = new TableViewer(body, SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        column(Messages.Audit_when, 170, r -> TIME.format(r.entry().at()), null);
        column(Messages.Audit_user, 90, r -> r.entry().user(), null);
        column(Messages.Audit_action, 90, r -> AuditText.action(r.entry().action()), null);
        column(Messages.Audit_record, 160, r -> r.entry().recordLabel() == null ? "" : r.entry().recordLabel(), null);
        // as the form names and shows them; the stored name and value (what the exports keep) in the tooltip
        column(Messages.Audit_attribute, 150, r -> text.attribute(r.entry(), r.change().attribute()),
                r -> r.change().attribute());
        column(Messages.Audit_old, 190, r -> text.shown(r.entry(), r.change().attribute(), r.change().oldValue(),
                ZoneId.systemDefault()), r -> r.change().oldValue());
        column(Messages.Audit_new, 300, r -> text.shown(r.entry(), r.change().attribute(), r.change().newValue(),
                ZoneId.systemDefault()), r -> r.change().newValue());
        column(Messages.Audit_reason, 260, r -> r.entry().reason() == null ? "" : r.entry().reason(), null);
        column(Messages.Audit_sequence, 60, r -> Long.toString(r.entry().sequence()), null);
        createActions(getViewSite().getActionBars().getToolBarManager());
        getSite().getPage().addPostSelectionListener(selectionListener);
        listenForChanges();
        getSite().setSelectionProvider(viewer);
        IWorkbenchPart active = getSite().getPage().getActivePart();
        if (active != null && active != this) {
            selectionChanged(active, active.getSite().getSelectionProvider() == null ? null
                    : active.getSite().getSelectionProvider().getSelection());
        }
        reload();
    }

    private void createFilters(Composite body) {
        Composite filters = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filters);
        GridLayoutFactory.fillDefaults().numColumns(7).margins(4, 2).applyTo(filters);
        onlySelected = new Button(filters, SWT.CHECK);
        onlySelected.setText(Messages.Audit_onlySelected);
        onlySelected.setSelection(true);
        onlySelected.addListener(SWT.Selection, e -> reload());
        user = combo(filters, Messages.Audit_user);
        module = combo(filters, Messages.Audit_module);
        kind = combo(filters, Messages.Audit_action);
        KINDS.keySet().forEach(kind::add);
        kind.select(0);
        Composite statusLine = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLine);
        GridLayoutFactory.fillDefaults().numColumns(6).margins(4, 0).applyTo(statusLine);
        fromOn = new Button(statusLine, SWT.CHECK);
        fromOn.setText(Messages.Audit_from);
        from = new DateTime(statusLine, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
        toOn = new Button(statusLine, SWT.CHECK);
        toOn.setText(Messages.Audit_to);
        to = new DateTime(statusLine, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
        for (Button b : new Button[] { fromOn, toOn }) {
            b.addListener(SWT.Selection, e -> reload());
        }
        for (DateTime d : new DateTime[] { from, to }) {
            qms.ui.DateFields.onChange(d, () -> {
                (d == from ? fromOn : toOn).setSelection(true);
                reload();
            });
        }
        status = new Label(statusLine, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).indent(12, 0).applyTo(status);
        more = new Button(statusLine, SWT.PUSH);
        more.setText(Messages.bind(Messages.Audit_more, PAGE));
        more.addListener(SWT.Selection, e -> loadMore());
        fillChoices();
    }

    private Combo combo(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Combo c = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        c.addListener(SWT.Selection, e -> reload());
        return c;
    }

    /** The users and modules the trail knows; the user list grows as people sign in, so it is read on refresh. */
    private void fillChoices() {
        String chosenUser = user.getSelectionIndex() > 0 ? user.getText() : null;
        if (user.getItemCount() == 0) {
            user.add(Messages.Audit_anyUser);
            user.select(0);
        }
        // every user id in the trail: a scan of the whole trail, so not on the UI thread
        qms.ui.AfterFirstPaint.schedule(org.eclipse.core.runtime.jobs.Job.createSystem(Messages.Audit_readingUsers,
                monitor -> {
            List<String> users = QmsUi.get().store().auditTrail().users();
            body.getDisplay().asyncExec(() -> {
                if (user.isDisposed()) {
                    return;
                }
                String chosen = user.getSelectionIndex() > 0 ? user.getText() : chosenUser;
                user.removeAll();
                user.add(Messages.Audit_anyUser);
                users.forEach(user::add);
                user.select(chosen == null ? 0 : Math.max(0, user.indexOf(chosen)));
            });
        }));
        if (module.getItemCount() == 0) {
            module.add(Messages.Audit_anyModule);
            for (EPackage p : QmsUi.get().store().model().packages()) {
                module.add(p.getName() + " (" + p.getNsPrefix() + ")");
                modulePrefixes.add(p.getNsPrefix());
            }
            module.select(0);
        }
    }

    private void createActions(IToolBarManager toolBar) {
        toolBar.add(new Action(Messages.Audit_refresh) {
            @Override
            public void run() {
                text.clear();
                fillChoices();
                reload();
            }
        });
        for (Format format : Format.values()) {
            toolBar.add(new Action(Messages.bind(Messages.Audit_export, format)) {
                @Override
                public void run() {
                    chooseAndExport(format);
                }
            });
        }
        toolBar.add(new Action(Messages.Audit_verify) {
            @Override
            public void run() {
                verify();
            }
        });
    }

    /**
     * @param stored the stored text behind what the cell shows (an attribute's name, a value as stored), named in
     *               the tooltip when it differs; null when the cell shows it as it is
     */
    private void column(String title, int width, Function<Row, String> label, Function<Row, String> stored) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getToolTipText(Object element) {
                Row r = (Row) element;
                String shown = full(r);
                String raw = stored == null ? null : stored.apply(r);
                if (raw != null && !raw.equals(shown)) {
                    return shown + "\n\n" + Messages.bind(Messages.Audit_stored, raw);
                }
                // cut by the column or by the row's single line: shown whole
                return shown.length() > 30 || shown.contains("\n") ? shown : null;
            }

            @Override
            public String getText(Object element) {
                String shown = full((Row) element);
                int line = shown.indexOf('\n');
                return line < 0 ? shown : shown.substring(0, line) + " \u2026"; // one line a row; all in the tooltip
            }

            private String full(Row r) {
                // an entry with several changed attributes shows who/when/what once, on its first line
                boolean repeated = !r.first() && (title.equals(Messages.Audit_when) || title.equals(Messages.Audit_user)
                        || title.equals(Messages.Audit_action) || title.equals(Messages.Audit_record));
                return repeated ? "" : label.apply(r);
            }
        });
    }

    /** The criteria the filters describe now. */
    public AuditQuery query() {
        String id = onlySelected.getSelection() ? recordId : null;
        if (onlySelected.getSelection() && id == null) {
            id = "(none)"; // nothing selected yet: match nothing rather than everything
        }
        String userId = user.getSelectionIndex() > 0 ? user.getText() : null;
        String prefix = module.getSelectionIndex() > 0 ? modulePrefixes.get(module.getSelectionIndex() - 1) : null;
        Instant start = fromOn.getSelection() ? startOf(from, 0) : null;
        Instant end = toOn.getSelection() ? startOf(to, 1) : null;
        if (start != null && end != null && !start.isBefore(end)) {
            end = start.plusSeconds(86_400); // "to" before "from": the one day chosen in "from"
        }
        return new AuditQuery(id, userId, start, end, prefix, KINDS.get(kind.getText()));
    }

    private static Instant startOf(DateTime d, int plusDays) {
        return qms.ui.DateFields.day(d).plusDays(plusDays)
                .atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    /** Entries as table rows: each changed attribute on a line of its own. */
    static List<Row> rows(List<AuditEntry> entries) {
        List<Row> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            boolean first = true;
            for (AuditEntry.Change c : e.changes()) {
                rows.add(new Row(e, first, c));
                first = false;
            }
        }
        return rows;
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        Record r;
        if (part instanceof RecordEditor editor) {
            r = editor.record();
        } else if (selection instanceof IStructuredSelection s && org.eclipse.core.runtime.Adapters.adapt(
                s.getFirstElement(), Record.class) != null) {
            r = org.eclipse.core.runtime.Adapters.adapt(s.getFirstElement(), Record.class); // a record, or a trace node
        } else {
            return; // keep showing the last record when something else is selected
        }
        if (!r.getId().equals(recordId)) {
            recordId = r.getId();
            named(r);
            if (onlySelected.getSelection()) {
                reload();
            }
        } else if (!Records.label(r).equals(recordLabel)) {
            named(r); // the same record under its new name (a new record saved with its name)
            if (onlySelected.getSelection()) {
                show(query());
            }
        }
    }

    private void named(Record r) {
        recordLabel = Records.label(r);
        onlySelected.setText(Messages.bind(Messages.Audit_onlyRecord, recordLabel));
        onlySelected.getParent().layout();
    }

    private void reload() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        shown.clear();
        text.clear();
        AuditQuery q = query();
        if (onlySelected.getSelection() && recordId == null) {
            matching = 0; // nothing selected: nothing to read
        } else {
            matching = QmsUi.get().store().auditTrail().count(q);
            shown.addAll(QmsUi.get().store().auditTrail().search(q, 0, PAGE));
        }
        show(q);
    }

    private void loadMore() {
        AuditQuery q = query();
        shown.addAll(QmsUi.get().store().auditTrail().search(q, shown.size(), PAGE));
        show(q);
    }

    private void show(AuditQuery q) {
        viewer.setInput(rows(shown));
        boolean nothingSelected = onlySelected.getSelection() && recordId == null;
        status.setText(nothingSelected ? Messages.Audit_noSelection
                : matching == 0 ? Messages.bind(Messages.Audit_showingNone, q.describe(recordLabel))
                        : Messages.bind(Messages.Audit_showing, new Object[] { shown.size(), matching, q.describe(
                                recordLabel) }));
        status.setToolTipText(status.getText()); // whole, where the view is too narrow for it
        more.setEnabled(shown.size() < matching);
        status.getParent().layout();
        setContentDescription("");
    }

    private void chooseAndExport(Format format) {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setText(Messages.bind(Messages.Audit_exportTitle, format));
        dialog.setFilterExtensions(new String[] { "*." + format.extension() });
        dialog.setFilterPath(exportFolder == null ? System.getProperty("user.home") : exportFolder.toString());
        dialog.setFileName(AuditTrailExport.suggestedName(format, Instant.now()));
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            exportFolder = Path.of(chosen).toAbsolutePath().getParent();
            AuditTrailExport.Result result = export(format, Path.of(chosen));
            if (result != null && MessageDialog.openQuestion(getSite().getShell(), Messages.bind(
                    Messages.Audit_exportTitle, format), Messages.bind(Messages.Audit_exported, new Object[] {
                            result.entries(), result.file(), result.sha256() }))) {
                Program.launch(result.file().toString());
            }
        }
    }

    /** Exports what the filters select to {@code file}; shows an error and returns null if it fails. */
    public AuditTrailExport.Result export(Format format, Path file) {
        AuditQuery q = query();
        AuditTrailExport.Result[] result = { null };
        BusyIndicator.showWhile(getSite().getShell().getDisplay(), () -> {
            try {
                result[0] = new AuditTrailExport(QmsUi.get().store()).export(q, recordLabel, format, file);
            } catch (StoreException e) {
                MessageDialog.openError(getSite().getShell(), Messages.bind(Messages.Audit_exportTitle, format),
                        e.getMessage());
            }
        });
        reload(); // the export itself is in the trail now
        return result[0];
    }

    private void verify() {
        ChainVerification[] v = { null };
        BusyIndicator.showWhile(getSite().getShell().getDisplay(),
                () -> v[0] = QmsUi.get().store().auditTrail().verify());
        if (v[0].intact()) {
            MessageDialog.openInformation(getSite().getShell(), Messages.Audit_verify,
                    Messages.bind(Messages.Audit_intact, v[0].entriesChecked(), v[0].headHash()));
        } else {
            MessageDialog.openError(getSite().getShell(), Messages.Audit_verify,
                    Messages.bind(Messages.Audit_broken, v[0].firstBroken(), v[0].problem()));
        }
    }

    /** The filters and the table: what the UI tests' driver searches. */
    @Override
    protected Control mainControl() {
        return body;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        if (recordId != null && recordIds.contains(recordId)) { // saved: it may have a new name
            QmsUi.get().store().find(recordId).ifPresent(r -> {
                if (!Records.label(r).equals(recordLabel)) {
                    named(r);
                }
            });
        }
        if (!onlySelected.getSelection() || recordId != null && (recordIds.isEmpty()
                || recordIds.contains(recordId))) {
            reload();
        }
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        super.dispose();
    }
}
