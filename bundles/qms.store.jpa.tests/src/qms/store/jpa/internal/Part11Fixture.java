package qms.store.jpa.internal;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.UserAccount;

/**
 * A store with a first administrator who signed in, and a way to add users with passwords and act as them. The
 * passwords are real: every sign-in runs the full PBKDF2 (600,000 iterations).
 */
final class Part11Fixture implements AutoCloseable {

    static final char[] ADMIN_PASSWORD = "correct horse battery".toCharArray();
    static final char[] PASSWORD = "a long enough passphrase".toCharArray();

    final AtomicReference<Principal> user = new AtomicReference<>();
    final RecordStore store;
    final Principal admin;

    Part11Fixture(Path dataDir) {
        this(dataDir, ModelRegistry.core());
    }

    /** A new store with the given model (a test module's, say). */
    Part11Fixture(Path dataDir, ModelRegistry model) {
        store = new DerbyStoreFactory().open(new StoreConfig(dataDir, DerbyTesting.keyFile(dataDir)), model,
                user::get);
        store.accounts().createFirstAdministrator("admin", "Ada Admin", ADMIN_PASSWORD, Set.of());
        admin = store.accounts().signIn("admin", ADMIN_PASSWORD).principal();
        user.set(admin);
    }

    private Part11Fixture(Path dataDir, Path keyFile, ModelRegistry model) {
        store = new DerbyStoreFactory().open(new StoreConfig(dataDir, keyFile), model, user::get);
        admin = store.accounts().signIn("admin", ADMIN_PASSWORD).principal();
        user.set(admin);
    }

    /** A store made earlier by a fixture (or restored from one's backup), with its administrator signed in. */
    static Part11Fixture open(Path dataDir, Path keyFile) {
        return open(dataDir, keyFile, ModelRegistry.core());
    }

    static Part11Fixture open(Path dataDir, Path keyFile, ModelRegistry model) {
        return new Part11Fixture(dataDir, keyFile, model);
    }

    /** An account with a password (set by the administrator, then changed by the user to {@link #PASSWORD}). */
    UserAccount addUser(String userId, String fullName, AccessRole... roles) {
        Principal before = user.get();
        user.set(admin);
        UserAccount a = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
        a.setUserId(userId);
        a.setFullName(fullName);
        a.getRoles().addAll(java.util.List.of(roles));
        store.save(a, null);
        char[] temporary = ("temporary " + userId + " 2026").toCharArray();
        store.accounts().setPassword(a.getId(), temporary);
        store.accounts().changePassword(userId, temporary, PASSWORD);
        user.set(before);
        return a;
    }

    /** Signs in (with the password) and makes the store attribute writes to that user. */
    Principal actAs(String userId) {
        Principal p = store.accounts().signIn(userId, "admin".equals(userId) ? ADMIN_PASSWORD : PASSWORD)
                .principal();
        user.set(p);
        return p;
    }

    @Override
    public void close() {
        store.close();
    }
}
