package qms.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.provider.IItemPropertyDescriptor;
import org.eclipse.emf.edit.provider.IItemPropertySource;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IMessageManager;
import org.eclipse.ui.forms.widgets.FormToolkit;

import qms.core.Hints;
import qms.core.ModelRegistry;
import qms.core.Validation;
import qms.ui.QmsUi;
import qms.ui.internal.Messages;

/**
 * Builds a record's form from the model's metadata alone: one row per feature, in the hinted order, with a widget
 * chosen by the feature's type (text, multi-line text, combo for enums, date picker, check box, reference picker,
 * table for lists). Editability comes from the feature's EMF.Edit property descriptor and the {@code readOnly}
 * hint. A new attribute in an {@code .ecore} shows up here with no code change.
 */
public final class FormRenderer {

    /** Check boxes of a many-valued choice in one row of the form, at most. */
    /**
     * The preferred width of what wraps (choices, long text): small, so that no field widens the form beyond the
     * editor; each takes the width its column has and wraps in it.
     */
    private static final int NARROW = 200;

    private final FormToolkit toolkit;
    private final EditingDomain domain;
    private final ModelRegistry model;
    private final IMessageManager messages;
    private final Consumer<EObject> childEditor;
    private final List<FeatureBinding> bindings = new ArrayList<>();
    private Runnable editing = () -> {
    };
    private final List<Object> generalMessageKeys = new ArrayList<>();
    private EObject object;
    private boolean writable = true;
    private boolean saved;

    /**
     * @param childEditor opens a contained record (e.g. a site of an organisation) for editing
     */
    /** Told when typing starts a change not yet committed (see {@link #hasPending}). */
    public void onEditing(Runnable r) {
        this.editing = r;
    }

    /** Whether a field holds input not yet committed to the record (it is committed shortly, or by a save). */
    public boolean hasPending() {
        return bindings.stream().anyMatch(FeatureBinding::pending);
    }

    public FormRenderer(FormToolkit toolkit, EditingDomain domain, IMessageManager messages,
            Consumer<EObject> childEditor) {
        this.toolkit = toolkit;
        this.domain = domain;
        this.model = QmsUi.get().model();
        this.messages = messages;
        this.childEditor = childEditor;
    }

    /** The features a form shows, in order: hinted order first, then declaration order. */
    public static List<EStructuralFeature> features(ModelRegistry model, EClass eClass) {
        return model.formFeatures(eClass);
    }

    /**
     * Limits editing before {@link #render}: nothing is editable if the user may not write the record, and fixed
     * features (see {@link Hints#FIXED}) are not once it is saved.
     */
    public void restrict(boolean writable, boolean saved) {
        this.writable = writable;
        this.saved = saved;
    }

    /** Creates the widgets of the object's features in {@code body} (a 3-column grid: label, field, buttons). */
    public void render(Composite body, EObject target) {
        this.object = target;
        body.setLayout(new GridLayout(3, false));
        for (EStructuralFeature f : features(model, target.eClass())) {
            FeatureBinding b = create(body, f);
            if (b != null) {
                b.refresh();
                boolean canSet = canSet(f);
                if (!canSet) {
                    b.setEnabled(false);
                }
                String locked = writable ? model.whyLocked(target, f) : null;
                if (locked != null && b.control() != null) {
                    qms.ui.Tables.setToolTip(b.control(), locked); // why a field others may change is locked here
                }
                bindings.add(b);
            }
        }
        toolkit.paintBordersFor(body);
        target.eAdapters().add(new EContentAdapter() {
            @Override
            public void notifyChanged(Notification n) {
                super.notifyChanged(n);
                if (n.isTouch() || !(n.getFeature() instanceof EStructuralFeature changed)) {
                    return;
                }
                for (FeatureBinding b : bindings) {
                    if (b.owner == n.getNotifier() && b.feature == changed
                            || b instanceof ListBinding l && l.concerns(n.getNotifier(), changed)) {
                        b.refresh();
                    }
                }
                if (n.getEventType() == Notification.SET && n.getNewValue() instanceof EObject chosen) {
                    fillDefaults(n.getNotifier(), changed, chosen, n.getOldValue());
                }
            }
        });
    }

    /**
     * Fills the attributes hinted {@link Hints#DEFAULT_FROM} with the chosen record's value for {@code reference} (a
     * finding's impact from its category) when they are empty or still hold the previous choice's value, as an edit
     * of its own after the choice, so that it can be undone.
     */
    private void fillDefaults(Object owner, EStructuralFeature reference, EObject chosen, Object previous) {
        for (FeatureBinding b : bindings) {
            String from = model.hint(b.feature, Hints.DEFAULT_FROM);
            if (b.owner != owner || from == null || !from.startsWith(reference.getName() + ".") || chosen.eIsProxy()) {
                continue;
            }
            EStructuralFeature source = chosen.eClass().getEStructuralFeature(from.substring(reference.getName()
                    .length() + 1));
            Object value = source == null ? null : chosen.eGet(source);
            Object current = b.owner.eGet(b.feature);
            boolean untouched = current == null || current.toString().isBlank() || previous instanceof EObject p
                    && !p.eIsProxy() && p.eClass() == chosen.eClass() && current.equals(p.eGet(source));
            if (value != null && untouched && canSet(b.feature)) {
                b.control().getDisplay().asyncExec(() -> {
                    if (!b.control().isDisposed()) {
                        b.set(value);
                    }
                });
            }
        }
    }

    /** Whether only the record's lifecycle moves this attribute (its status), never the form. */
    private boolean movedByLifecycle(EAttribute a) {
        return model.changeRules(object.eClass()).stream().anyMatch(r -> r instanceof
                qms.core.lifecycle.LifecycleStatusRule l && l.status() == a);
    }

    private boolean canSet(EStructuralFeature f) {
        if (!writable || saved && model.flag(f, Hints.FIXED) || model.flag(f, Hints.READ_ONLY) || !f.isChangeable()
                || model.whyLocked(object, f) != null) {
            return false;
        }
        IItemPropertySource source = (IItemPropertySource) QmsUi.get().adapterFactory().adapt(object,
                IItemPropertySource.class);
        IItemPropertyDescriptor d = source == null ? null : source.getPropertyDescriptor(object, f);
        return d == null || d.canSetProperty(object);
    }

    private FeatureBinding create(Composite body, EStructuralFeature f) {
        Label label = toolkit.createLabel(body, Validation.featureLabel(f) + (f.isRequired() ? " *" : ""));
        String documentation = EcoreUtil.getDocumentation(f);
        // a locked field's reason on its label too: GTK shows no tooltip on a disabled field
        String locked = writable ? model.whyLocked(object, f) : null;
        String tip = locked == null ? documentation : documentation == null ? locked : documentation + "\n" + locked;
        if (tip != null) {
            label.setToolTipText(tip);
        }
        if (f instanceof EReference r && r.isMany()) {
            label.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
            return list(body, r);
        }
        if (f instanceof EReference r) {
            Text text = toolkit.createText(body, "", SWT.SINGLE | SWT.READ_ONLY);
            text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Composite buttons = toolkit.createComposite(body);
            buttons.setLayout(rowLayout(2));
            Button choose = toolkit.createButton(buttons, Messages.Form_choose, SWT.PUSH);
            Button clear = toolkit.createButton(buttons, Messages.Form_clear, SWT.PUSH);
            return new ReferenceBinding(domain, object, r, text, choose, clear);
        }
        EAttribute a = (EAttribute) f;
        if (a.isMany() && a.getEAttributeType() instanceof EEnum) {
            // as many a row as the form's width holds, the rest on the next rows: choices never widen the form
            Composite box = wrappingRows(toolkit, body, 12);
            GridData wraps = span(new GridData(SWT.FILL, SWT.CENTER, true, false));
            wraps.widthHint = NARROW; // its preferred width: the column's width is what it gets, and it wraps in it
            box.setLayoutData(wraps);
            return new EnumSetBinding(domain, object, a, box, text -> toolkit.createButton(box, text, SWT.CHECK));
        }
        if (a.getEAttributeType() instanceof EEnum && movedByLifecycle(a)) {
            // not a drop-down that does nothing: the value, and where it is changed
            Text value = toolkit.createText(body, "", SWT.READ_ONLY);
            value.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
            toolkit.createLabel(body, Messages.Form_changedByLifecycle).setForeground(body.getDisplay()
                    .getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
            return new ShownBinding(domain, object, a, value);
        }
        if (a.getEAttributeType() instanceof EEnum) {
            Combo combo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
            toolkit.adapt(combo, true, false);
            combo.setLayoutData(span(new GridData(SWT.LEFT, SWT.CENTER, false, false)));
            return new EnumBinding(domain, object, a, combo);
        }
        Class<?> type = a.getEAttributeType().getInstanceClass();
        if (type == boolean.class || type == Boolean.class) {
            Button check = toolkit.createButton(body, "", SWT.CHECK);
            check.setLayoutData(span(new GridData(SWT.LEFT, SWT.CENTER, false, false)));
            return new CheckBinding(domain, object, a, check);
        }
        if (a.getEAttributeType() == EcorePackage.Literals.EDATE || type == java.util.Date.class) {
            DateTime picker = new DateTime(body, SWT.DATE | SWT.DROP_DOWN | SWT.MEDIUM);
            toolkit.adapt(picker, true, false);
            picker.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
            if (!model.flag(a, Hints.TIME)) {
                Button notSet = toolkit.createButton(body, Messages.Form_notSet, SWT.CHECK);
                return new DateBinding(domain, object, a, picker, null, notSet);
            }
            // a moment: the time of day (viewer's zone, to the second) next to the day, then "Not set"
            Composite rest = toolkit.createComposite(body);
            rest.setLayout(rowLayout(2));
            DateTime time = new DateTime(rest, SWT.TIME | SWT.MEDIUM);
            toolkit.adapt(time, true, false);
            time.setToolTipText(java.time.ZoneId.systemDefault().getId());
            Button notSet = toolkit.createButton(rest, Messages.Form_notSet, SWT.CHECK);
            return new DateBinding(domain, object, a, picker, time, notSet);
        }
        boolean multiLine = model.flag(a, Hints.MULTI_LINE);
        Text text = toolkit.createText(body, "", multiLine ? SWT.MULTI | SWT.WRAP | SWT.V_SCROLL : SWT.SINGLE);
        GridData gd = span(new GridData(SWT.FILL, multiLine ? SWT.FILL : SWT.CENTER, true, false));
        // a small preferred width: fields fill the form, but a long value never widens it beyond the editor
        gd.widthHint = 200;
        if (multiLine) {
            gd.heightHint = 5 * text.getLineHeight();
            gd.widthHint = 300;
            label.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        }
        text.setLayoutData(gd);
        return new TextBinding(domain, object, a, text, messages, () -> editing.run());
    }

    private FeatureBinding list(Composite body, EReference r) {
        Table table = toolkit.createTable(body, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        qms.ui.Tables.paintRowsWhenShown(table);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false);
        gd.heightHint = 6 * table.getItemHeight() + table.getHeaderHeight();
        gd.widthHint = 300; // not the sum of the column widths: the table fills the form and scrolls itself
        table.setLayoutData(gd);
        TableViewer viewer = new TableViewer(table);
        ListBinding.createColumns(viewer, r);
        Composite buttons = toolkit.createComposite(body);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Button add = toolkit.createButton(buttons, r.isContainment() ? Messages.Form_add : Messages.Form_addExisting,
                SWT.PUSH);
        Button edit = r.isContainment() ? toolkit.createButton(buttons, Messages.Form_edit, SWT.PUSH) : null;
        Button remove = toolkit.createButton(buttons, Messages.Form_remove, SWT.PUSH);
        for (Control c : buttons.getChildren()) {
            c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        }
        ListBinding binding = new ListBinding(domain, object, r, viewer, add, edit, remove, childEditor);
        boolean immutable = r.isContainment() && model.flag(r.getEReferenceType(), qms.core.Hints.IMMUTABLE);
        if (immutable) {
            binding.keepStoredRows(); // a timeline entry, once saved, is never edited or removed: a new one is added
        }
        qms.ui.Tables.showCutCellsWhole(table, immutable ? Messages.Form_immutableRows : null);
        return binding;
    }

    /**
     * A composite whose children are laid out in as many a row as its width holds, the rest on the next rows, so
     * that they never widen the form.
     */
    static Composite wrappingRows(FormToolkit toolkit, Composite parent, int spacing) {
        Composite c = toolkit.createComposite(parent);
        org.eclipse.swt.layout.RowLayout rows = new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL);
        rows.wrap = true;
        rows.marginLeft = 0;
        rows.marginTop = 0;
        rows.marginBottom = 0;
        rows.spacing = spacing;
        c.setLayout(rows);
        return c;
    }

    private static GridData span(GridData gd) {
        gd.horizontalSpan = 2;
        return gd;
    }

    private static GridLayout rowLayout(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        return l;
    }

    /** Writes pending text edits into the model (before a save). */
    public void flush() {
        bindings.forEach(FeatureBinding::flush);
    }

    /**
     * Validates the object and shows the problems in the form's header and next to their fields.
     *
     * @return the validation result
     */
    public Diagnostic validate() {
        Diagnostic d = Validation.validate(object);
        messages.setAutoUpdate(false);
        try {
            for (FeatureBinding b : bindings) {
                messages.removeMessage("validation", b.control());
            }
            generalMessageKeys.forEach(messages::removeMessage);
            generalMessageKeys.clear();
            for (Diagnostic problem : d.getChildren()) {
                List<?> data = problem.getData();
                Control control = null;
                if (data.size() > 1 && data.get(0) == object && data.get(1) instanceof EStructuralFeature f) {
                    control = controlOf(f);
                }
                String text = problem.getMessage().replace(Validation.describe(object) + ": ", "");
                int type = problem.getSeverity() >= Diagnostic.ERROR ? IMessageProvider.ERROR : IMessageProvider.WARNING;
                if (control != null) {
                    messages.addMessage("validation", text, null, type, control);
                } else {
                    Object key = new Object();
                    generalMessageKeys.add(key);
                    messages.addMessage(key, text, null, type);
                }
            }
        } finally {
            messages.setAutoUpdate(true);
        }
        return d;
    }

    Control controlOf(EStructuralFeature f) {
        for (FeatureBinding b : bindings) {
            if (b.feature == f && b.owner == object) {
                return b.control();
            }
        }
        return null;
    }
}
