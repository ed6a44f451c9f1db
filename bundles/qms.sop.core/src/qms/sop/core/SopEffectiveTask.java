package qms.sop.core;

import java.io.PrintStream;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.Days;
import qms.core.HeadlessTask;
import qms.core.RecordStore;
import qms.sop.model.SopVersion;

/**
 * {@code -task sop-effective}: makes the approved SOP versions whose effective date has come effective, superseding the
 * versions before them, as the signed-in user (audited) — for a cron job shortly after midnight UTC, so that nothing
 * waits for someone with write rights to open the suite.
 */
@Component(service = HeadlessTask.class)
public final class SopEffectiveTask implements HeadlessTask {

    @Override
    public String name() {
        return "sop-effective";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        List<SopVersion> made = new SopLifecycle(store).applyEffectiveDates();
        for (SopVersion v : made) {
            out.println(SopVersions.name(v) + " '" + v.getTitle() + "' is effective from " + Days.text(v
                    .getEffectiveDate()));
        }
        out.println(made.isEmpty() ? "No approved version's effective date has come." : made.size() + " version"
                + (made.size() == 1 ? "" : "s") + " made effective.");
        return true;
    }
}
