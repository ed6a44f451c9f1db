package qms.backup.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;

import qms.backup.core.BackupCompliance.SystemStatus;
import qms.backup.core.ComplianceRules;
import qms.backup.core.ComplianceStatus;
import qms.ui.QmsViewPart;

/**
 * Backup compliance per computerized system for a period: the computed status, every reason, when the next
 * restoration test is due and the policy. Double-click opens the system.
 */
public final class BackupComplianceView extends QmsViewPart {

    public static final String ID = qms.backup.core.BackupFlags.COMPLIANCE_VIEW; // the id plugin.xml gives it
    /** The question before Raise Findings… writes. */
    public static final String RAISE_TITLE = "Raise Findings";

    private Composite body;
    private DateTime from;
    private DateTime to;
    private Label summary;
    private TableViewer viewer;
    private final Map<ComplianceStatus, Color> colours = new EnumMap<>(ComplianceStatus.class);
    private java.util.Set<String> justRaised = java.util.Set.of();
    private Button raise;
    private List<qms.backup.core.FindingRaiser.Pending> pending = List.of();

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite top = new Composite(body, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(7).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        LocalDate today = LocalDate.now();
        from = BackupUi.date(top, "Period from", today.minusDays(30));
        to = BackupUi.date(top, "to", today);
        Button refresh = new Button(top, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> reload());
        raise = new Button(top, SWT.PUSH);
        raise.setText("Raise &Findings\u2026");
        raise.setToolTipText("Raises a finding for each Non-Compliant system that has no open one (ready for CAPA);"
                + " lists them first");
        raise.addListener(SWT.Selection, e -> raiseFindings());
        summary = new Label(top, SWT.WRAP); // a row of its own: the counts and the findings are never cut off
        GridDataFactory.fillDefaults().grab(true, false).span(7, 1).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        qms.ui.DateFields.onChange(from, this::reload);
        qms.ui.DateFields.onChange(to, this::reload);

        for (ComplianceStatus s : ComplianceStatus.values()) {
            colours.put(s, BackupUi.background(parent.getDisplay(), s));
        }
        viewer = new TableViewer(body, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer); // cut-off cells shown whole
        column("System", 180, s -> s.system().getName(), null);
        column("Status", 110, s -> s.assessment().status().label(), s -> colours.get(s.assessment().status()));
        column("Reasons", 520, s -> reasons(s, "; "), null);
        column("Next restore test due", 150, s -> s.policy() == null ? "\u2014"
                : s.assessment().nextRestoreTestDue() == null ? "overdue"
                        : s.assessment().nextRestoreTestDue().toString(), null);
        column("Policy", 200, s -> s.policy() == null ? "none" : s.policy().getName(), null);
        viewer.addDoubleClickListener(e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof SystemStatus s) {
                BackupUi.open(getSite().getPage(), s.system());
            }
        });
        listenForChanges();
        reload();
    }

    private void column(String title, int width, java.util.function.Function<SystemStatus, String> text,
            java.util.function.Function<SystemStatus, Color> background) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((SystemStatus) element);
            }

            @Override
            public Color getBackground(Object element) {
                return background == null ? null : background.apply((SystemStatus) element);
            }

            @Override
            public String getToolTipText(Object element) {
                SystemStatus s = (SystemStatus) element;
                return title.equals("Reasons") ? reasons(s, "\n") : getText(element); // one reason a line
            }
        });
    }

    private static String reasons(SystemStatus s, String between) {
        return s.assessment().reasons().isEmpty() ? "All rules met"
                : s.assessment().reasons().stream().map(ComplianceRules.Reason::text).collect(Collectors.joining(
                        between));
    }

    /** Computes the statuses again for the period. */
    public void reload() {
        LocalDate f = qms.ui.DateFields.day(from);
        LocalDate t = qms.ui.DateFields.day(to);
        if (t.isBefore(f)) {
            summary.setText("The period ends before it starts.");
            viewer.setInput(List.of());
            pending = List.of();
            raise.setEnabled(false);
            return;
        }
        Instant now = Instant.now();
        List<SystemStatus> statuses = BackupUi.compliance().assess(f, t, now);
        viewer.setInput(statuses);
        // looking writes nothing: the findings a Non-Compliant system would get are raised by Raise Findings…
        pending = qms.backup.core.FindingRaiser.pending(qms.ui.QmsUi.get().store(), statuses);
        raise.setEnabled(!pending.isEmpty() && qms.ui.QmsUi.get().store().accounts().mayWrite(
                qms.model.QmsPackage.Literals.FINDING));
        showSummary(statuses, 0);
    }

    private void showSummary(List<SystemStatus> statuses, int raised) {
        Map<ComplianceStatus, Long> counts = statuses.stream().collect(Collectors.groupingBy(
                s -> s.assessment().status(), () -> new EnumMap<>(ComplianceStatus.class), Collectors.counting()));
        summary.setText(statuses.size() + " systems: " + counts.getOrDefault(ComplianceStatus.NON_COMPLIANT, 0L)
                + " Non-Compliant, " + counts.getOrDefault(ComplianceStatus.AT_RISK, 0L) + " At Risk, "
                + counts.getOrDefault(ComplianceStatus.COMPLIANT, 0L) + " Compliant" + (raised > 0 ? "; "
                        + findings(raised) + " raised" : pending.isEmpty() ? "" : "; " + findings(pending.size())
                                + " would be raised"));
        summary.getParent().layout();
    }

    private static String findings(int n) {
        return n == 1 ? "1 finding" : n + " findings";
    }

    /** Lists the findings that would be raised and raises them when the QA manager confirms. */
    private void raiseFindings() {
        if (pending.isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder();
        pending.stream().limit(15).forEach(p -> list.append("\n\u2022 ").append(p.title()).append(" (").append(p
                .grade().getLiteral()).append(')'));
        if (pending.size() > 15) {
            list.append("\n\u2026 and ").append(pending.size() - 15).append(" more");
        }
        String what = findings(pending.size());
        org.eclipse.jface.dialogs.MessageDialog ask = new org.eclipse.jface.dialogs.MessageDialog(getSite()
                .getShell(), RAISE_TITLE, null, "These " + what + " will be raised, each with the system's"
                        + " Non-Compliant reasons, a response due in 30 days and the system linked:\n" + list,
                org.eclipse.jface.dialogs.MessageDialog.QUESTION, 0, "&Raise " + what, "Cancel");
        if (ask.open() != 0) {
            return;
        }
        List<String> ids = qms.backup.core.FindingRaiser.raise(qms.ui.QmsUi.get().store(), pending, Instant.now())
                .stream().map(qms.model.Record::getId).toList();
        justRaised = java.util.Set.copyOf(ids);
        pending = List.of();
        raise.setEnabled(false);
        showSummary(shown(), ids.size());
        qms.ui.QmsUi.get().changed(ids); // the navigator shows them; this view has nothing new to compute
    }

    /** The statuses shown. */
    @SuppressWarnings("unchecked")
    public List<SystemStatus> shown() {
        return (List<SystemStatus>) viewer.getInput();
    }

    @Override
    protected Control mainControl() {
        return body;
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        if (!recordIds.isEmpty() && justRaised.containsAll(recordIds)) {
            return; // the findings this view just raised: keep saying so
        }
        reload();
    }

    @Override
    public void dispose() {
        colours.values().forEach(Color::dispose);
        super.dispose();
    }
}
