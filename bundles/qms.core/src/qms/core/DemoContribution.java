package qms.core;

/**
 * A module's part of the demo organisation: registered as an OSGi service, called after the core's demo records
 * are stored (find them by name, e.g. the system "EDC Database"), by the user who loads the demo.
 */
public interface DemoContribution {

    /** Adds the module's demo records. */
    void load(RecordStore store);
}
