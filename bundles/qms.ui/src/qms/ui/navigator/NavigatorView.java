package qms.ui.navigator;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.PartInitException;

import qms.core.StoreException;
import qms.core.Validation;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.editor.RecordEditorInput;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/** The records of every navigator root class, grouped by type; opens, creates and deletes them. */
public final class NavigatorView extends QmsViewPart {

    public static final String ID = "qms.ui.navigator";

    private TreeViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setUseHashlookup(true);
        NavigatorContentProvider content = new NavigatorContentProvider();
        viewer.setContentProvider(content);
        viewer.setLabelProvider(new GroupLabelProvider(content));
        try {
            viewer.setInput(QmsUi.get());
        } catch (StoreException e) {
            viewer.getControl().dispose();
            new org.eclipse.swt.widgets.Label(parent, SWT.WRAP).setText(e.getMessage());
            return;
        }
        viewer.addDoubleClickListener(e -> openSelection());
        getSite().setSelectionProvider(viewer);

        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);

        getViewSite().getActionBars().getToolBarManager().add(new Action(Messages.Navigator_refresh) {
            @Override
            public void run() {
                refresh();
            }
        });
        listenForChanges();
    }

    private void fillContextMenu(IMenuManager menu) {
        IStructuredSelection selection = viewer.getStructuredSelection();
        Object first = selection.getFirstElement();
        EClass type = first instanceof TypeGroup g ? g.eClass() : first instanceof Record r ? r.eClass() : null;
        boolean mayWrite = type != null && QmsUi.get().store().accounts().mayWrite(type);
        if (type != null) {
            Action create = new Action(Messages.bind(Messages.Navigator_new, Validation.typeLabel(type))) {
                @Override
                public void run() {
                    open(RecordEditorInput.create(type));
                }
            };
            String createdWith = QmsUi.get().model().classHint(type, qms.core.Hints.CREATED_WITH);
            create.setEnabled(mayWrite && createdWith == null);
            if (!mayWrite) {
                create.setToolTipText(Messages.Navigator_notAllowed);
            } else if (createdWith != null) {
                create.setToolTipText(Messages.bind(Messages.Navigator_createdWith, createdWith));
            }
            menu.add(create);
        }
        if (first instanceof Record) {
            menu.add(new Action(Messages.Navigator_open) {
                @Override
                public void run() {
                    openSelection();
                }
            });
            menu.add(new Action(Messages.Trace_action) {
                @Override
                public void run() {
                    try {
                        qms.ui.trace.TraceView.open(getSite().getPage(), (Record) first);
                    } catch (PartInitException e) {
                        MessageDialog.openError(getSite().getShell(), Messages.Navigator_openFailed, e.getMessage());
                    }
                }
            });
            List<Record> findings = ((List<?>) selection.toList()).stream().filter(Record.class::isInstance)
                    .map(Record.class::cast).filter(r -> QmsUi.get().model().flag(r.eClass(),
                            qms.core.Hints.BINDER_ROOT)).toList();
            if (!findings.isEmpty() && findings.size() == selection.size()) {
                menu.add(new Action(Messages.Binder_action) {
                    @Override
                    public void run() {
                        qms.ui.binder.BinderExport.chooseAndExport(getSite().getShell(), findings);
                    }
                });
            }
            menu.add(new Separator());
            Action delete = new Action(Messages.Navigator_delete) {
                @Override
                public void run() {
                    delete((Record) first);
                }
            };
            delete.setEnabled(mayWrite && !"false".equals(QmsUi.get().model().classHint(type,
                    qms.core.Hints.DELETABLE)));
            menu.add(delete);
        }
        menu.add(new Separator());
        menu.add(new Action(Messages.Navigator_refresh) {
            @Override
            public void run() {
                refresh();
            }
        });
    }

    private void openSelection() {
        for (Object o : viewer.getStructuredSelection()) {
            if (o instanceof Record r) {
                open(RecordEditorInput.of(r));
            } else if (o instanceof TypeGroup) {
                viewer.setExpandedState(o, !viewer.getExpandedState(o));
            } else if (o instanceof NotInstalled n) {
                MessageDialog.openInformation(getSite().getShell(), n.label(), n.details());
            }
        }
    }

    private void open(RecordEditorInput input) {
        try {
            getSite().getPage().openEditor(input, RecordEditor.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(getSite().getShell(), Messages.Navigator_openFailed, e.getMessage());
        }
    }

    /** Deletes after confirming; if other records point at it, says which and asks again. */
    private void delete(Record record) {
        String what = Validation.describe(record);
        try {
            List<String> referrers = QmsUi.get().store().referrers(record.getId());
            boolean confirmed = referrers.isEmpty()
                    ? MessageDialog.openConfirm(getSite().getShell(), Messages.Navigator_deleteTitle,
                            Messages.bind(Messages.Navigator_deleteConfirm, what))
                    : MessageDialog.openConfirm(getSite().getShell(), Messages.Navigator_deleteTitle,
                            Messages.bind(Messages.Navigator_deleteReferenced, what,
                                    "\u2022 " + String.join("\n\u2022 ", referrers)));
            String reason = null;
            java.util.Optional<String> why = confirmed ? QmsUi.get().store().reasonRequired(record.getId())
                    : java.util.Optional.empty();
            if (why.isPresent()) {
                reason = qms.ui.editor.ReasonDialog.ask(getSite().getShell(), why.get());
                confirmed = reason != null;
            }
            if (confirmed) {
                QmsUi.get().store().delete(record, reason, !referrers.isEmpty());
                QmsUi.get().changed(List.of(record.getId()));
            }
        } catch (StoreException e) {
            MessageDialog.openError(getSite().getShell(), Messages.Navigator_deleteTitle, e.getMessage());
        }
    }

    /** Reloads the groups, keeping the expanded ones expanded. */
    public void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        Object[] expanded = viewer.getExpandedElements();
        viewer.refresh();
        viewer.setExpandedElements(expanded);
    }

    @Override
    protected Control mainControl() {
        return viewer == null ? null : viewer.getControl();
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        refresh();
    }

    /** Group nodes show their type's plural and how many records it has. */
    private static final class GroupLabelProvider extends RecordLabelProvider {
        private final NavigatorContentProvider content;

        GroupLabelProvider(NavigatorContentProvider content) {
            this.content = content;
        }

        @Override
        public String getText(Object element) {
            if (element instanceof TypeGroup g) {
                Long count = content.count(g);
                return count == null ? g.label() : g.label() + " (" + count + ")";
            }
            if (element instanceof NotInstalled n) {
                return n.label();
            }
            return super.getText(element);
        }

        @Override
        public Image getImage(Object element) {
            if (element instanceof NotInstalled) {
                return org.eclipse.ui.PlatformUI.getWorkbench().getSharedImages().getImage(
                        org.eclipse.ui.ISharedImages.IMG_OBJS_INFO_TSK);
            }
            return element instanceof TypeGroup g ? super.getImage(g.eClass()) : super.getImage(element);
        }
    }
}
