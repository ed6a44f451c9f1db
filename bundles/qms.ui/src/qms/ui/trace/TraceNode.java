package qms.ui.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IAdaptable;

import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Trace;
import qms.model.Record;

/**
 * A node of the trace tree: the traced record at the root, below it the records one step away, and so on as the
 * reader expands. More than {@link #GROUP_ABOVE} records reached the same way (a system's 60 backup log entries, all
 * "System of") are gathered under one group node, so the other steps stay in view. A record that is already on the
 * path from the root (the finding under the test it relates to) is shown but not expanded again. Two nodes are equal
 * when they are reached by the same steps, so the tree keeps what was expanded when it is rebuilt.
 */
final class TraceNode implements IAdaptable {

    /** Records reached the same way are grouped when there are more than this many. */
    static final int GROUP_ABOVE = 10;

    private final TraceNode parent;
    private final Trace.Step step;
    private final Record record;
    /** A group's steps (record and step are null then); null for a record's node. */
    private final List<Trace.Step> group;
    private final String key;
    private List<TraceNode> children;

    private TraceNode(TraceNode parent, Trace.Step step, Record record, List<Trace.Step> group, String key) {
        this.parent = parent;
        this.step = step;
        this.record = record;
        this.group = group;
        this.key = key;
    }

    private static TraceNode of(TraceNode parent, Trace.Step s) {
        return new TraceNode(parent, s, s.record(), null, parent.key + "/" + s.direction() + ":" + s.relation() + ":"
                + (s.via() == null ? "" : s.via().getId() + ":") + Records.id(s.record()));
    }

    static TraceNode root(Record record) {
        return new TraceNode(null, null, record, null, Records.id(record));
    }

    TraceNode parent() {
        return parent;
    }

    /** The step from the parent record; null at the root and for a group. */
    Trace.Step step() {
        return step;
    }

    /** The record; null for a group. */
    Record record() {
        return record;
    }

    boolean isGroup() {
        return group != null;
    }

    /** A group's steps (all with the same direction and relation). */
    List<Trace.Step> groupSteps() {
        return group;
    }

    /** Whether the record is already shown above, on the path from the root (then it is not expanded here). */
    boolean repeated() {
        if (record == null) {
            return false;
        }
        String id = Records.id(record);
        for (TraceNode n = parent; n != null; n = n.parent) {
            if (n.record != null && id.equals(Records.id(n.record))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the children were read. */
    boolean expanded() {
        return children != null;
    }

    /** The records one step away (or a group's records), read from the store the first time they are asked for. */
    List<TraceNode> children(RecordStore store) {
        if (children == null) {
            List<TraceNode> list = new ArrayList<>();
            if (group != null) {
                group.forEach(s -> list.add(of(this, s)));
            } else if (!repeated()) {
                Map<String, List<Trace.Step>> byWay = new LinkedHashMap<>();
                for (Trace.Step s : Trace.steps(store, record)) {
                    byWay.computeIfAbsent(s.direction() + ":" + s.relation(), k -> new ArrayList<>()).add(s);
                }
                for (Map.Entry<String, List<Trace.Step>> way : byWay.entrySet()) {
                    if (way.getValue().size() > GROUP_ABOVE) {
                        list.add(new TraceNode(this, null, null, List.copyOf(way.getValue()), key + "/group:"
                                + way.getKey()));
                    } else {
                        way.getValue().forEach(s -> list.add(of(this, s)));
                    }
                }
            }
            children = list;
        }
        return children;
    }

    /** The record, for views that follow the selection (the audit trail shows the selected record's). */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return record != null && adapter.isInstance(record) ? adapter.cast(record) : null;
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
