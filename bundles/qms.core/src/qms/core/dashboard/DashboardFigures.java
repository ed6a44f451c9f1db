package qms.core.dashboard;

import java.util.List;

import qms.core.RecordStore;

/**
 * What a module shows on the QA dashboard: its charts for a period, computed through the store with a few scans
 * (never per record), reading only. A module registers an implementation as an OSGi service; the core never names a
 * module, and without any the dashboard says that no module is installed.
 */
public interface DashboardFigures {

    /** The heading of the module's part of the dashboard ("Backup and restore"). */
    String section();

    /** Where the section stands among the others (lower first). */
    default int order() {
        return 100;
    }

    /** The charts, in the order shown; empty when the module has nothing to show yet. */
    List<Chart> charts(RecordStore store, Period period);
}
