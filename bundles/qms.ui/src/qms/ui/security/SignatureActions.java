package qms.ui.security;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;
import qms.ui.RecordAction;

/** "Sign…" on quality records, and the administrator's "Set Password…" and "Unlock" on user accounts. */
public final class SignatureActions {

    private SignatureActions() {
    }

    /** Signs the record (any record but accounts, settings and signatures themselves). */
    @Component(service = RecordAction.class)
    public static final class Sign implements RecordAction {

        @Override
        public boolean appliesTo(EClass eClass) {
            return !QmsPackage.Literals.USER_ACCOUNT.isSuperTypeOf(eClass)
                    && !QmsPackage.Literals.SIGNATURE.isSuperTypeOf(eClass)
                    && !QmsPackage.Literals.SIGNATURE_MEANING.isSuperTypeOf(eClass)
                    && !QmsPackage.Literals.SYSTEM_SETTINGS.isSuperTypeOf(eClass);
        }

        @Override
        public String label() {
            return "Sign\u2026";
        }

        @Override
        public String description() {
            return "Sign this record electronically as the signed-in user (your password; at the session's first"
                    + " signing your user id too)";
        }

        @Override
        public boolean enabledFor(RecordStore store, Record record) {
            // the meaning's rules decide in the end; an auditor never signs
            var p = store.principal();
            return p != null && store.accounts().roles(p.userId()).stream().anyMatch(r -> r != AccessRole.AUDITOR);
        }

        @Override
        public void run(Context context) {
            new SignatureDialog(context.shell(), context.store(), context.record()).open();
        }
    }

    /** An action an administrator runs on a user account. */
    abstract static class OnAccount implements RecordAction {

        @Override
        public final boolean appliesTo(EClass eClass) {
            return QmsPackage.Literals.USER_ACCOUNT.isSuperTypeOf(eClass);
        }
    }

    /** An administrator sets a temporary password, which the user must change at the next sign-in. */
    @Component(service = RecordAction.class)
    public static final class SetPassword extends OnAccount {

        @Override
        public String label() {
            return "Set Password\u2026";
        }

        @Override
        public String description() {
            return "Set a temporary password; the user must change it at the next sign-in";
        }

        @Override
        public boolean enabledFor(RecordStore store, Record record) {
            return isAdministrator(store);
        }

        @Override
        public void run(Context context) {
            UserAccount account = (UserAccount) context.record();
            if (new SetPasswordDialog(context.shell(), context.store().accounts(), account).open() == Window.OK) {
                MessageDialog.openInformation(context.shell(), SetPasswordDialog.TITLE, "The temporary password of "
                        + account.getUserId() + " is set.");
            }
        }
    }

    /** An administrator unlocks an account locked after failed attempts. */
    @Component(service = RecordAction.class)
    public static final class Unlock extends OnAccount {

        @Override
        public String label() {
            return "Unlock";
        }

        @Override
        public String description() {
            return "Unlock an account locked after too many failed attempts";
        }

        @Override
        public boolean enabledFor(RecordStore store, Record record) {
            return isAdministrator(store) && store.accounts().state(((UserAccount) record).getUserId()).locked();
        }

        @Override
        public void run(Context context) {
            UserAccount account = (UserAccount) context.record();
            context.store().accounts().unlock(account.getId());
            MessageDialog.openInformation(context.shell(), label(), account.getUserId() + " is unlocked.");
        }
    }

    static boolean isAdministrator(RecordStore store) {
        return store.accounts().isAdministrator(store.principal());
    }
}
