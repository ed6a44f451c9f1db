package qms.ui.navigator;

import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.jface.viewers.ITreeContentProvider;

import qms.core.Query;
import qms.core.Records;
import qms.model.Record;
import qms.ui.QmsUi;

/**
 * Groups per navigator root class; a group's records are read from the store when it is expanded. The groups'
 * record counts are read in the background, so the UI thread never waits for the database to show the groups; the
 * same count finds the records of modules that are not installed, shown as a last node ({@link NotInstalled}).
 */
final class NavigatorContentProvider implements ITreeContentProvider {

    private volatile java.util.Map<String, Long> counts;
    /** The node shown for records of modules not installed; null when there are none (UI thread only). */
    private NotInstalled notInstalled;
    private org.eclipse.jface.viewers.StructuredViewer viewer;

    @Override
    public void inputChanged(org.eclipse.jface.viewers.Viewer v, Object oldInput, Object newInput) {
        viewer = (org.eclipse.jface.viewers.StructuredViewer) v;
    }

    @Override
    public Object[] getElements(Object input) {
        Object[] groups = QmsUi.get().model().navigatorRoots().stream().map(TypeGroup::new).toArray();
        qms.ui.AfterFirstPaint.schedule(org.eclipse.core.runtime.jobs.Job.create(qms.ui.internal.Messages
                .Navigator_counting, monitor -> {
            counts = QmsUi.get().store().countByTypeName();
            if (Boolean.getBoolean("qms.benchmark.startup")) { // when the counts are known, for the benchmark
                System.out.println("QMS-PHASE navigator-counted " + (System.currentTimeMillis()
                        - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
            }
            org.eclipse.swt.widgets.Control c = viewer == null ? null : viewer.getControl();
            if (c != null && !c.isDisposed()) {
                c.getDisplay().asyncExec(() -> {
                    if (!c.isDisposed()) {
                        viewer.update(groups, null);
                        showNotInstalled();
                    }
                });
            }
        }));
        if (notInstalled == null) {
            return groups;
        }
        Object[] withNode = java.util.Arrays.copyOf(groups, groups.length + 1);
        withNode[groups.length] = notInstalled;
        return withNode;
    }

    /** Adds, replaces or removes the node for records of modules not installed, as the last count found them. */
    private void showNotInstalled() {
        java.util.Map<String, Long> byName = QmsUi.get().model().byInstalled(counts, false);
        NotInstalled now = byName.isEmpty() ? null : new NotInstalled(byName);
        if (java.util.Objects.equals(now, notInstalled)) {
            return;
        }
        org.eclipse.jface.viewers.AbstractTreeViewer tree = (org.eclipse.jface.viewers.AbstractTreeViewer) viewer;
        if (notInstalled != null) {
            tree.remove(notInstalled);
        }
        notInstalled = now;
        if (now != null) {
            tree.add(viewer.getInput(), now);
        }
    }

    /** How many records a group has, as of the last refresh; null while they are being counted. */
    Long count(TypeGroup group) {
        java.util.Map<String, Long> c = counts;
        return c == null ? null : c.getOrDefault(qms.core.ModelRegistry.typeName(group.eClass()), 0L);
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof TypeGroup g) {
            EAttribute label = Records.labelAttribute(g.eClass());
            Query q = Query.of(g.eClass());
            List<Record> records = QmsUi.get().store().list(label == null ? q : q.orderBy(label, false));
            if (label == null) {
                return records.stream().sorted(Comparator.comparing(Records::label)).toArray();
            }
            return records.toArray();
        }
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof Record r ? new TypeGroup(r.eClass()) : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof TypeGroup;
    }
}
