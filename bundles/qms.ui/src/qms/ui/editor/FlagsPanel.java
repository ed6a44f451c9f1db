package qms.ui.editor;

import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;

import qms.core.RecordFlags;
import qms.ui.QmsUi;
import qms.ui.internal.Messages;

/**
 * What the installed modules flag on a form's record (a system whose hosting vendor is disqualified, its backup
 * status), above its fields: an icon by severity, the text, and a link to the view that shows more.
 */
final class FlagsPanel {

    private final FormToolkit toolkit;
    private final ScrolledForm form;
    private final IWorkbenchPartSite site;
    private final Composite flags;
    /** Which request for flags is the latest (UI thread). */
    private long flagsAsked;
    private Job job;

    FlagsPanel(FormToolkit toolkit, ScrolledForm form, IWorkbenchPartSite site) {
        this.toolkit = toolkit;
        this.form = form;
        this.site = site;
        flags = toolkit.createComposite(form.getBody());
        flags.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        flags.setLayout(new org.eclipse.swt.layout.GridLayout(3, false));
    }

    /**
     * Asks the modules for the record's flags in a job (a module may scan much of the store: the backup status reads
     * every restoration test), from the record as saved, and shows them when they come; an answer overtaken by a
     * later save is dropped.
     */
    void show(String id) {
        long asked = ++flagsAsked;
        if (id == null) { // a new record, not saved yet
            render(List.of());
            return;
        }
        Display display = flags.getDisplay(); // here: a closed form's widgets have none
        if (job != null) {
            job.cancel(); // overtaken: its answer would be dropped
        }
        job = Job.create(Messages.Editor_flagging, monitor -> {
            qms.core.RecordStore store = QmsUi.get().store();
            List<RecordFlags.Flag> raised;
            try { // the record may be gone (deleted by another user) and the store closed (signed out) meanwhile
                raised = RecordFlags.of(store, store.find(id).orElse(null));
            } catch (RuntimeException e) {
                org.eclipse.core.runtime.ILog.of(FlagsPanel.class).warn("Flags of record " + id, e);
                raised = List.of(new RecordFlags.Flag(RecordFlags.Severity.WARNING, Messages.bind(
                        Messages.Editor_flagsFailed, e.getMessage() == null ? e.toString() : e.getMessage())));
            }
            if (monitor.isCanceled()) {
                return;
            }
            List<RecordFlags.Flag> shown = raised;
            try {
                display.asyncExec(() -> {
                    if (asked == flagsAsked && !flags.isDisposed()) {
                        render(shown);
                    }
                });
            } catch (org.eclipse.swt.SWTException gone) {
                // the display was disposed meanwhile (the workbench closed): nobody to show them to
            }
        });
        job.setSystem(true);
        job.schedule();
    }

    private void render(List<RecordFlags.Flag> raised) {
        for (Control c : flags.getChildren()) {
            c.dispose();
        }
        for (RecordFlags.Flag f : raised) {
            Label icon = toolkit.createLabel(flags, null);
            icon.setImage(PlatformUI.getWorkbench().getSharedImages().getImage(switch (f.severity()) {
                case PROBLEM -> ISharedImages.IMG_OBJS_ERROR_TSK;
                case WARNING -> ISharedImages.IMG_OBJS_WARN_TSK;
                case INFO -> ISharedImages.IMG_OBJS_INFO_TSK;
            }));
            Label text = toolkit.createLabel(flags, f.text(), SWT.WRAP);
            text.setData("flag", f.text());
            org.eclipse.swt.layout.GridData wrap = new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.CENTER, true,
                    false);
            wrap.widthHint = 200; // wraps at the body's width instead of widening the body to one long line
            text.setLayoutData(wrap);
            if (f.viewId() == null) {
                toolkit.createLabel(flags, "");
                continue;
            }
            org.eclipse.ui.forms.widgets.Hyperlink link = toolkit.createHyperlink(flags, f.viewName() + " \u203a",
                    SWT.NONE);
            link.addHyperlinkListener(new org.eclipse.ui.forms.events.HyperlinkAdapter() {
                @Override
                public void linkActivated(org.eclipse.ui.forms.events.HyperlinkEvent e) {
                    try {
                        site.getPage().showView(f.viewId());
                    } catch (org.eclipse.ui.PartInitException ex) {
                        org.eclipse.jface.dialogs.MessageDialog.openError(site.getShell(), f.viewName(), ex
                                .getMessage());
                    }
                }
            });
        }
        ((org.eclipse.swt.layout.GridData) flags.getLayoutData()).exclude = raised.isEmpty();
        flags.setVisible(!raised.isEmpty());
        form.getBody().layout(flags.getChildren());
        form.reflow(true);
    }

    /** Stops a request still running (the form closes). */
    void dispose() {
        if (job != null) {
            job.cancel();
        }
    }
}
