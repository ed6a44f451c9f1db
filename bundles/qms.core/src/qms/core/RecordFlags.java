package qms.core;

import java.util.ArrayList;
import java.util.List;

import qms.model.Record;

/**
 * What a module says about records it does not own, shown wherever the record is shown (its form's heading): a
 * system whose hosting vendor is disqualified or overdue for requalification, an agreement with clause gaps, a
 * system's backup status. A module
 * registers an implementation as an OSGi service; the core never names a module, and without one nothing is flagged.
 */
public interface RecordFlags {

    enum Severity {
        /** How things stand, nothing wrong (a system whose backups are compliant). */
        INFO,
        /** Something to look at (a requalification due soon, a partial clause). */
        WARNING,
        /** Something wrong (a disqualified vendor hosts the system). */
        PROBLEM
    }

    /**
     * One flag: how serious, and what it says ("Hosting vendor Helix … is Disqualified"), and the view that shows
     * more (its id and name, for a link on the form), or null.
     */
    record Flag(Severity severity, String text, String viewId, String viewName) {

        public Flag(Severity severity, String text) {
            this(severity, text, null, null);
        }
    }

    /**
     * The flags on the record (empty if none); reads only. A form asks when it opens and saves, in a job: this runs
     * off the UI thread, possibly at the same time for several forms, so it must be thread-safe and touch no widget.
     */
    List<Flag> flags(RecordStore store, Record record);

    /** Every installed module's flags on the record (none for null: a record deleted meanwhile), problems first. */
    static List<Flag> of(RecordStore store, Record record) {
        List<Flag> flags = new ArrayList<>();
        if (record != null) {
            Services.all(RecordFlags.class).forEach(f -> flags.addAll(f.flags(store, record)));
        }
        flags.sort(java.util.Comparator.comparing(Flag::severity).reversed());
        return flags;
    }
}
