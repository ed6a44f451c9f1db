package qms.ui.security;

import java.util.stream.Collectors;

import org.eclipse.jface.action.ContributionItem;
import org.eclipse.jface.action.StatusLineLayoutData;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

import qms.core.Principal;
import qms.model.AccessRole;
import qms.ui.QmsUi;
import qms.ui.Session;

/**
 * Who is signed in, at the right of the window's status line ("Signed in: Ada Admin (admin) · Administrator"), kept
 * up to date as people sign in and out, so that nobody saves or signs in a session they take for their own. The
 * window's title says the same ({@link #who()}).
 */
public final class SignedInIndicator extends ContributionItem {

    public static final String ID = "qms.ui.signedIn";

    private CLabel label;
    private Display display;
    private final Runnable listener = () -> {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(this::show);
        }
    };

    public SignedInIndicator() {
        super(ID);
    }

    /** "Ada Admin (admin), Administrator and QA Manager", or "nobody signed in". */
    public static String who() {
        Principal p = Session.principal();
        if (p == null) {
            return "nobody signed in";
        }
        String roles;
        try {
            roles = QmsUi.get().store().accounts().roles(p.userId()).stream().sorted().map(AccessRole::getLiteral)
                    .collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            roles = ""; // the store closing: the name is what matters
        }
        return p.displayName() + " (" + p.userId() + ")" + (roles.isEmpty() ? "" : ", " + roles);
    }

    @Override
    public void fill(Composite parent) {
        display = parent.getDisplay();
        label = new CLabel(parent, SWT.SHADOW_NONE);
        label.setLayoutData(new StatusLineLayoutData());
        Session.addListener(listener);
        label.addDisposeListener(e -> Session.removeListener(listener));
        show();
    }

    private void show() {
        if (label == null || label.isDisposed()) {
            return;
        }
        String text = "Signed in: " + who();
        if (text.equals(label.getText())) {
            return;
        }
        label.setText(text);
        label.setToolTipText("Everything saved or signed in this window is recorded under this user id");
        StatusLineLayoutData data = (StatusLineLayoutData) label.getLayoutData();
        data.widthHint = label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        label.getParent().layout(true);
    }

    @Override
    public void dispose() {
        Session.removeListener(listener);
        super.dispose();
    }
}
