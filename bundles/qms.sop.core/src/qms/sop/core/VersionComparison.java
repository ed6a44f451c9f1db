package qms.sop.core;

import java.util.List;

import qms.core.RecordDiff;
import qms.core.RecordStore;
import qms.core.lifecycle.StepRefusedException;
import qms.sop.model.SopVersion;

/**
 * Two versions of one SOP compared field by field (purpose, scope, title, …) and row by row (steps by their number,
 * the escalation matrix by severity and who is told, responsibilities by role; added, removed and changed rows), as
 * the core's {@link RecordDiff} reads them from the model. Shown on screen and in the comparison PDF.
 */
public final class VersionComparison {

    private VersionComparison() {
    }

    /** What changed from {@code before} to {@code after} (versions of the same SOP, read whole). */
    public static List<RecordDiff.Change> changes(RecordStore store, SopVersion before, SopVersion after) {
        if (!before.getNumber().equals(after.getNumber())) {
            throw new StepRefusedException("Cannot compare " + SopVersions.name(before) + " with "
                    + SopVersions.name(after) + ": they are versions of different SOPs.");
        }
        return new RecordDiff(store.model(), r -> SopVersionRules.label(store, r)).between(before, after);
    }
}
