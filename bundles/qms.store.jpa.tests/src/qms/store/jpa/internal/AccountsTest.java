package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.AuthenticationException;
import qms.core.ModelRegistry;
import qms.core.PasswordPolicyException;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignInResult;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.ValidationException;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.SystemSettings;
import qms.model.UserAccount;
import qms.model.Vendor;

/** Accounts, passwords, sign-in and lockout, against the real store with real PBKDF2 hashes. */
class AccountsTest {

    @TempDir
    Path dataDir;

    private static List<AuditAction> actions(RecordStore store, String recordId) {
        return store.auditTrail().forRecord(recordId).stream().map(AuditEntry::action).toList();
    }

    @Test
    void aNewStoreHasNoAccountAndAcceptsOnlyTheFirstAdministrator() {
        AtomicReference<Principal> user = new AtomicReference<>(new Principal("mallory", "Mallory"));
        try (RecordStore store = new DerbyStoreFactory().open(new StoreConfig(dataDir, DerbyTesting.keyFile(dataDir)),
                ModelRegistry.core(), user::get)) {
            assertFalse(store.accounts().anyAccount(), "no default account, no default password");
            Vendor v = Records.newRecord(QmsPackage.Literals.VENDOR);
            v.setName("Early bird");
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> store.save(v, null));
            assertTrue(e.getMessage().contains("first administrator"), e.getMessage());
            assertThrows(AuthenticationException.class, () -> store.accounts().signIn("admin", "x".toCharArray()));

            PasswordPolicyException weak = assertThrows(PasswordPolicyException.class, () -> store.accounts()
                    .createFirstAdministrator("admin", "Ada Admin", "short".toCharArray(), Set.of()));
            assertTrue(weak.getMessage().contains("at least 12 characters"), weak.getMessage());
            assertFalse(store.accounts().anyAccount(), "a refused first administrator leaves nothing behind");

            UserAccount admin = store.accounts().createFirstAdministrator("admin", "Ada Admin",
                    "correct horse battery".toCharArray(), Set.of(AccessRole.QA_MANAGER));
            assertEquals(Set.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER), store.accounts().roles("admin"));
            assertEquals(1, store.count(Query.of(QmsPackage.Literals.SYSTEM_SETTINGS)), "default settings");
            assertEquals(List.of("Approved", "Authored", "Reviewed", "Verified"), store.signatures().meanings()
                    .stream().map(m -> m.getName()).toList());
            assertThrows(AccessDeniedException.class, () -> store.accounts().createFirstAdministrator("eve",
                    "Eve", "another long password".toCharArray(), Set.of()), "only while no account exists");
            assertEquals(List.of(AuditAction.CREATE, AuditAction.PASSWORD), actions(store, admin.getId()));
        }
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            UserAccount carol = f.addUser("carol", "Carol Chen", AccessRole.CONTRIBUTOR);
            for (int attempt = 1; attempt <= 4; attempt++) {
                AuthenticationException e = assertThrows(AuthenticationException.class,
                        () -> f.store.accounts().signIn("carol", "wrong password!".toCharArray()));
                assertFalse(e.locked(), "attempt " + attempt);
                assertEquals("User id or password is wrong.", e.getMessage());
                assertEquals(attempt, f.store.accounts().state("carol").failedAttempts());
            }
            AuthenticationException fifth = assertThrows(AuthenticationException.class,
                    () -> f.store.accounts().signIn("carol", "wrong password!".toCharArray()));
            assertTrue(fifth.locked());
            assertTrue(fifth.getMessage().contains("locked after 5 failed attempts"), fifth.getMessage());
            assertTrue(f.store.accounts().state("carol").locked());
            AuthenticationException right = assertThrows(AuthenticationException.class,
                    () -> f.store.accounts().signIn("carol", Part11Fixture.PASSWORD));
            assertTrue(right.locked(), "the right password does not open a locked account");

            List<AuditEntry> trail = f.store.auditTrail().forRecord(carol.getId());
            assertEquals(5, trail.stream().filter(e -> e.action() == AuditAction.SIGN_IN_FAILED
                    && e.newValue().contains("wrong password")).count());
            AuditEntry lockout = trail.stream().filter(e -> e.action() == AuditAction.LOCKOUT).findFirst()
                    .orElseThrow();
            assertEquals("carol", lockout.user());
            assertTrue(trail.stream().anyMatch(e -> e.action() == AuditAction.SIGN_IN_FAILED
                    && e.newValue().contains("locked")), "the refused right password is audited too");

            f.actAs("admin");
            f.store.accounts().unlock(carol.getId());
            assertFalse(f.store.accounts().state("carol").locked());
            assertEquals("carol", f.store.accounts().signIn("carol", Part11Fixture.PASSWORD).principal().userId());
            List<AuditAction> actions = actions(f.store, carol.getId());
            assertEquals(List.of(AuditAction.UNLOCK, AuditAction.SIGN_IN), actions.subList(actions.size() - 2,
                    actions.size()));
            assertTrue(f.store.auditTrail().verify().intact());
        }
    }

    @Test
    void theKeyHolderRecoversALockedOutSoleAdministratorAndNobodyElse() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("carol", "Carol Chen", AccessRole.QA_MANAGER);
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThrows(AuthenticationException.class,
                        () -> f.store.accounts().signIn("admin", "wrong password!".toCharArray()));
            }
            assertTrue(f.store.accounts().state("admin").locked());
        }
        DerbyStoreFactory factory = new DerbyStoreFactory();
        StoreConfig config = new StoreConfig(dataDir, DerbyTesting.keyFile(dataDir));
        char[] temporary = "temporary recovery 2026".toCharArray();

        StoreException notAdmin = assertThrows(StoreException.class, () -> factory.recoverAdministrator(config,
                ModelRegistry.core(), "carol", temporary.clone(), "operating-system user ops on host1"));
        assertTrue(notAdmin.getMessage().contains("carol is not an active administrator"), notAdmin.getMessage());
        StoreException unknown = assertThrows(StoreException.class, () -> factory.recoverAdministrator(config,
                ModelRegistry.core(), "nobody", temporary.clone(), "ops"));
        assertTrue(unknown.getMessage().contains("no account with user id nobody"), unknown.getMessage());
        assertThrows(PasswordPolicyException.class, () -> factory.recoverAdministrator(config, ModelRegistry.core(),
                "admin", "short".toCharArray(), "ops"));
        StoreException noDatabase = assertThrows(StoreException.class, () -> factory.recoverAdministrator(
                new StoreConfig(dataDir.resolve("empty"), DerbyTesting.keyFile(dataDir)), ModelRegistry.core(),
                "admin", temporary.clone(), "ops"));
        assertTrue(noDatabase.getMessage().contains("There is no database"), noDatabase.getMessage());

        factory.recoverAdministrator(config, ModelRegistry.core(), "admin", temporary.clone(),
                "operating-system user ops on host1");

        AtomicReference<Principal> user = new AtomicReference<>();
        try (RecordStore store = factory.open(config, ModelRegistry.core(), user::get)) {
            assertFalse(store.accounts().state("admin").locked());
            assertThrows(AuthenticationException.class,
                    () -> store.accounts().signIn("admin", Part11Fixture.ADMIN_PASSWORD), "the old password is gone");
            SignInResult in = store.accounts().signIn("admin", temporary.clone());
            assertTrue(in.passwordChangeRequired(), "a recovery password is temporary");
            String adminId = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream()
                    .map(UserAccount.class::cast).filter(a -> a.getUserId().equals("admin")).findFirst()
                    .orElseThrow().getId();
            List<AuditEntry> trail = store.auditTrail().forRecord(adminId);
            List<AuditEntry> recovery = trail.stream().filter(e -> e.newValue() != null
                    && e.newValue().contains("emergency recovery")).toList();
            assertEquals(List.of(AuditAction.UNLOCK, AuditAction.PASSWORD),
                    recovery.stream().map(AuditEntry::action).toList());
            assertTrue(recovery.get(0).newValue().contains("holder of the store key (operating-system user ops on"
                    + " host1)"), recovery.get(0).newValue());
            assertEquals("system", recovery.get(1).user());
            assertTrue(store.auditTrail().verify().intact());
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswerAndAreAudited() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            long before = f.store.auditTrail().size();
            AuthenticationException unknown = assertThrows(AuthenticationException.class,
                    () -> f.store.accounts().signIn("nobody", "whatever it is".toCharArray()));
            AuthenticationException wrong = assertThrows(AuthenticationException.class,
                    () -> f.store.accounts().signIn("admin", "whatever it is".toCharArray()));
            assertEquals(unknown.getMessage(), wrong.getMessage(), "does not tell which user ids exist");
            List<AuditEntry> added = f.store.auditTrail().page(before, 10);
            assertEquals(2, added.size());
            assertEquals("nobody", added.get(0).user());
            assertTrue(added.get(0).newValue().contains("unknown user id"));
            assertEquals(AuditAction.SIGN_IN_FAILED, added.get(1).action());
        }
    }

    @Test
    void thePasswordPolicyIsEnforcedAndTemporaryPasswordsMustBeChanged() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            UserAccount dan = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
            dan.setUserId("dan");
            dan.setFullName("Dan Dunn");
            dan.getRoles().add(AccessRole.QA_MANAGER);
            f.store.save(dan, null);
            assertThrows(AuthenticationException.class, () -> f.store.accounts().signIn("dan", new char[0]),
                    "no password yet: cannot sign in");

            PasswordPolicyException sameAsId = assertThrows(PasswordPolicyException.class,
                    () -> f.store.accounts().setPassword(dan.getId(), "dan".toCharArray()));
            assertEquals(3, sameAsId.violations().size(), sameAsId.violations().toString()); // short, the id, breached
            assertTrue(sameAsId.getMessage().contains("must not be made of the user id (dan)"));
            f.store.accounts().setPassword(dan.getId(), "temporary dan 2026".toCharArray());

            SignInResult first = f.store.accounts().signIn("dan", "temporary dan 2026".toCharArray());
            assertTrue(first.passwordChangeRequired(), "a password set by the administrator must be changed");
            PasswordPolicyException reuse = assertThrows(PasswordPolicyException.class, () -> f.store.accounts()
                    .changePassword("dan", "temporary dan 2026".toCharArray(), "temporary dan 2026".toCharArray()));
            assertTrue(reuse.getMessage().contains("last 5 passwords"), reuse.getMessage());
            f.store.accounts().changePassword("dan", "temporary dan 2026".toCharArray(),
                    "dans own passphrase".toCharArray());
            assertFalse(f.store.accounts().signIn("dan", "dans own passphrase".toCharArray())
                    .passwordChangeRequired());
            f.store.accounts().changePassword("dan", "dans own passphrase".toCharArray(),
                    "second passphrase".toCharArray());
            assertThrows(PasswordPolicyException.class, () -> f.store.accounts().changePassword("dan",
                    "second passphrase".toCharArray(), "dans own passphrase".toCharArray()),
                    "one of the last passwords");

            // no hash, salt or password ever reaches a record or the audit trail
            for (AuditEntry e : f.store.auditTrail().page(0, Integer.MAX_VALUE)) {
                String all = e.oldValue() + " " + e.newValue() + " " + e.reason();
                assertFalse(all.contains("pbkdf2") || all.contains("passphrase") || all.contains("temporary dan"),
                        "entry " + e.sequence() + ": " + all);
            }
        }
    }

    @Test
    void onlyAnAdministratorSetsPasswordsOrUnlocks() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            UserAccount qa = f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            assertThrows(AccessDeniedException.class,
                    () -> f.store.accounts().setPassword(qa.getId(), "my own new password".toCharArray()));
            assertThrows(AccessDeniedException.class, () -> f.store.accounts().unlock(qa.getId()));
            assertEquals(2, f.store.auditTrail().forRecord(qa.getId()).stream()
                    .filter(e -> e.action() == AuditAction.DENIED).count());
        }
    }

    @Test
    void anExpiredPasswordMustBeChanged() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("erin", "Erin Evans", AccessRole.CONTRIBUTOR);
            SystemSettings settings = (SystemSettings) f.store.list(Query.of(QmsPackage.Literals.SYSTEM_SETTINGS))
                    .get(0);
            assertEquals(90, settings.getPasswordExpiryDays());
            f.store.accounts().signIn("erin", Part11Fixture.PASSWORD);
            assertFalse(f.store.accounts().signIn("erin", Part11Fixture.PASSWORD).passwordChangeRequired());
            // the password was changed "100 days ago"
            f.store.close();
            try {
                DerbyTesting.sql(dataDir, "UPDATE SYS_CREDENTIAL SET CHANGED_AT = '"
                        + java.time.Instant.now().minus(java.time.Duration.ofDays(100)) + "' WHERE USER_ID = 'erin'");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            try (RecordStore reopened = new DerbyStoreFactory().open(new StoreConfig(dataDir,
                    DerbyTesting.keyFile(dataDir)), ModelRegistry.core(), f.user::get)) {
                SignInResult r = reopened.accounts().signIn("erin", Part11Fixture.PASSWORD);
                assertTrue(r.passwordChangeRequired());
                assertTrue(r.reason().contains("older than 90 days"), r.reason());
            }
        }
    }

    @Test
    void userIdsAreUniqueFixedAndAccountsAreNeverDeleted() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            UserAccount frank = f.addUser("frank", "Frank Fox", AccessRole.CONTRIBUTOR);
            UserAccount again = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
            again.setUserId("frank");
            again.setFullName("Another Frank");
            again.getRoles().add(AccessRole.AUDITOR);
            ValidationException taken = assertThrows(ValidationException.class, () -> f.store.save(again, null));
            assertTrue(taken.getMessage().contains("never reused"), taken.getMessage());

            UserAccount loaded = (UserAccount) f.store.get(frank.getId());
            loaded.setUserId("franky");
            ValidationException fixed = assertThrows(ValidationException.class, () -> f.store.save(loaded, null));
            assertTrue(fixed.getMessage().contains("cannot be changed once saved"), fixed.getMessage());

            UserAccount reloaded = (UserAccount) f.store.get(frank.getId());
            StoreException delete = assertThrows(StoreException.class, () -> f.store.delete(reloaded, "gone",
                    true));
            assertTrue(delete.getMessage().contains("deactivate the account instead"), delete.getMessage());

            reloaded.setActive(false);
            f.store.save(reloaded, "left the company");
            assertEquals(Set.of(), f.store.accounts().roles("frank"), "a deactivated account has no rights");
            AuthenticationException inactive = assertThrows(AuthenticationException.class,
                    () -> f.store.accounts().signIn("frank", Part11Fixture.PASSWORD));
            assertTrue(inactive.getMessage().contains("deactivated"));
            assertNotNull(f.store.find(frank.getId()).orElse(null));
        }
    }
}
