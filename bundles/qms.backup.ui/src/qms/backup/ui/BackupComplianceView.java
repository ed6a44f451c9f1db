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

    public static final String ID = "qms.backup.ui.compliance";

    private Composite body;
    private DateTime from;
    private DateTime to;
    private Label summary;
    private TableViewer viewer;
    private final Map<ComplianceStatus, Color> colours = new EnumMap<>(ComplianceStatus.class);
    private java.util.Set<String> justRaised = java.util.Set.of();

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite top = new Composite(body, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(6).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        LocalDate today = LocalDate.now();
        from = BackupUi.date(top, "Period from", today.minusDays(30));
        to = BackupUi.date(top, "to", today);
        Button refresh = new Button(top, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> reload());
        summary = new Label(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
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
        column("System", 180, s -> s.system().getName(), null);
        column("Status", 110, s -> s.assessment().status().label(), s -> colours.get(s.assessment().status()));
        column("Reasons", 520, s -> s.assessment().reasons().isEmpty() ? "All rules met"
                : s.assessment().reasons().stream().map(ComplianceRules.Reason::text).collect(Collectors.joining(
                        "; ")), null);
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
                return getText(element);
            }
        });
    }

    /** Computes the statuses again for the period. */
    public void reload() {
        LocalDate f = qms.ui.DateFields.day(from);
        LocalDate t = qms.ui.DateFields.day(to);
        if (t.isBefore(f)) {
            summary.setText("The period ends before it starts.");
            viewer.setInput(List.of());
            return;
        }
        Instant now = Instant.now();
        List<SystemStatus> statuses = BackupUi.compliance().assess(f, t, now);
        viewer.setInput(statuses);
        // a Non-Compliant system gets a finding once (not again while it is open; not at all for an Auditor)
        List<String> ids = qms.backup.core.FindingRaiser.forStatuses(qms.ui.QmsUi.get().store(), statuses, now)
                .stream().map(qms.model.Record::getId).toList();
        int raised = ids.size();
        if (raised > 0) {
            justRaised = java.util.Set.copyOf(ids);
            qms.ui.QmsUi.get().changed(ids); // the navigator shows them; this view has nothing new to compute
        }
        Map<ComplianceStatus, Long> counts = statuses.stream().collect(Collectors.groupingBy(
                s -> s.assessment().status(), () -> new EnumMap<>(ComplianceStatus.class), Collectors.counting()));
        summary.setText(statuses.size() + " systems: " + counts.getOrDefault(ComplianceStatus.NON_COMPLIANT, 0L)
                + " Non-Compliant, " + counts.getOrDefault(ComplianceStatus.AT_RISK, 0L) + " At Risk, "
                + counts.getOrDefault(ComplianceStatus.COMPLIANT, 0L) + " Compliant" + (raised == 0 ? ""
                        : "; " + raised + " finding(s) raised"));
        summary.getParent().layout();
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
