package qms.ui.trace;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IAdaptable;

import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Trace;
import qms.model.Record;

/**
 * A record in the trace tree: the traced record at the root, below it the records one step away, and so on as the
 * reader expands. A record that is already on the path from the root (the finding under the test it relates to) is
 * shown but not expanded again. Two nodes are equal when they are reached by the same steps, so the tree keeps what
 * was expanded when it is rebuilt after records change.
 */
final class TraceNode implements IAdaptable {

    private final TraceNode parent;
    private final Trace.Step step;
    private final Record record;
    private final String key;
    private List<TraceNode> children;

    private TraceNode(TraceNode parent, Trace.Step step, Record record) {
        this.parent = parent;
        this.step = step;
        this.record = record;
        this.key = (parent == null ? "" : parent.key + "/" + step.direction() + ":" + step.relation() + ":"
                + (step.via() == null ? "" : step.via().getId() + ":")) + Records.id(record);
    }

    static TraceNode root(Record record) {
        return new TraceNode(null, null, record);
    }

    TraceNode parent() {
        return parent;
    }

    /** The step from the parent; null at the root. */
    Trace.Step step() {
        return step;
    }

    Record record() {
        return record;
    }

    /** Whether the record is already shown above, on the path from the root (then it is not expanded here). */
    boolean repeated() {
        String id = Records.id(record);
        for (TraceNode n = parent; n != null; n = n.parent) {
            if (id.equals(Records.id(n.record))) {
                return true;
            }
        }
        return false;
    }

    /** How many steps from the root. */
    int depth() {
        return parent == null ? 0 : parent.depth() + 1;
    }

    /** Whether the children were read. */
    boolean expanded() {
        return children != null;
    }

    /** The records one step away, read from the store the first time they are asked for. */
    List<TraceNode> children(RecordStore store) {
        if (children == null) {
            List<TraceNode> list = new ArrayList<>();
            if (!repeated()) {
                for (Trace.Step s : Trace.steps(store, record)) {
                    list.add(new TraceNode(this, s, s.record()));
                }
            }
            children = list;
        }
        return children;
    }

    /** The record, for views that follow the selection (the audit trail shows the selected record's). */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(record) ? adapter.cast(record) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceNode n && n.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
