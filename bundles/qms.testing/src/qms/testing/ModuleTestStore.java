package qms.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import qms.core.ModelContributions;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreFactory;
import qms.core.Query;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.UserAccount;

/**
 * A real encrypted store opened through the store factory service, with the model of every installed module (so a
 * module's DS contribution must be there), an administrator, a QA manager who can sign, a contributor and an
 * auditor; the QA manager is signed in. For the modules' tests (fragments of their core bundles).
 */
public class ModuleTestStore implements AutoCloseable {

    public static final Principal ADMIN = new Principal("admin", "Ada Admin");
    public static final Principal QA = new Principal("quinn", "Quinn QA");
    public static final Principal CONTRIBUTOR = new Principal("carl", "Carl Contributor");
    public static final Principal AUDITOR = new Principal("audrey", "Audrey Auditor");
    public static final String QA_PASSWORD = "quinn's own passphrase";

    public final AtomicReference<Principal> user = new AtomicReference<>(ADMIN);
    public final RecordStore store;
    private final ServiceTracker<StoreFactory, StoreFactory> tracker;

    /** Opens the store in {@code dir}; {@code moduleClass} is a class of the module under test (its bundle). */
    public ModuleTestStore(Path dir, Class<?> moduleClass) throws InterruptedException {
        this(dir, moduleClass, true);
    }

    /** Opens again a store an earlier {@code ModuleTestStore} made in {@code dir}; the administrator is signed in. */
    public static ModuleTestStore reopen(Path dir, Class<?> moduleClass) throws InterruptedException {
        return new ModuleTestStore(dir, moduleClass, false);
    }

    private ModuleTestStore(Path dir, Class<?> moduleClass, boolean create) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(moduleClass).getBundleContext();
        assertNotNull(context, "the module's bundle is started");
        tracker = new ServiceTracker<>(context, StoreFactory.class, null);
        tracker.open();
        StoreFactory factory = tracker.waitForService(20_000);
        assertNotNull(factory, "the store factory service (qms.store.jpa) is running");
        store = factory.open(config(dir), ModelContributions.fromServices(), user::get);
        if (!create) {
            return;
        }
        // as in the product: the first administrator's account also brings the default signature meanings
        store.accounts().createFirstAdministrator(ADMIN.userId(), ADMIN.displayName(), "admin's own passphrase"
                .toCharArray(), java.util.Set.of());
        store.save(TestAccounts.account(QA, AccessRole.QA_MANAGER), null);
        store.save(TestAccounts.account(CONTRIBUTOR, AccessRole.CONTRIBUTOR), null);
        store.save(TestAccounts.account(AUDITOR, AccessRole.AUDITOR), null);
        // the QA manager can sign (reviews of restoration tests)
        String qaAccount = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream()
                .map(UserAccount.class::cast).filter(a -> a.getUserId().equals(QA.userId())).findFirst().orElseThrow()
                .getId();
        store.accounts().setPassword(qaAccount, "temporary password 1".toCharArray());
        store.accounts().changePassword(QA.userId(), "temporary password 1".toCharArray(), QA_PASSWORD.toCharArray());
        user.set(QA);
    }

    /**
     * Embedded Derby in {@code dir}; with {@code -Dqms.test.database=postgresql} (the build's second test run of each
     * module) a new database of the test PostgreSQL server, so every module's store tests run on both.
     */
    private static boolean announced;

    public static StoreConfig config(Path dir) {
        if (!onPostgres()) {
            return new StoreConfig(dir.resolve("data"), dir.resolve("store.key"));
        }
        try {
            StoreConfig c = new StoreConfig(dir.resolve("data"), null, PostgresCluster.shared().newDatabase());
            if (!announced) {
                announced = true;
                System.out.println("[qms] this run's module test stores are on the test PostgreSQL server, a new"
                        + " database each (the first: " + c.describe() + ")");
            }
            return c;
        } catch (Exception e) {
            throw new AssertionError("cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
    }

    /** Whether this test run's stores are on the test PostgreSQL server. */
    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("qms.test.database"));
    }

    /**
     * Adds an account who can sign: its password set by the administrator and changed by the user to
     * {@code password}. The signed-in user stays who it was.
     */
    public UserAccount addUser(Principal p, String password, AccessRole... roles) {
        Principal before = user.get();
        user.set(ADMIN);
        store.save(TestAccounts.account(p, roles), null);
        UserAccount a = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(x -> x.getUserId().equals(p.userId())).findFirst().orElseThrow();
        store.accounts().setPassword(a.getId(), "temporary password 1".toCharArray());
        store.accounts().changePassword(p.userId(), "temporary password 1".toCharArray(), password.toCharArray());
        user.set(before);
        return a;
    }

    public void actAs(Principal p) {
        user.set(p);
    }

    @Override
    public void close() {
        store.close();
        tracker.close();
    }
}
