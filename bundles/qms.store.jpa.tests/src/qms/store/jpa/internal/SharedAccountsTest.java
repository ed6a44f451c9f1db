package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuthenticationException;
import qms.core.ModelRegistry;
import qms.core.PasswordPolicyException;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.SystemSettings;
import qms.model.UserAccount;
import qms.testing.PostgresCluster;
import qms.testing.TestAccounts;

/**
 * Two installations on one server share the accounts: failed sign-ins on either count towards one lockout, the lock
 * holds on both, and the password policy is the same on both.
 */
class SharedAccountsTest {

    private static final Principal ADMIN = new Principal("admin", "Ada Admin");
    private static final Principal CAROL = new Principal("carol", "Carol Clinical");

    @TempDir
    Path dir;

    private RecordStore open(StoreServer server, AtomicReference<Principal> who, String folder) {
        return new JpaStoreFactory().open(new StoreConfig(dir.resolve(folder), null, server), ModelRegistry.core(),
                who::get);
    }

    @Test
    void failedSignInsOnTwoClientsCountTowardsOneLockoutThatHoldsOnBoth() throws Exception {
        StoreServer server = PostgresCluster.shared().newDatabase();
        AtomicReference<Principal> user = new AtomicReference<>(ADMIN);
        try (RecordStore a = open(server, user, "a"); RecordStore b = open(server, new AtomicReference<>(), "b")) {
            a.accounts().createFirstAdministrator(ADMIN.userId(), ADMIN.displayName(), "admin's own passphrase"
                    .toCharArray(), java.util.Set.of());
            a.save(TestAccounts.account(CAROL, AccessRole.CONTRIBUTOR), null);
            UserAccount carol = a.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                    .filter(x -> x.getUserId().equals("carol")).findFirst().orElseThrow();
            a.accounts().setPassword(carol.getId(), "carol's first password".toCharArray());

            // the policy is the store's: a password too short is refused on the other client too
            assertThrows(PasswordPolicyException.class, () -> b.accounts().changePassword("carol",
                    "carol's first password".toCharArray(), "short".toCharArray()));

            int attempts = a.accounts().policy().lockoutAttempts();
            assertTrue(attempts >= 2, "the policy locks out after " + attempts);
            int failedAt = 0;
            AuthenticationException last = null;
            for (int i = 1; i <= attempts; i++) { // alternating between the two machines
                RecordStore on = i % 2 == 0 ? a : b;
                last = assertThrows(AuthenticationException.class, () -> on.accounts().signIn("carol",
                        "a wrong guess".toCharArray()));
                failedAt = i;
            }
            assertEquals(attempts, failedAt);
            assertTrue(last.getMessage().startsWith("This account is locked after " + attempts + " failed attempts"),
                    last.getMessage());
            for (RecordStore on : List.of(a, b)) { // locked on both, even with the right password
                AuthenticationException locked = assertThrows(AuthenticationException.class, () -> on.accounts()
                        .signIn("carol", "carol's first password".toCharArray()));
                assertTrue(locked.getMessage().contains("locked"), locked.getMessage());
            }
            a.accounts().unlock(carol.getId());
            assertFalse(b.accounts().signIn("carol", "carol's first password".toCharArray()).principal() == null);

            // the session timeout and the policy are the store's: tightened on one client, in force on the other
            SystemSettings settings = (SystemSettings) a.list(Query.of(QmsPackage.Literals.SYSTEM_SETTINGS)).get(0);
            settings.setIdleLockMinutes(5);
            settings.setPasswordMinLength(settings.getPasswordMinLength() + 10);
            a.save(settings, "tightened after the audit");
            assertEquals(5, b.accounts().idleLockMinutes());
            assertEquals(settings.getPasswordMinLength(), b.accounts().policy().minLength());

            // a role taken away on one machine is gone on the other within seconds, though it was just used there
            assertTrue(b.accounts().roles("carol").contains(AccessRole.CONTRIBUTOR));
            UserAccount revoked = (UserAccount) a.get(carol.getId());
            revoked.setActive(false);
            a.save(revoked, "left the company");
            Thread.sleep(JpaAccounts.SERVER_ROLES_MILLIS + 500);
            assertEquals(java.util.Set.of(), b.accounts().roles("carol"));
            assertThrows(AuthenticationException.class, () -> b.accounts().signIn("carol", "carol's first password"
                    .toCharArray()));
            assertTrue(a.auditTrail().verify().intact());
        }
    }
}
