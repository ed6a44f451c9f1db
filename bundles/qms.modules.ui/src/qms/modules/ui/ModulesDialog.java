package qms.modules.ui;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.FrameworkUtil;

import qms.core.AccessDeniedException;
import qms.modules.ModuleChanges;
import qms.modules.ModuleChanges.Change;
import qms.modules.ModuleException;
import qms.modules.Modules;
import qms.modules.Modules.Module;
import qms.ui.TitledDialog;

/**
 * Help › Modules…: the modules installed in this installation and those a p2 repository (a folder, a zip, a URL)
 * offers, with what each adds and its size; an administrator installs, updates and uninstalls them (p2's planner
 * decides, and its reason is shown when it refuses). Changes take effect when the suite starts again: the dialog
 * then offers <em>Restart Now</em> (its return code {@link #RESTART}).
 */
public final class ModulesDialog extends TitledDialog {

    /** The return code when the user asked for a restart after a change. */
    public static final int RESTART = IDialogConstants.CLIENT_ID + 23;
    static final String REPOSITORY_SETTING = "repository";

    private final Modules modules;
    private final ModuleChanges changes;
    private final List<Row> rows = new ArrayList<>();
    private URI repository;
    private Text location;
    private Table table;
    private Button install;
    private Button update;
    private Button uninstall;
    private Label status;

    /** A line of the table: a module installed, offered, or both. */
    record Row(String id, String name, Module installed, Module offered) {

        Module any() {
            return offered != null ? offered : installed;
        }

        boolean updatable() {
            return installed != null && offered != null && Modules.newer(offered.version(), installed.version());
        }

        String state() {
            return installed == null ? "Not installed" : updatable() ? "Update available" : "Installed";
        }
    }

    public ModulesDialog(Shell parent, Modules modules, ModuleChanges changes) {
        super(parent, "Modules");
        this.modules = modules;
        this.changes = changes;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = body(area, "Modules of this installation", "Install what your department needs; a module"
                + " removed keeps its records in the database. Changes take effect when the suite starts again.", 5);
        new Label(body, SWT.NONE).setText("Repository:");
        location = new Text(body, SWT.BORDER | SWT.SINGLE);
        location.setMessage("A folder, a zip or an https:// URL of the suite's p2 repository");
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(location);
        location.addListener(SWT.Traverse, e -> { // Enter reads the repository; it does not close the dialog
            if (e.detail == SWT.TRAVERSE_RETURN) {
                e.doit = false;
                readRepository();
            }
        });
        Button folder = new Button(body, SWT.PUSH);
        folder.setText("Folder\u2026");
        folder.addListener(SWT.Selection, e -> choose(false));
        Button zip = new Button(body, SWT.PUSH);
        zip.setText("Zip\u2026");
        zip.addListener(SWT.Selection, e -> choose(true));
        Button read = new Button(body, SWT.PUSH);
        read.setText("Show Offered");
        read.addListener(SWT.Selection, e -> readRepository());

        table = table(body, SWT.SINGLE, new String[][] { { "Module", "200" }, { "Installed", "110" }, { "Offered",
                "110" }, { "Size", "80" }, { "State", "130" }, { "What it adds", "420" } });
        GridDataFactory.fillDefaults().grab(true, true).span(5, 1).hint(SWT.DEFAULT, 220).applyTo(table);
        table.addListener(SWT.Selection, e -> enableButtons());
        qms.ui.Tables.showCutCellsWhole(table, null); // what a module adds is a sentence, longer than its column

        Composite actions = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().span(5, 1).applyTo(actions);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(actions);
        install = action(actions, "&Install", Change.INSTALL);
        update = action(actions, "&Update", Change.UPDATE);
        uninstall = action(actions, "U&ninstall\u2026", Change.UNINSTALL);

        status = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).hint(600, SWT.DEFAULT).applyTo(status);

        String remembered = settings().get(REPOSITORY_SETTING);
        String given = System.getProperty("qms.modules.repository");
        location.setText(remembered != null ? remembered : given != null ? given : "");
        if (!changes.allowed()) {
            setMessage("You can see which modules are installed; only an administrator installs or removes them.",
                    IMessageProvider.INFORMATION);
        }
        if (location.getText().isBlank()) {
            refresh();
        } else {
            readRepository();
        }
        return area;
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        org.eclipse.swt.graphics.Point size = super.getInitialSize();
        int screen = getShell().getDisplay().getClientArea().width;
        return new org.eclipse.swt.graphics.Point(Math.min(Math.max(size.x, 1180), screen - 40), size.y);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, RESTART, "&Restart Now", false).setEnabled(false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        setReturnCode(buttonId == RESTART ? RESTART : CANCEL);
        close();
    }

    private Button action(Composite parent, String text, Change change) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> perform(change));
        return b;
    }

    private void choose(boolean zip) {
        String chosen;
        if (zip) {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.zip" });
            chosen = d.open();
        } else {
            chosen = new DirectoryDialog(getShell()).open();
        }
        if (chosen != null) {
            location.setText(chosen);
            readRepository();
        }
    }

    /** Reads what the repository in the location field offers; a location that cannot be read is named. */
    void readRepository() {
        String text = location.getText().strip();
        if (text.isEmpty()) {
            repository = null;
            refresh();
            return;
        }
        try {
            repository = Modules.repository(text);
            settings().put(REPOSITORY_SETTING, text);
        } catch (IllegalArgumentException e) {
            repository = null;
            refresh();
            fail(e.getMessage());
            return;
        }
        refresh();
    }

    /** Rebuilds the table from the profile and, when one is given, the repository. */
    private void refresh() {
        Map<String, Row> byId = new LinkedHashMap<>();
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                for (Module m : modules.installed()) {
                    byId.put(m.id(), new Row(m.id(), m.name(), m, null));
                }
                if (repository != null) {
                    for (Module m : modules.available(repository)) {
                        Row r = byId.get(m.id());
                        byId.put(m.id(), new Row(m.id(), m.name(), r == null ? null : r.installed(), m));
                    }
                }
                setErrorMessage(null);
            } catch (ModuleException e) {
                fail(e.getMessage());
            }
        });
        Row before = selected();
        rows.clear();
        rows.addAll(byId.values());
        rows.sort(Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER));
        table.removeAll();
        for (Row r : rows) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { r.name(), r.installed() == null ? "\u2014" : r.installed().version(),
                    r.offered() == null ? "\u2014" : r.offered().version(), r.offered() == null ? "" : r.offered()
                            .sizeText(), r.state(), r.any().summary() });
        }
        for (int i = 0; i < table.getColumnCount() - 1; i++) { // all but "What it adds" as wide as their text
            table.getColumn(i).pack();
        }
        for (int i = 0; before != null && i < rows.size(); i++) {
            if (rows.get(i).id().equals(before.id())) {
                table.setSelection(i);
            }
        }
        if (rows.isEmpty() && status.getText().isEmpty()) {
            status.setText(repository == null ? "No module is installed. Name the suite's p2 repository above (a"
                    + " folder, a zip or an https:// URL) and choose Show Offered." : "The repository offers no"
                    + " module of the suite.");
            status.getParent().layout(true, true);
        }
        enableButtons();
    }

    private Row selected() {
        int i = table.getSelectionIndex();
        return i < 0 ? null : rows.get(i);
    }

    private void enableButtons() {
        Row r = selected();
        boolean may = changes.allowed();
        install.setEnabled(may && r != null && r.installed() == null && r.offered() != null);
        update.setEnabled(may && r != null && r.updatable());
        uninstall.setEnabled(may && r != null && r.installed() != null);
    }

    private void perform(Change change) {
        Row r = selected();
        if (r == null) {
            return;
        }
        if (change == Change.UNINSTALL && !MessageDialog.openConfirm(getShell(), "Uninstall " + r.name(),
                "Uninstall " + r.name() + " " + r.installed().version() + "?\n\nIts records stay in the database,"
                        + " untouched, with their audit trail, and show again when the module is installed. The"
                        + " module is gone when the suite starts again.")) {
            return;
        }
        String id = r.id();
        URI from = repository;
        Modules.Outcome[] outcome = new Modules.Outcome[1];
        try {
            new ProgressMonitorDialog(getShell()).run(true, false, monitor -> {
                monitor.beginTask(switch (change) {
                    case INSTALL -> "Installing ";
                    case UPDATE -> "Updating ";
                    case UNINSTALL -> "Uninstalling ";
                } + r.name(), org.eclipse.core.runtime.IProgressMonitor.UNKNOWN);
                try {
                    outcome[0] = changes.perform(change, id, from);
                } catch (RuntimeException e) {
                    throw new InvocationTargetException(e);
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModuleException || cause instanceof AccessDeniedException
                    || cause instanceof IllegalArgumentException) {
                fail(cause.getMessage());
                refresh();
                return;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        status.setText(outcome[0].message());
        status.getParent().layout(true, true);
        if (outcome[0].changed()) {
            getButton(RESTART).setEnabled(true);
            setMessage("Restart the suite to use the change: Restart Now, or at your next start.",
                    IMessageProvider.WARNING);
        }
        refresh();
    }

    private void fail(String message) {
        setErrorMessage(message);
        status.setText(message);
        status.getParent().layout(true, true);
    }

    private static IDialogSettings settings() {
        return PlatformUI.getDialogSettingsProvider(FrameworkUtil.getBundle(ModulesDialog.class))
                .getDialogSettings();
    }
}
