package qms.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

import qms.core.Accounts;
import qms.core.AuditAction;
import qms.core.ModelContributions;
import qms.core.RecordStore;
import qms.core.StoreException;
import qms.core.StoreFactory;
import qms.testing.ModuleTestStore;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;

/**
 * The sign-in shown at start-up while the store is still opening, through the real dialog: the user types, Sign In
 * waits for the store, and a store that fails or has no account yet ends the dialog by itself.
 */
class EarlySignInTest {

    private static final int PENDING = -1;
    private final Bot bot = new Bot();

    private SignInDialog open(CompletableFuture<Accounts> opening, AtomicInteger rc) {
        rc.set(PENDING);
        SignInDialog dialog = bot.syncExec(() -> new SignInDialog(null, opening, "/data/of/the/test"));
        bot.display().asyncExec(() -> rc.set(dialog.open()));
        bot.waitUntil(() -> bot.shellTitles().contains(SignInDialog.TITLE), "the sign-in dialog");
        return dialog;
    }

    @Test
    void signInTypedBeforeTheStoreIsOpenWaitsForItThenSignsIn() {
        CompletableFuture<Accounts> opening = new CompletableFuture<>();
        AtomicInteger rc = new AtomicInteger();
        SignInDialog dialog = open(opening, rc);
        ShellBot signIn = bot.shell(SignInDialog.TITLE);
        signIn.textWithLabel("User id").setText(SignedInApplication.ADMIN);
        signIn.textWithLabel("Password").setText(SignedInApplication.ADMIN_PASSWORD);
        signIn.button("Sign In").click();

        signIn.widget(Text.class, t -> t.getText().startsWith("Opening the data in /data/of/the/test"),
                "the dialog says it waits for the data");
        Button button = signIn.widget(Button.class, b -> b.getText().contains("Sign In"), "Sign In");
        assertFalse(bot.syncExec(() -> button.isEnabled()), "Sign In is off while it waits");
        assertEquals(PENDING, rc.get(), "still open while the store opens");

        long before = QmsUi.get().store().auditTrail().count(new qms.core.AuditQuery(null, SignedInApplication.ADMIN,
                null, null, null, java.util.Set.of(AuditAction.SIGN_IN)));
        opening.complete(QmsUi.get().store().accounts());
        bot.waitUntil(() -> rc.get() != PENDING, "the dialog closes once signed in");
        assertEquals(org.eclipse.jface.window.Window.OK, rc.get());
        assertEquals(SignedInApplication.ADMIN, dialog.principal().userId());
        assertEquals(before + 1, QmsUi.get().store().auditTrail().count(new qms.core.AuditQuery(null,
                SignedInApplication.ADMIN, null, null, null, java.util.Set.of(AuditAction.SIGN_IN))),
                "the password was checked against the store that opened, and the sign-in audited");
    }

    @Test
    void aStoreThatCannotBeOpenedEndsTheDialogForItsCallerToSayWhy() {
        CompletableFuture<Accounts> opening = new CompletableFuture<>();
        AtomicInteger rc = new AtomicInteger();
        open(opening, rc);
        bot.shell(SignInDialog.TITLE).textWithLabel("User id").setText(SignedInApplication.ADMIN);
        opening.completeExceptionally(new StoreException("The key file does not unlock the database"));
        bot.waitUntil(() -> rc.get() != PENDING, "the dialog ends by itself");
        assertEquals(SignInDialog.STORE_FAILED, rc.get());
    }

    @Test
    void aStoreWithoutAccountsEndsTheDialogForTheFirstAdministrator(@TempDir Path dir) throws Exception {
        org.osgi.framework.BundleContext context = FrameworkUtil.getBundle(SignInDialog.class).getBundleContext();
        org.osgi.framework.ServiceReference<StoreFactory> reference = context.getServiceReference(StoreFactory.class);
        assertNotNull(reference, "the store factory service (the suite's store is open)");
        StoreFactory factory = context.getService(reference);
        CompletableFuture<Accounts> opening = new CompletableFuture<>();
        AtomicInteger rc = new AtomicInteger();
        open(opening, rc);
        try (RecordStore fresh = factory.open(ModuleTestStore.config(dir), ModelContributions.fromServices(),
                () -> null)) {
            assertFalse(fresh.accounts().anyAccount(), "a new store has no account");
            opening.complete(fresh.accounts());
            bot.waitUntil(() -> rc.get() != PENDING, "the dialog ends without Sign In being pressed");
            assertEquals(SignInDialog.NO_ACCOUNT, rc.get());
        } finally {
            context.ungetService(reference);
        }
        assertTrue(bot.shellTitles().stream().noneMatch(SignInDialog.TITLE::equals), "no sign-in left open");
    }
}
