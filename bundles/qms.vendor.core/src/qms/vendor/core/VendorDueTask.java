package qms.vendor.core;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.HeadlessTask;
import qms.core.RecordStore;

/**
 * {@code -task vendor-due}: lists the requalifications, certificates and agreement renewals that are overdue (or
 * expired) or due soon — with {@code -all}, those due later too — for a cron job that mails them. Exits 2 when one is
 * overdue, 0 when none is, 1 on failure. Reads only.
 */
@Component(service = HeadlessTask.class)
public final class VendorDueTask implements HeadlessTask {

    /** The exit code when something is overdue. */
    public static final int OVERDUE = 2;

    private final Clock clock;

    public VendorDueTask() {
        this(Clock.systemUTC());
    }

    VendorDueTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "vendor-due";
    }

    @Override
    public String usage() {
        return "[-all]  (exit code 2: something is overdue)";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        return execute(store, args, out) != 1;
    }

    @Override
    public int execute(RecordStore store, List<String> args, PrintStream out) {
        boolean all = args.contains("-all");
        LocalDate today = LocalDate.now(clock);
        List<VendorDue.Item> items = new VendorDue(store).items(today).stream().filter(i -> all || i.state()
                != VendorDue.State.LATER).toList();
        long overdue = items.stream().filter(i -> i.state() == VendorDue.State.OVERDUE).count();
        out.println("Vendors due as of " + today + ": " + overdue + " overdue, " + (items.size() - overdue) + (all
                ? " due soon or later" : " due soon"));
        VendorDue.State heading = null;
        for (VendorDue.Item i : items) {
            if (i.state() != heading) {
                heading = i.state();
                out.println();
                out.println(heading.label() + ":");
            }
            out.println("  " + i.kind().label() + " \u2014 " + i.vendor() + ": " + i.what() + " \u2014 " + i.when(
                    today) + (i.due() == null ? "" : " (" + i.due() + ")"));
        }
        if (items.isEmpty()) {
            out.println("Nothing is due.");
        }
        return overdue == 0 ? 0 : OVERDUE;
    }
}
