package qms.ui.editor;

import java.util.ArrayList;
import java.util.EventObject;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.domain.IEditingDomainProvider;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.part.EditorPart;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/**
 * The form editor of any record, generated from the model by {@link FormRenderer}. Edits are commands on an EMF
 * editing domain (undo/redo, dirty marker); Save validates, refusing while the form is invalid, then writes the
 * record through the store (audited) and reports conflicts with other users' changes.
 */
public final class RecordEditor extends EditorPart implements IEditingDomainProvider {

    public static final String ID = "qms.ui.recordEditor";

    /** Opens the record's form in the page (or brings it to the front); says why in a dialog if it cannot. */
    public static void open(org.eclipse.ui.IWorkbenchPage page, Record record) {
        try {
            page.openEditor(RecordEditorInput.of(record), ID);
        } catch (PartInitException e) {
            MessageDialog.openError(page.getWorkbenchWindow().getShell(), qms.ui.internal.Messages.Navigator_openFailed,
                    e.getMessage());
        }
    }

    private Record record;
    private boolean isNew;
    private AdapterFactoryEditingDomain domain;
    private FormToolkit toolkit;
    private ScrolledForm form;
    private FormRenderer renderer;
    private RecordLabelProvider labels;
    private final CommandStackListener stackListener = this::commandStackChanged;
    private final List<ServiceReference<RecordAction>> actionRefs = new ArrayList<>();
    private final List<Runnable> actionStates = new ArrayList<>();
    /** The signed-in user may change records of this class (an auditor may not). */
    private boolean writable;
    private Action saveAction;
    private Composite signatures;
    private FlagsPanel flags;
    /** The record actions' buttons, in rows that wrap at the form's width (under its heading). */
    private Composite actions;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof RecordEditorInput in)) {
            throw new PartInitException("Not a record: " + input);
        }
        setSite(site);
        setInput(input);
        RecordStore store = QmsUi.get().store();
        record = in.takeUnsaved();
        isNew = record != null;
        if (!isNew) {
            try {
                record = store.get(in.id());
            } catch (StoreException e) {
                throw new PartInitException(e.getMessage(), e);
            }
        }
        writable = store.accounts().mayWrite(record.eClass());
        domain = new AdapterFactoryEditingDomain(QmsUi.get().adapterFactory(), new BasicCommandStack(),
                new ResourceSetImpl());
        Resource resource = new ResourceImpl(URI.createURI("qms:/edit/" + record.getId()));
        domain.getResourceSet().getResources().add(resource);
        resource.getContents().add(record);
        domain.getCommandStack().addCommandStackListener(stackListener);
        updateTitle();
    }

    @Override
    public void createPartControl(Composite parent) {
        toolkit = new FormToolkit(parent.getDisplay());
        labels = new RecordLabelProvider();
        form = toolkit.createScrolledForm(parent);
        toolkit.decorateFormHeading(form.getForm());
        form.setImage(labels.image(record));
        renderer = new FormRenderer(toolkit, domain, form.getMessageManager(), this::editChild);
        renderer.restrict(writable, !isNew);
        renderer.onEditing(() -> firePropertyChange(PROP_DIRTY)); // dirty from the first keystroke
        // the record actions are not in the heading's tool bar: a tool bar does not wrap, and eight actions (an
        // incident's) made the whole form wider than the editor, its fields' right ends out of reach
        actions = FormRenderer.wrappingRows(toolkit, form.getBody(), 2);
        actions.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        flags = new FlagsPanel(toolkit, form, getSite()); // what modules flag on the record, above its fields
        renderer.render(form.getBody(), record);
        signatures = toolkit.createComposite(form.getBody());
        signatures.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        signatures.setLayout(new org.eclipse.swt.layout.GridLayout(1, false));
        saveAction = new Action(Messages.Editor_save,
                PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ETOOL_SAVE_EDIT)) {
            @Override
            public void run() {
                getSite().getPage().saveEditor(RecordEditor.this, false);
            }
        };
        saveAction.setEnabled(writable);
        form.getToolBarManager().add(saveAction);
        addRecordActions();
        showSignatures();
        form.getToolBarManager().update(true);
        updateHeading();
        renderer.validate();
        if (!writable) {
            form.setMessage(Messages.bind(Messages.Editor_readOnly, Validation.typeLabel(record.eClass())),
                    org.eclipse.jface.dialogs.IMessageProvider.INFORMATION);
        }
        form.reflow(true);
        // the record is this editor's selection: views that follow the selection (Audit Trail) show it on activation
        getSite().setSelectionProvider(new org.eclipse.jface.viewers.ISelectionProvider() {
            @Override
            public org.eclipse.jface.viewers.ISelection getSelection() {
                return new org.eclipse.jface.viewers.StructuredSelection(record);
            }

            @Override
            public void setSelection(org.eclipse.jface.viewers.ISelection selection) {
                // fixed: always the edited record
            }

            @Override
            public void addSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener l) {
                // the selection never changes
            }

            @Override
            public void removeSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener l) {
                // the selection never changes
            }
        });
    }

    /**
     * The record actions that apply to this record's class (OSGi services), as flat tool buttons in rows under the
     * form's heading, each its own tool bar so that the rows wrap.
     */
    private void addRecordActions() {
        BundleContext bundle = FrameworkUtil.getBundle(RecordEditor.class).getBundleContext();
        try {
            for (ServiceReference<RecordAction> ref : bundle.getServiceReferences(RecordAction.class, null)) {
                RecordAction action = bundle.getService(ref);
                if (action == null || !action.appliesTo(record.eClass())) {
                    bundle.ungetService(ref);
                    continue;
                }
                actionRefs.add(ref);
                Action button = new Action(action.label()) {
                    @Override
                    public void run() {
                        runRecordAction(action); // its tooltip is off while its dialog is open: ToolTipsUnderDialogs
                    }
                };
                button.setToolTipText(action.description());
                Runnable state = () -> button.setEnabled(!isNew && action.enabledFor(QmsUi.get().store(), record));
                state.run();
                actionStates.add(state);
                org.eclipse.jface.action.ToolBarManager bar = new org.eclipse.jface.action.ToolBarManager(SWT.FLAT);
                bar.add(button);
                toolkit.adapt(bar.createControl(actions));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void runRecordAction(RecordAction action) {
        renderer.flush();
        if (isDirty()) {
            MessageDialog.openInformation(getSite().getShell(), Messages.Editor_saveFirst,
                    Messages.bind(Messages.Editor_saveFirstMessage, Validation.describe(record), action.label()));
            return;
        }
        try {
            action.run(new RecordAction.Context(getSite().getShell(), record, QmsUi.get().store()));
        } catch (StoreException e) {
            MessageDialog.openError(getSite().getShell(), Messages.bind(Messages.Editor_actionFailed, action.label()),
                    e.getMessage());
        }
        updateTitle();
        updateHeading();
        showSignatures();
        actionStates.forEach(Runnable::run);
        QmsUi.get().changed(List.of(record.getId()));
    }

    /**
     * The flags modules raise on the record above its fields (a system whose hosting vendor is disqualified), and its
     * signatures under them, each saying whether the record changed since.
     */
    private void showSignatures() {
        if (signatures == null || signatures.isDisposed()) {
            return;
        }
        flags.show(isNew ? null : record.getId());
        for (Control c : signatures.getChildren()) {
            c.dispose();
        }
        List<qms.core.SignatureCheck> checks = isNew ? List.of()
                : QmsUi.get().store().signatures().signatures(record.getId());
        if (!checks.isEmpty()) {
            toolkit.createLabel(signatures, Messages.Editor_signatures).setFont(
                    org.eclipse.jface.resource.JFaceResources.getBannerFont());
            for (qms.core.SignatureCheck c : checks) {
                Label line = toolkit.createLabel(signatures, c.describe(), SWT.WRAP);
                line.setData("signature", c.signature().getId());
                if (!c.intact()) {
                    line.setForeground(line.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                }
            }
        }
        // the labels were replaced: lay the section and the body out again, or they keep a size of zero
        form.getBody().layout(signatures.getChildren());
        form.reflow(true);
    }

    private void editChild(EObject child) {
        new ChildDialog(getSite().getShell(), domain, child).open();
    }

    private void commandStackChanged(EventObject e) {
        Control c = form == null ? null : form;
        if (c == null || c.isDisposed()) {
            return;
        }
        c.getDisplay().asyncExec(() -> {
            if (!form.isDisposed()) {
                firePropertyChange(PROP_DIRTY);
                updateTitle();
                updateHeading();
                renderer.validate();
            }
        });
    }

    private void updateTitle() {
        setPartName(isNew && Records.label(record).startsWith(record.eClass().getName())
                ? getEditorInput().getName() : Records.label(record));
        setTitleToolTip(Validation.describe(record));
    }

    private void updateHeading() {
        if (form == null || form.isDisposed()) {
            return; // the editor closed meanwhile (the suite exiting from a locked session, say)
        }
        boolean unnamed = isNew && Records.label(record).startsWith(record.eClass().getName());
        form.setText(unnamed ? getEditorInput().getName() + " " + Messages.Editor_notSaved
                : Validation.typeLabel(record.eClass()) + ": " + Records.label(record)
                        + (isNew ? " " + Messages.Editor_notSaved : ""));
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        renderer.flush();
        Diagnostic d = renderer.validate();
        if (d.getSeverity() >= Diagnostic.ERROR) {
            StringBuilder problems = new StringBuilder();
            for (Diagnostic c : d.getChildren()) {
                if (c.getSeverity() >= Diagnostic.ERROR) {
                    problems.append("\n\u2022 ").append(c.getMessage());
                }
            }
            MessageDialog.openError(getSite().getShell(), Messages.Editor_cannotSave,
                    Messages.bind(Messages.Editor_invalid, Validation.describe(record), problems));
            monitor.setCanceled(true);
            return;
        }
        String reason = null;
        if (!isNew) {
            java.util.Optional<String> why = QmsUi.get().store().reasonRequired(record.getId());
            if (why.isPresent()) {
                reason = ReasonDialog.ask(getSite().getShell(), why.get());
                if (reason == null) {
                    monitor.setCanceled(true);
                    return;
                }
            }
        }
        try {
            QmsUi.get().store().save(record, reason);
        } catch (qms.core.ConflictException e) {
            monitor.setCanceled(true);
            offerReload(e);
            return;
        } catch (StoreException e) {
            MessageDialog.openError(getSite().getShell(), Messages.Editor_cannotSave, e.getMessage());
            monitor.setCanceled(true);
            return;
        }
        isNew = false;
        ((BasicCommandStack) domain.getCommandStack()).saveIsDone();
        firePropertyChange(PROP_DIRTY);
        updateTitle();
        updateHeading();
        showSignatures();
        actionStates.forEach(Runnable::run);
        QmsUi.get().changed(List.of(record.getId()));
    }



    /**
     * Someone else saved (or deleted) the record since this form read it: says who and when, and offers to reload it
     * as it is stored now (this form's changes are discarded) or to keep the form as it is, e.g. to copy them first.
     */
    private void offerReload(qms.core.ConflictException e) {
        boolean deleted = isNew || QmsUi.get().store().find(record.getId()).isEmpty();
        MessageDialog dialog = new MessageDialog(getSite().getShell(), Messages.Editor_conflict, null, e.getMessage()
                + "\n\n" + (deleted ? Messages.Editor_conflictDeleted : Messages.Editor_conflictReload),
                MessageDialog.WARNING, deleted ? 0 : 1, deleted ? new String[] { Messages.Editor_keepEditing }
                        : new String[] { Messages.Editor_reload, Messages.Editor_keepEditing });
        if (dialog.open() != 0 || deleted) {
            return;
        }
        org.eclipse.ui.IWorkbenchPage page = getSite().getPage();
        Record stored = QmsUi.get().store().get(record.getId());
        // once the refused save has unwound: this form closes unsaved, a new one shows the record as stored
        form.getDisplay().asyncExec(() -> {
            page.closeEditor(this, false);
            open(page, stored);
        });
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isDirty() {
        return writable && (isNew || ((BasicCommandStack) domain.getCommandStack()).isSaveNeeded() || renderer != null
                && renderer.hasPending());
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public EditingDomain getEditingDomain() {
        return domain;
    }

    /** The record being edited (the editor's working copy). */
    public Record record() {
        return record;
    }

    public FormRenderer renderer() {
        return renderer;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == Control.class && form != null) {
            return adapter.cast(form);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void setFocus() {
        form.setFocus();
    }

    @Override
    public void dispose() {
        if (flags != null) {
            flags.dispose();
        }
        domain.getCommandStack().removeCommandStackListener(stackListener);
        BundleContext bundle = FrameworkUtil.getBundle(RecordEditor.class).getBundleContext();
        actionRefs.forEach(bundle::ungetService);
        if (toolkit != null) {
            toolkit.dispose();
        }
        if (labels != null) {
            labels.dispose();
        }
        super.dispose();
    }

}
