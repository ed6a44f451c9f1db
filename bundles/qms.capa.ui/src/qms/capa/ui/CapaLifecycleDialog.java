package qms.capa.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import qms.capa.core.CapaLifecycle;
import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaStatus;
import qms.capa.model.ClosureApproval;
import qms.capa.model.DueDateExtension;
import qms.capa.model.EffectivenessVerification;
import qms.capa.model.PlanApproval;
import qms.capa.model.SignOff;
import qms.core.RecordStore;
import qms.core.StoreException;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.security.StepSignatureDialog;

/**
 * A CAPA's lifecycle: where it stands, every step with a button — enabled when the CAPA's state and your roles allow
 * it, otherwise with the reason beside it — and the history of its sign-offs with their signatures.
 */
final class CapaLifecycleDialog extends TitleAreaDialog {

    static final String TITLE = "CAPA Lifecycle";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final RecordStore store;
    private final Capa capa;
    private final CapaLifecycle lifecycle;
    private Composite body;

    /** One step: its button text, why it is not possible now (empty if it is), and what it does. */
    private record Step(String label, Supplier<Optional<String>> whyNot, Runnable run) {
    }

    CapaLifecycleDialog(Shell parent, RecordStore store, Capa capa) {
        super(parent);
        this.store = store;
        this.capa = capa;
        this.lifecycle = new CapaLifecycle(store);
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.fillDefaults().margins(10, 8).applyTo(body);
        fill();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
        super.buttonPressed(buttonId);
    }

    private String user() {
        return Session.principal() == null ? "" : Session.principal().userId();
    }

    private List<Step> steps() {
        String user = user();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Submit Plan for Approval", () -> lifecycle.whyNotSubmitPlan(capa), () -> {
            lifecycle.submitPlan(capa);
        }));
        steps.add(new Step("Approve Plan\u2026", () -> lifecycle.whyNotApprovePlan(capa, user), () -> sign(
                "Approve the plan of " + name(), CapaLifecycle.APPROVED, lifecycle.pending(capa, PlanApproval.class),
                (u, p) -> lifecycle.approvePlan(capa, u, p))));
        steps.add(new Step("Start Work", () -> lifecycle.whyNotStart(capa), () -> lifecycle.start(capa)));
        steps.add(new Step("Mark Implemented", () -> lifecycle.whyNotImplemented(capa), () -> lifecycle
                .markImplemented(capa)));
        steps.add(new Step("Begin Effectiveness Check", () -> lifecycle.whyNotBeginCheck(capa), () -> lifecycle
                .beginEffectivenessCheck(capa)));
        steps.add(new Step("Record Check Result\u2026", () -> lifecycle.whyNotRecordEffectiveness(capa), () -> {
            CheckResultDialog d = new CheckResultDialog(getShell(), store, capa);
            if (d.open() == Window.OK) {
                lifecycle.recordEffectiveness(capa, d.result(), d.note(), d.evidence());
            }
        }));
        steps.add(new Step("Verify Effectiveness\u2026", () -> lifecycle.whyNotVerifyEffectiveness(capa, user),
                () -> sign("Verify the effectiveness check of " + name(), CapaLifecycle.VERIFIED, lifecycle.pending(
                        capa, EffectivenessVerification.class), (u, p) -> lifecycle.verifyEffectiveness(capa, u, p))));
        steps.add(new Step("Request Closure", () -> lifecycle.whyNotRequestClosure(capa), () -> lifecycle
                .requestClosure(capa)));
        steps.add(new Step("Approve Closure\u2026", () -> lifecycle.whyNotApproveClosure(capa, user), () -> sign(
                "Close " + name(), CapaLifecycle.APPROVED, lifecycle.pending(capa, ClosureApproval.class),
                (u, p) -> lifecycle.approveClosure(capa, u, p))));
        steps.add(new Step("Request Due-date Extension\u2026", () -> lifecycle.whyNotRequestExtension(capa), () -> {
                    ExtensionDialog d = new ExtensionDialog(getShell(), capa, lifecycle.today());
                    if (d.open() == Window.OK) {
                        lifecycle.requestExtension(capa, d.which(), d.action(), d.newDue(), d.reason());
                    }
                }));
        Optional<DueDateExtension> pending = lifecycle.extensions(capa).stream().filter(x -> !lifecycle.isSigned(x))
                .findFirst();
        steps.add(new Step("Approve Extension\u2026", () -> pending.isEmpty() ? Optional.of(
                "no extension waits for approval") : lifecycle.whyNotApproveExtension(capa, pending.get(), user),
                () -> sign(pending.get().getTitle(), CapaLifecycle.APPROVED, pending, (u, p) -> lifecycle
                        .approveExtension(capa, pending.get(), u, p))));
        return steps;
    }

    private void sign(String heading, String meaning, Optional<? extends SignOff> signOff,
            StepSignatureDialog.Step step) {
        new StepSignatureDialog(getShell(), heading, meaning, signOff.map(SignOff::getStatement).orElse(""), step)
                .open();
    }

    private String name() {
        return (capa.getReference() == null ? "" : capa.getReference() + " ") + "'" + capa.getTitle() + "'";
    }

    /** (Re)builds the dialog's content from the CAPA as it is now. */
    private void fill() {
        for (Control c : body.getChildren()) {
            c.dispose();
        }
        setTitle(TITLE + ": " + name());
        StringBuilder track = new StringBuilder();
        for (CapaStatus s : CapaStatus.VALUES) {
            track.append(track.length() == 0 ? "" : "  \u2192  ").append(s == capa.getStatus() ? "[ " + s.getLiteral()
                    + " ]" : s.getLiteral());
        }
        setMessage(track + (capa.getReopened() > 0 ? "   (reopened " + capa.getReopened() + "\u00d7)" : ""));
        boolean mayWrite = store.accounts().mayWrite(CapaPackage.Literals.CAPA);
        Group next = new Group(body, SWT.NONE);
        next.setText("Steps");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(next);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 6).applyTo(next);
        for (Step s : steps()) {
            Optional<String> why = mayWrite ? s.whyNot().get() : Optional.of("your roles only read CAPAs");
            Button b = new Button(next, SWT.PUSH);
            b.setText(s.label());
            GridDataFactory.fillDefaults().applyTo(b);
            b.setEnabled(why.isEmpty());
            b.addListener(SWT.Selection, e -> runStep(s));
            Label reason = new Label(next, SWT.WRAP);
            reason.setText(why.map(w -> "Not now: " + w + ".").orElse("Possible now."));
            GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER)
                    .applyTo(reason);
        }
        new Label(body, SWT.NONE).setText("Sign-offs (each is written when requested and signed once; it never"
                + " changes):");
        Table history = new Table(body, SWT.BORDER | SWT.FULL_SELECTION);
        history.setHeaderVisible(true);
        history.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 140).applyTo(history);
        for (String[] c : new String[][] { { "Sign-off", "330" }, { "Requested", "200" }, { "Signature", "420" } }) {
            TableColumn col = new TableColumn(history, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        List<SignOff> signOffs = lifecycle.signOffs(capa);
        for (SignOff o : signOffs) {
            TableItem item = new TableItem(history, SWT.NONE);
            item.setText(new String[] { o.getTitle(), o.getRequestedBy() + ", " + TIME.format(o.getRequestedAt()
                    .toInstant()), lifecycle.signature(o).map(c -> c.describe()).orElse(lifecycle.superseded(o,
                            signOffs) ? "not signed: asked for again below" : "waits for \u201c"
                                    + CapaLifecycle.meaning(o) + "\u201d") });
        }
        body.layout(true, true);
    }

    private void runStep(Step s) {
        try {
            s.run().run();
        } catch (StoreException e) {
            MessageDialog.openError(getShell(), s.label().replace("\u2026", ""), e.getMessage());
        }
        QmsUi.get().changed(List.of(capa.getId()));
        fill();
        getShell().layout(true, true);
    }
}
