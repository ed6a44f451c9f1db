package qms.sop.core;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import qms.core.Days;
import qms.core.HeadlessTask;
import qms.core.RecordStore;
import qms.sop.model.Incident;
import qms.sop.model.IncidentTask;
import qms.sop.model.NotificationAgreement;

/**
 * {@code -task incident-clocks}: prints every open incident with its next deadlines — the notifications its clocks
 * call for and its open tasks, each with the time left or how long it is overdue — for a cron job that mails them.
 * Exits 2 when one is overdue, 0 when none is, 1 on failure. Reads only.
 */
@Component(service = HeadlessTask.class)
public final class IncidentClocksTask implements HeadlessTask {

    /** The exit code when a deadline is overdue. */
    public static final int OVERDUE = 2;

    private final Clock clock;

    public IncidentClocksTask() {
        this(Clock.systemUTC());
    }

    IncidentClocksTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "incident-clocks";
    }

    @Override
    public String usage() {
        return "[-zone Europe/Berlin]  (exit code 2: a deadline is overdue)";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        return execute(store, args, out) != 1;
    }

    @Override
    public int execute(RecordStore store, List<String> args, PrintStream out) {
        String z = HeadlessTask.argument(args, "-zone");
        ZoneId zone;
        try {
            zone = z == null ? ZoneId.systemDefault() : ZoneId.of(z);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("-zone '" + z + "' is not a time zone (e.g. Europe/Berlin, UTC)");
        }
        Instant now = clock.instant();
        List<NotificationAgreement> agreements = new Incidents(store, clock).agreements();
        Map<String, Incident> open = OpenIncidents.read(store, agreements);
        int overdue = 0;
        out.println("Open incidents: " + open.size() + " (as of " + Days.moment(now, zone) + ")");
        for (Incident i : open.values().stream().sorted(OpenIncidents.BY_AWARENESS).toList()) {
            out.println();
            out.println(Incidents.name(i) + " \u2014 " + i.getStatus().getLiteral() + ", " + (i.isSetSeverity() ? i
                    .getSeverity().getLiteral() : "no severity") + ", aware " + Days.moment(Days.instant(i
                            .getAwareAt()), zone));
            for (RegulatoryClocks.Deadline d : RegulatoryClocks.deadlines(i, agreements)) {
                if (!d.pending()) {
                    continue;
                }
                boolean late = d.due() != null && now.isAfter(d.due());
                overdue += late ? 1 : 0;
                out.println("  " + (late ? "OVERDUE " : "        ") + d.label() + ": notify " + d.recipient() + " by "
                        + (d.due() == null ? "(" + d.basis() + ")" : Days.moment(d.due(), zone) + when(d.left(now))));
            }
            for (IncidentTask t : i.getTasks()) {
                if (t.getDue() == null) {
                    continue;
                }
                boolean late = now.isAfter(t.getDue().toInstant());
                overdue += late ? 1 : 0;
                out.println("  " + (late ? "OVERDUE " : "        ") + "Task " + t.getNumber() + ": " + t.getAction()
                        + " by " + Days.moment(t.getDue().toInstant(), zone) + when(java.time.Duration.between(now, t
                                .getDue().toInstant())));
            }
        }
        out.println();
        out.println(overdue == 0 ? "Nothing is overdue." : overdue + " deadline" + (overdue == 1 ? " is" : "s are")
                + " overdue.");
        return overdue == 0 ? 0 : OVERDUE;
    }

    private static String when(java.time.Duration left) {
        return left == null ? "" : left.isNegative() ? " (overdue by " + RegulatoryClocks.duration(left) + ")"
                : " (" + RegulatoryClocks.duration(left) + " left)";
    }
}
