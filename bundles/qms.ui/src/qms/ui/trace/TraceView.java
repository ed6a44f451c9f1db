package qms.ui.trace;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ILazyTreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

import qms.core.IntegrityException;
import qms.core.RecordNotFoundException;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Trace;
import qms.core.Validation;
import qms.model.EvidenceFile;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/**
 * The auditor's evidence browser: a record and everything linked to it, both ways, as a tree that reads the next
 * step from the store when a reader expands a record (finding → the CAPA that addresses it → its actions → their
 * evidence → …). Shows each record's type, status and dates, and for evidence files the SHA-256 recorded when they
 * were stored, which "Verify SHA-256" checks against the stored content. Everything here reads: double-click opens
 * a record in its form, read-only for those who may not change it.
 */
public final class TraceView extends QmsViewPart {

    public static final String ID = "qms.ui.trace";

    private Composite body;
    private Label heading;
    private TreeViewer viewer;
    private RecordLabelProvider labels;
    private TraceNode root;
    /** Records traced before the current one, for Back. */
    private final Deque<Record> history = new ArrayDeque<>();
    /** Evidence ids checked in this view: the result of the check, shown beside the hash. */
    private final Map<String, String> verified = new HashMap<>();
    private Action back;

    /** The family of the job that prepares a session's first trace ({@link #prepareInBackground()}). */
    public static final Object PREPARING = new Object();
    private static volatile String prepared;

    /**
     * After sign-in: reads a trace step (three times) in the background ({@link Trace#prepare}), so that the
     * session's first trace opens as quickly as the later ones. Reads only; a failure (the store closing as the suite
     * exits) is left to the first trace to report. {@code -Dqms.trace.prepare=false} leaves it out.
     */
    public static void prepareInBackground() {
        if (!Boolean.parseBoolean(System.getProperty("qms.trace.prepare", "true"))) {
            return; // to measure what it buys (benchmark P6)
        }
        Job job = new Job(Messages.Trace_preparing) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    prepared = Trace.prepare(QmsUi.get().store(), 2000);
                } catch (RuntimeException e) {
                    prepared = null;
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == PREPARING;
            }
        };
        job.setSystem(true);
        job.setPriority(Job.DECORATE);
        qms.ui.AfterFirstPaint.schedule(job); // once the window is on the screen
    }

    /** The record the last {@link #prepareInBackground()} traced; null if none (yet). */
    public static String prepared() {
        return prepared;
    }

    /** Shows the trace of {@code record} in the page's Trace view, opening the view if needed. */
    public static TraceView open(IWorkbenchPage page, Record record) throws PartInitException {
        TraceView view = (TraceView) page.showView(ID);
        view.trace(record);
        return view;
    }

    @Override
    public void createPartControl(Composite parent) {
        labels = new RecordLabelProvider();
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        heading = new Label(body, SWT.WRAP);
        heading.setText(Messages.Trace_empty);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(heading);
        // virtual: a finding with a thousand pieces of evidence lists them without making a thousand rows; the rows
        // are made and labelled as they scroll into view
        viewer = new TreeViewer(body, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setUseHashlookup(true);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setContentProvider(new Content(viewer));
        ColumnViewerToolTipSupport.enableFor(viewer);
        column(Messages.Trace_record, 380, this::recordText);
        column(Messages.Trace_type, 150, n -> n.isGroup() ? groupType(n) : Validation.typeLabel(n.record().eClass()));
        column(Messages.Trace_status, 110, n -> n.isGroup() ? "" : Trace.status(QmsUi.get().model(), n.record()));
        column(Messages.Trace_dates, 300, n -> n.isGroup() ? "" : Trace.dates(QmsUi.get().model(), n.record(),
                ZoneId.systemDefault()));
        column(Messages.Trace_sha256, 260, this::hashText);
        viewer.addDoubleClickListener(e -> openSelected());
        getSite().setSelectionProvider(viewer);

        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        back = new Action(Messages.Trace_back) {
            @Override
            public void run() {
                if (!history.isEmpty()) {
                    show(history.pop());
                }
            }
        };
        back.setEnabled(false);
        getViewSite().getActionBars().getToolBarManager().add(back);
        getViewSite().getActionBars().getToolBarManager().add(new Action(Messages.Trace_refresh) {
            @Override
            public void run() {
                refresh();
            }
        });
        listenForChanges();
    }

    private void column(String title, int width, Function<TraceNode, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        boolean first = viewer.getTree().getColumnCount() == 1;
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((TraceNode) element);
            }

            @Override
            public Image getImage(Object element) {
                TraceNode n = (TraceNode) element;
                return !first ? null : labels.image(n.isGroup() ? n.groupSteps().get(0).record() : n.record());
            }

            @Override
            public Color getForeground(Object element) {
                TraceNode n = (TraceNode) element;
                boolean failed = !first && n.record() instanceof EvidenceFile e && verified.get(e.getId()) != null
                        && !verified.get(e.getId()).startsWith("\u2713");
                return failed ? viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED)
                        : n.repeated() ? viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY) : null;
            }

            @Override
            public String getToolTipText(Object element) {
                String t = getText(element);
                return t.length() > 40 ? t : null;
            }
        });
    }

    private String recordText(TraceNode n) {
        if (n.isGroup()) {
            return Messages.bind(Messages.Trace_group, n.groupSteps().get(0).relation(), n.groupSteps().size());
        }
        String label = Records.label(n.record());
        if (n.step() == null) {
            return label;
        }
        return n.step().relation() + ": " + label + (n.repeated() ? " " + Messages.Trace_above : "");
    }

    /** The type of a group's records, if they are all of one type. */
    private static String groupType(TraceNode n) {
        org.eclipse.emf.ecore.EClass type = n.groupSteps().get(0).record().eClass();
        return n.groupSteps().stream().allMatch(s -> s.record().eClass() == type) ? Validation.typeLabel(type) : "";
    }

    private String hashText(TraceNode n) {
        if (!(n.record() instanceof EvidenceFile e) || e.getSha256() == null) {
            return "";
        }
        String check = verified.get(e.getId());
        return check == null ? e.getSha256() : check + "  " + e.getSha256();
    }

    /** Shows the trace of a record (remembering the one shown before, for Back). */
    public void trace(Record record) {
        if (root != null && !Records.id(root.record()).equals(Records.id(record))) {
            history.push(root.record());
        }
        show(record);
    }

    private void show(Record record) {
        back.setEnabled(!history.isEmpty());
        root = TraceNode.root(record);
        viewer.setInput(new TraceNode[] { root }); // not the root itself: JFace maps its input to the tree widget
        expand(root);
        updateHeading();
    }

    private void updateHeading() {
        if (root == null) {
            heading.setText(Messages.Trace_empty);
        } else {
            int direct = root.children(QmsUi.get().store()).stream().mapToInt(n -> n.isGroup() ? n.groupSteps().size()
                    : 1).sum();
            heading.setText(Messages.bind(Messages.Trace_heading, Validation.describe(root.record()), direct));
        }
        body.layout(new Control[] { heading });
        setContentDescription("");
    }

    /**
     * Opens the groups one step from the root, so that every record one step away is listed; returns the number of
     * rows the opened groups hold in the tree.
     */
    public int expandGroups() {
        int rows = 0;
        if (root != null) {
            for (TraceNode g : root.children(QmsUi.get().store())) {
                TreeItem item = g.isGroup() ? expand(g) : null;
                if (item != null && item.getExpanded()) {
                    rows += item.getItemCount();
                }
            }
        }
        return rows;
    }

    /**
     * Expands a node, making the rows on its path first: in a virtual tree a row exists only once it is shown (or
     * asked for its text), and JFace expands only rows that exist. Returns the node's row, or null if the node is no
     * longer in the tree.
     */
    private TreeItem expand(TraceNode node) {
        TreeItem item = item(node);
        if (item != null && !item.getExpanded()) {
            // as a reader's click does: the rows are counted, and made when shown (JFace's setExpandedState would
            // make and label every one of a thousand rows: 240 ms against 18)
            viewer.setChildCount(node, Content.hasChildren(node) ? node.children(QmsUi.get().store()).size() : 0);
            item.setExpanded(true);
        }
        return item;
    }

    private TreeItem item(TraceNode node) {
        TreeItem item;
        if (node.parent() == null) {
            item = viewer.getTree().getItemCount() == 0 ? null : viewer.getTree().getItem(0);
        } else {
            TreeItem parent = expand(node.parent());
            int index = parent == null ? -1 : node.parent().children(QmsUi.get().store()).indexOf(node);
            item = index < 0 || index >= parent.getItemCount() ? null : parent.getItem(index);
        }
        if (item != null) {
            item.getText(); // asks the content provider for the row's node (SWT.SetData), so JFace knows the row
        }
        return item;
    }

    /** The record shown at the root; null before anything was traced. */
    public Record traced() {
        return root == null ? null : root.record();
    }

    private void fillContextMenu(IMenuManager menu) {
        if (!(viewer.getStructuredSelection().getFirstElement() instanceof TraceNode n) || n.isGroup()) {
            return;
        }
        menu.add(new Action(Messages.Trace_open) {
            @Override
            public void run() {
                openSelected();
            }
        });
        Action from = new Action(Messages.Trace_fromHere) {
            @Override
            public void run() {
                trace(n.record());
            }
        };
        from.setEnabled(n != root);
        menu.add(from);
        if (n.record() instanceof EvidenceFile e) {
            menu.add(new Separator());
            Action verify = new Action(Messages.Evidence_verify) {
                @Override
                public void run() {
                    verify(e);
                }
            };
            verify.setEnabled(e.getSha256() != null);
            menu.add(verify);
        }
    }

    /**
     * Reads the stored content of an evidence file back and checks it against its recorded SHA-256; the result
     * shows beside the hash and in a dialog. Returns whether it matched.
     */
    public boolean verify(EvidenceFile evidence) {
        String[] problem = { null };
        BusyIndicator.showWhile(viewer.getControl().getDisplay(), () -> {
            try {
                QmsUi.get().store().readContent(evidence.getId());
            } catch (IntegrityException e) {
                problem[0] = e.getMessage();
            } catch (StoreException e) {
                problem[0] = e.getMessage();
            }
        });
        verified.put(evidence.getId(), problem[0] == null ? Messages.Trace_verifiedMark : Messages.Trace_failedMark);
        viewer.refresh();
        if (problem[0] == null) {
            MessageDialog.openInformation(getSite().getShell(), Messages.Evidence_verify, Messages.bind(
                    Messages.Evidence_verified, evidence.getName(), evidence.getSha256()));
        } else {
            MessageDialog.openError(getSite().getShell(), Messages.Evidence_verify, problem[0]);
        }
        return problem[0] == null;
    }

    private void openSelected() {
        if (viewer.getStructuredSelection().getFirstElement() instanceof TraceNode n && n.isGroup()) {
            if (viewer.getExpandedState(n)) {
                viewer.setExpandedState(n, false);
            } else {
                expand(n);
            }
        } else if (viewer.getStructuredSelection().getFirstElement() instanceof TraceNode n) {
            RecordEditor.open(getSite().getPage(), n.record());
        }
    }

    /** Reads the trace again, keeping what was expanded; a traced record that was deleted empties the view. */
    public void refresh() {
        if (root == null || viewer.getControl().isDisposed()) {
            return;
        }
        Object[] expanded = viewer.getExpandedElements();
        Record record;
        try {
            record = QmsUi.get().store().get(Records.id(root.record()));
        } catch (RecordNotFoundException e) {
            root = null;
            viewer.setInput(null);
            updateHeading();
            return;
        }
        root = TraceNode.root(record);
        viewer.setInput(new TraceNode[] { root });
        for (Object n : expanded) { // parents come before their children
            expand((TraceNode) n);
        }
        updateHeading();
    }

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
        refresh();
    }

    @Override
    public void dispose() {
        if (labels != null) {
            labels.dispose();
        }
        super.dispose();
    }

    /**
     * The tree's content, given to the virtual tree as it asks for it: the root, and each node's steps, read from the
     * store when the node is expanded. Whether a record leads anywhere is not read before it is expanded: it is
     * assumed to until it is opened.
     */
    private static final class Content implements ILazyTreeContentProvider {

        private final TreeViewer viewer;

        Content(TreeViewer viewer) {
            this.viewer = viewer;
        }

        private static List<TraceNode> children(Object parent) {
            if (parent instanceof TraceNode[] roots) {
                return List.of(roots);
            }
            return parent instanceof TraceNode n ? n.children(QmsUi.get().store()) : List.of();
        }

        @Override
        public void updateElement(Object parent, int index) {
            List<TraceNode> children = children(parent);
            if (index < children.size()) {
                TraceNode child = children.get(index);
                viewer.replace(parent, index, child);
                viewer.setHasChildren(child, hasChildren(child));
            }
        }

        @Override
        public void updateChildCount(Object element, int currentChildCount) {
            int count = element instanceof TraceNode n && !hasChildren(n) ? 0 : children(element).size();
            if (count != currentChildCount) {
                viewer.setChildCount(element, count);
            }
        }

        static boolean hasChildren(TraceNode n) {
            return n.isGroup() || !n.repeated() && (!n.expanded() || !n.children(QmsUi.get().store()).isEmpty());
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof TraceNode n ? n.parent() : null;
        }
    }
}
