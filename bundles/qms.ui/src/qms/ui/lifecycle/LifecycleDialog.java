package qms.ui.lifecycle;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
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

import qms.core.StoreException;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Transition;
import qms.model.Record;
import qms.model.SignOff;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.internal.Messages;
import qms.ui.security.StepSignatureDialog;

/**
 * A controlled record's lifecycle (a CAPA's, an SOP version's): where it stands among its states, every step of its
 * lifecycle with a button — enabled when the record's state and your roles allow it, otherwise with the reason beside
 * it — and the history of its sign-offs with their signatures. The steps are the module's declaration on the core
 * ({@link ControlledLifecycle}); a signing step asks for the signature with what is signed shown; a step that needs
 * more input (a check's result, a new due date) opens the module's own dialog ({@link #input}).
 */
public class LifecycleDialog<T extends Record> extends TitleAreaDialog {

    /** A step that asks for input first: opens its dialog and, unless cancelled, takes the step. */
    @FunctionalInterface
    public interface StepInput<T extends Record> {
        void run(Shell shell, T record);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final String title;
    private T record;
    private final ControlledLifecycle<T> steps;
    private final Map<Transition<T>, StepInput<T>> inputs = new HashMap<>();
    private Function<T, String> note = r -> "";
    private Composite body;

    /**
     * @param title  the dialog's title, e.g. "CAPA Lifecycle"
     * @param record the record as its form shows it (saved and unchanged); the steps move it and save it
     */
    public LifecycleDialog(Shell parent, String title, T record, ControlledLifecycle<T> steps) {
        super(parent);
        this.title = title;
        this.record = record;
        this.steps = steps;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    /** The step asks for input in a dialog of its own, which takes the step. */
    public LifecycleDialog<T> input(Transition<T> step, StepInput<T> input) {
        inputs.put(step, input);
        return this;
    }

    /** A note shown after the record's states, e.g. "(reopened 2×)". */
    public LifecycleDialog<T> note(Function<T, String> text) {
        this.note = text;
        return this;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
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

    /** The button's text: a step that opens a dialog ends with "…". */
    private String label(Transition<T> t) {
        return t.name() + (t.kind() == Transition.Kind.SIGN || inputs.containsKey(t) ? "\u2026" : "");
    }

    /** The sign-off a signing step signs: the oldest one waiting for it (several may wait: extensions). */
    private Optional<SignOff> waitingFor(Transition<T> t) {
        return steps.waiting(record).stream().filter(s -> t.name().equals(s.getStep())).findFirst();
    }

    private Optional<String> whyNot(Transition<T> t) {
        if (t.kind() == Transition.Kind.SIGN) {
            Optional<SignOff> waits = waitingFor(t);
            return waits.isPresent() ? steps.whyNot(t, record, waits.get(), user()) : steps.whyNot(t, record,
                    user());
        }
        return steps.whyNot(t, record, user());
    }

    private void take(Transition<T> t) {
        StepInput<T> input = inputs.get(t);
        if (input != null) {
            input.run(getShell(), record);
        } else if (t.kind() == Transition.Kind.DIRECT) {
            steps.run(t, record);
        } else if (t.kind() == Transition.Kind.REQUEST) {
            steps.request(t, record);
        } else {
            SignOff s = waitingFor(t).orElse(null);
            String verb = t.verb();
            new StepSignatureDialog(getShell(), Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " "
                    + steps.lifecycle().name(record), t.meaning(), s == null ? "" : s.getStatement(), (u, p) -> steps
                            .sign(t, record, s, u, p)).open();
        }
    }

    /** The record as stored now: a step saved it (and its effect may have changed it further), or someone else did. */
    @SuppressWarnings("unchecked")
    private void reload() {
        qms.model.Record stored = QmsUi.get().store().get(record.getId());
        if (stored != null && record.eClass().isInstance(stored)) {
            record = (T) stored;
        }
    }

    /** (Re)builds the dialog's content from the record as it is now. */
    private void fill() {
        for (Control c : body.getChildren()) {
            c.dispose();
        }
        setTitle(title + ": " + steps.lifecycle().name(record));
        setMessage(steps.track(record) + note.apply(record));
        boolean mayWrite = QmsUi.get().store().accounts().mayWrite(record.eClass());
        Group next = new Group(body, SWT.NONE);
        next.setText(Messages.Lifecycle_steps);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(next);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 6).applyTo(next);
        for (Transition<T> t : steps.lifecycle().transitions()) {
            Optional<String> why = mayWrite ? whyNot(t) : Optional.of(Messages
                    .bind(Messages.Lifecycle_readOnly, qms.core.Validation.typeLabel(record.eClass())));
            Button b = new Button(next, SWT.PUSH);
            b.setText(label(t));
            GridDataFactory.fillDefaults().applyTo(b);
            b.setEnabled(why.isEmpty());
            b.addListener(SWT.Selection, e -> runStep(t));
            Label reason = new Label(next, SWT.WRAP);
            reason.setText(why.map(w -> Messages.bind(Messages.Lifecycle_notNow, w)).orElse(Messages
                    .Lifecycle_possible));
            GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER)
                    .applyTo(reason);
        }
        new Label(body, SWT.NONE).setText(Messages.Lifecycle_history);
        Table history = new Table(body, SWT.BORDER | SWT.FULL_SELECTION);
        history.setHeaderVisible(true);
        history.setLinesVisible(true);
        qms.ui.Tables.showCutCellsWhole(history, null); // a signature's line is longer than its column
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 140).applyTo(history);
        for (String[] c : new String[][] { { Messages.Lifecycle_signOff, "330" }, { Messages.Lifecycle_requested,
                "200" }, { Messages.Lifecycle_signature, "420" } }) {
            TableColumn col = new TableColumn(history, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        List<SignOff> signOffs = steps.signOffs(record);
        List<SignOff> waiting = steps.waiting(record);
        for (SignOff o : signOffs) {
            TableItem item = new TableItem(history, SWT.NONE);
            String signature = steps.signature(o).map(c -> c.describe()).orElse(steps.superseded(o, signOffs)
                    ? Messages.Lifecycle_superseded : waiting.stream().anyMatch(w -> w.getId().equals(o.getId()))
                            ? Messages.bind(Messages.Lifecycle_waits, o.getMeaning()) : Messages.Lifecycle_notSigned);
            item.setText(new String[] { o.getTitle(), o.getRequestedBy() + ", " + TIME.format(o.getRequestedAt()
                    .toInstant()), signature });
        }
        body.layout(true, true);
    }

    private void runStep(Transition<T> t) {
        try {
            take(t);
        } catch (StoreException e) {
            MessageDialog.openError(getShell(), t.name(), e.getMessage());
        }
        QmsUi.get().changed(List.of(record.getId()));
        reload();
        fill();
        getShell().layout(true, true);
    }
}
