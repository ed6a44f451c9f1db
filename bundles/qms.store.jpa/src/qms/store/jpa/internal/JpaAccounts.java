package qms.store.jpa.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.emf.ecore.EClass;

import qms.core.AccessDeniedException;
import qms.core.AccountState;
import qms.core.Accounts;
import qms.core.AuditAction;
import qms.core.AuthenticationException;
import qms.core.Hints;
import qms.core.ModelRegistry;
import qms.core.PasswordHasher;
import qms.core.PasswordPolicy;
import qms.core.PasswordPolicyException;
import qms.core.Principal;
import qms.core.Query;
import qms.core.Records;
import qms.core.SignInResult;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignatureMeaning;
import qms.model.SystemSettings;
import qms.model.UserAccount;

/**
 * Accounts over the store: the account is a {@link UserAccount} record, its password and sign-in state a
 * {@link CredentialEntity} row. Hashing (slow on purpose) happens before a write transaction starts, so other
 * writers are not held up by it.
 */
final class JpaAccounts implements Accounts {

    static final String WRONG = "User id or password is wrong.";

    private final JpaRecordStore store;
    private final PasswordHasher hasher = new PasswordHasher();
    /**
     * How long roles read from a server are trusted: another machine may take a role away or deactivate the account
     * (on embedded Derby every write is this process's own, and forgets them at once).
     */
    static final long SERVER_ROLES_MILLIS = 2_000;

    private final Map<String, Roles> roles = new ConcurrentHashMap<>();

    /** An account's roles as read at a moment ({@link System#nanoTime()}). */
    private record Roles(Set<AccessRole> roles, long readAt) {
    }
    /**
     * A hash no password matches, checked when the user id is unknown, so that takes as long as a real one (made
     * without a derivation: the store's opening does not pay for one).
     */
    private final String decoy = hasher.decoy();
    private volatile boolean anyAccount;

    JpaAccounts(JpaRecordStore store) {
        this.store = store;
    }

    void forgetRoles() {
        roles.clear();
    }

    // -------------------------------------------------------------------------------------------- permissions

    @Override
    public boolean anyAccount() {
        if (!anyAccount) {
            anyAccount = store.count(Query.of(QmsPackage.Literals.USER_ACCOUNT)) > 0;
        }
        return anyAccount;
    }

    /** While no account exists, the only write accepted is the first administrator creating their own account. */
    void checkBootstrap(Collection<? extends Record> records) {
        Principal p = store.principal();
        boolean ok = p != null && records.size() == 1 && records.iterator().next() instanceof UserAccount a
                && a.getRoles().contains(AccessRole.ADMINISTRATOR) && p.userId().equals(a.getUserId());
        if (!ok) {
            throw new AccessDeniedException("No user account exists yet: the first administrator must create their"
                    + " own account before anything else is saved. Nothing was written.");
        }
    }

    @Override
    public Set<AccessRole> roles(String userId) {
        if (userId == null) {
            return Set.of();
        }
        Roles known = roles.get(userId);
        if (known != null && (store.dialect() == Dialect.DERBY || System.nanoTime() - known.readAt() < SERVER_ROLES_MILLIS
                * 1_000_000)) {
            return known.roles();
        }
        long now = System.nanoTime();
        Set<AccessRole> read = account(userId).filter(UserAccount::isActive).map(a -> a.getRoles().isEmpty() ? Set
                .<AccessRole>of() : Set.copyOf(EnumSet.copyOf(a.getRoles()))).orElse(Set.of());
        roles.put(userId, new Roles(read, now));
        return read;
    }

    @Override
    public boolean mayWrite(EClass type) {
        Principal p = store.principal();
        return p != null && mayWrite(p.userId(), type);
    }

    boolean mayWrite(String userId, EClass type) {
        Set<String> writers = writers(type);
        return roles(userId).stream().anyMatch(r -> writers.contains(r.getName()));
    }

    /** The role names that may write a class: its own or its nearest super class's hint, else the default. */
    Set<String> writers(EClass type) {
        List<EClass> lookup = new ArrayList<>();
        lookup.add(type);
        lookup.addAll(type.getEAllSuperTypes());
        for (EClass c : lookup) {
            String hint = store.model().hint(c, Hints.WRITERS);
            if (hint != null) {
                return new LinkedHashSet<>(Arrays.asList(hint.trim().isEmpty() ? new String[0]
                        : hint.trim().split("[\\s,]+")));
            }
        }
        return Set.of(Hints.DEFAULT_WRITERS);
    }

    String writersText(EClass type) {
        List<String> names = writers(type).stream().map(n -> {
            AccessRole r = AccessRole.getByName(n);
            return r == null ? n : r.getLiteral();
        }).toList();
        return names.isEmpty() ? "the suite itself only" : String.join(" or ", names);
    }

    // -------------------------------------------------------------------------------------------- look-ups

    Optional<UserAccount> account(String userId) {
        return store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT).where(QmsPackage.Literals.USER_ACCOUNT__USER_ID,
                userId)).stream().map(UserAccount.class::cast).findFirst();
    }

    private UserAccount accountById(String accountId) {
        if (!(store.get(accountId) instanceof UserAccount a)) {
            throw new StoreException("Record " + accountId + " is not a user account");
        }
        return a;
    }

    void checkUserIdFree(EntityManager em, UserAccount account) {
        if (!store.readWhere(em, QmsPackage.Literals.USER_ACCOUNT, QmsPackage.Literals.USER_ACCOUNT__USER_ID,
                account.getUserId()).isEmpty()) {
            throw Validation.failure(account, QmsPackage.Literals.USER_ACCOUNT__USER_ID, "'" + account.getUserId()
                    + "' is taken: user ids are never reused, also not those of deactivated accounts");
        }
    }

    private Optional<SystemSettings> settings() {
        return store.list(Query.of(QmsPackage.Literals.SYSTEM_SETTINGS)).stream().map(SystemSettings.class::cast)
                .findFirst();
    }

    @Override
    public PasswordPolicy policy() {
        return settings().map(s -> new PasswordPolicy(s.getPasswordMinLength(), s.getPasswordHistory(),
                s.getPasswordExpiryDays(), s.getLockoutAttempts())).orElse(PasswordPolicy.DEFAULT);
    }

    @Override
    public int idleLockMinutes() {
        return settings().map(SystemSettings::getIdleLockMinutes).orElse(15);
    }

    private CredentialEntity credential(String userId) {
        return store.read(em -> em.find(CredentialEntity.class, userId));
    }

    @Override
    public AccountState state(String userId) {
        CredentialEntity c = credential(userId);
        if (c == null) {
            return new AccountState(false, 0, null, null, false);
        }
        return new AccountState(c.passwordHash != null, c.failedAttempts, instant(c.lockedAt), instant(c.changedAt),
                c.mustChange);
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // -------------------------------------------------------------------------------------------- first start

    @Override
    public UserAccount createFirstAdministrator(String userId, String fullName, char[] password,
            Set<AccessRole> extraRoles) {
        UserAccount account = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
        account.setUserId(userId == null ? null : userId.trim());
        account.setFullName(fullName == null ? null : fullName.trim());
        account.getRoles().add(AccessRole.ADMINISTRATOR);
        extraRoles.stream().filter(r -> !account.getRoles().contains(r)).forEach(account.getRoles()::add);
        Validation.check(account);
        List<String> violations = PasswordPolicy.DEFAULT.violations(account.getUserId(), password, List.of(),
                hasher);
        if (!violations.isEmpty()) {
            throw new PasswordPolicyException(violations);
        }
        String hash = hasher.hash(password);
        store.write(account.getUserId(), null, tx -> {
            if (count(tx.em, QmsPackage.Literals.USER_ACCOUNT) > 0) {
                throw new AccessDeniedException("An account exists already: the first administrator was created"
                        + " before. Nothing was written.");
            }
            store.upsertIn(tx, account);
            if (count(tx.em, QmsPackage.Literals.SYSTEM_SETTINGS) == 0) {
                store.upsertIn(tx, Records.newRecord(QmsPackage.Literals.SYSTEM_SETTINGS));
            }
            // a module's meanings may be there already (written as its defaults when the store opened)
            TypeMapping meanings = store.schema().type(QmsPackage.Literals.SIGNATURE_MEANING);
            String name = meanings.feature(QmsPackage.Literals.SIGNATURE_MEANING__NAME).property;
            Set<String> present = new java.util.HashSet<>(tx.em.createQuery("SELECT e." + name + " FROM "
                    + meanings.alias + " e", String.class).getResultList());
            for (SignatureMeaning m : defaultMeanings()) {
                if (!present.contains(m.getName())) {
                    store.upsertIn(tx, m);
                }
            }
            CredentialEntity c = new CredentialEntity(account.getUserId());
            c.passwordHash = hash;
            c.changedAt = now();
            tx.em.persist(c);
            audit(tx, account, AuditAction.PASSWORD, "Password set when the first administrator was created");
            return null;
        });
        anyAccount = true;
        return account;
    }

    private long count(EntityManager em, EClass type) {
        TypeMapping t = store.schema().type(type);
        return em.createQuery("SELECT COUNT(e) FROM " + t.alias + " e", Long.class).getSingleResult();
    }

    /** Authored, Reviewed, Approved and Verified; only a QA Manager approves, and never the author or creator. */
    static List<SignatureMeaning> defaultMeanings() {
        SignatureMeaning authored = meaning("Authored", "I wrote this record's content and it is complete and"
                + " correct to the best of my knowledge.");
        SignatureMeaning reviewed = meaning("Reviewed", "I reviewed this record's content.");
        reviewed.getExcludes().add(authored);
        SignatureMeaning approved = meaning("Approved", "I approve this record's content; it is in force.");
        approved.getExcludes().add(authored);
        approved.setNotByCreator(true);
        approved.getRequiredRoles().add(AccessRole.QA_MANAGER);
        SignatureMeaning verified = meaning("Verified", "I verified the facts this record states (e.g. that an"
                + " action was effective).");
        verified.getExcludes().add(authored);
        return List.of(authored, reviewed, approved, verified);
    }

    private static SignatureMeaning meaning(String name, String description) {
        SignatureMeaning m = Records.newRecord(QmsPackage.Literals.SIGNATURE_MEANING);
        m.setName(name);
        m.setDescription(description);
        return m;
    }

    // -------------------------------------------------------------------------------------------- signing in

    @Override
    public SignInResult signIn(String userId, char[] password) {
        UserAccount account = authenticate(userId, password, "Sign-in");
        CredentialEntity c = credential(account.getUserId());
        String rehash = hasher.needsRehash(c.passwordHash) ? hasher.hash(password) : null;
        store.write(account.getUserId(), null, tx -> {
            CredentialEntity locked = tx.em.find(CredentialEntity.class, account.getUserId(),
                    LockModeType.PESSIMISTIC_WRITE);
            locked.failedAttempts = 0;
            if (rehash != null) {
                locked.passwordHash = rehash;
            }
            audit(tx, account, AuditAction.SIGN_IN, "Signed in");
            return null;
        });
        PasswordPolicy policy = policy();
        Principal principal = new Principal(account.getUserId(), account.getFullName());
        if (c.mustChange) {
            return new SignInResult(principal, true, "The password was set by an administrator: choose your own.");
        }
        if (c.changedAt != null && policy.isExpired(Instant.parse(c.changedAt), Instant.now())) {
            return new SignInResult(principal, true, "The password is older than " + policy.expiryDays()
                    + " days: choose a new one.");
        }
        return new SignInResult(principal, false, null);
    }

    /**
     * Checks user id and password of an active, unlocked account; a failure is audited and counts towards the
     * lockout.
     *
     * @param what "Sign-in", "Signature", "Password change": names the attempt in the audit trail
     */
    UserAccount authenticate(String userId, char[] password, String what) {
        String id = userId == null ? "" : userId.trim();
        UserAccount account = id.isEmpty() ? null : account(id).orElse(null);
        CredentialEntity c = account == null ? null : credential(account.getUserId());
        if (account == null || c == null || c.passwordHash == null) {
            hasher.matches(password, decoy);
            String user = id.isEmpty() ? "(none)" : id.length() > 64 ? id.substring(0, 64) : id;
            store.write(user, null, tx -> {
                tx.audit.append(account == null ? null : account.getId(),
                        account == null ? null : ModelRegistry.typeName(account.eClass()), user,
                        AuditAction.SIGN_IN_FAILED, null, null, what + " failed: "
                                + (account == null ? "unknown user id" : "the account has no password yet"));
                return null;
            });
            throw new AuthenticationException(WRONG, false);
        }
        if (c.lockedAt != null) {
            refused(account, what + " refused: the account is locked");
            throw new AuthenticationException(lockedMessage(), true);
        }
        if (!hasher.matches(password, c.passwordHash)) {
            failedAttempt(account, what);
        }
        if (!account.isActive()) {
            refused(account, what + " refused: the account is deactivated");
            throw new AuthenticationException("This account is deactivated; ask an administrator.", false);
        }
        return account;
    }

    private void refused(UserAccount account, String text) {
        store.write(account.getUserId(), null, tx -> {
            audit(tx, account, AuditAction.SIGN_IN_FAILED, text);
            return null;
        });
    }

    private String lockedMessage() {
        return "This account is locked after " + policy().lockoutAttempts() + " failed attempts."
                + " Ask an administrator to unlock it.";
    }

    /** Counts a wrong password, locks the account when the policy says so, and throws. */
    private void failedAttempt(UserAccount account, String what) {
        PasswordPolicy policy = policy();
        boolean locked = store.write(account.getUserId(), null, tx -> {
            CredentialEntity c = tx.em.find(CredentialEntity.class, account.getUserId(),
                    LockModeType.PESSIMISTIC_WRITE);
            c.failedAttempts++;
            audit(tx, account, AuditAction.SIGN_IN_FAILED, what + " failed: wrong password (attempt "
                    + c.failedAttempts + " of " + policy.lockoutAttempts() + ")");
            if (policy.locksOut(c.failedAttempts) && c.lockedAt == null) {
                c.lockedAt = now();
                audit(tx, account, AuditAction.LOCKOUT, "Account locked after " + c.failedAttempts
                        + " failed attempts in a row");
                return true;
            }
            return c.lockedAt != null;
        });
        throw new AuthenticationException(locked ? lockedMessage() : WRONG, locked);
    }

    @Override
    public void signOut(String userId, String how) {
        UserAccount account = account(userId).orElse(null);
        if (account == null) {
            return;
        }
        store.write(userId, null, tx -> {
            audit(tx, account, AuditAction.SIGN_OUT, how == null ? "Signed out" : how);
            return null;
        });
    }

    // -------------------------------------------------------------------------------------------- passwords

    @Override
    public void changePassword(String userId, char[] currentPassword, char[] newPassword) {
        UserAccount account = authenticate(userId, currentPassword, "Password change");
        CredentialEntity c = credential(account.getUserId());
        String hash = newHash(account, c, newPassword);
        store.write(account.getUserId(), null, tx -> {
            setHash(tx, account, hash, false);
            audit(tx, account, AuditAction.PASSWORD, "Password changed by the user");
            return null;
        });
    }

    @Override
    public void setPassword(String accountId, char[] password) {
        UserAccount account = accountById(accountId);
        Principal admin = administrator(account, "set the password of");
        String hash = newHash(account, credential(account.getUserId()), password);
        store.write(admin.userId(), null, tx -> {
            setHash(tx, account, hash, true);
            audit(tx, account, AuditAction.PASSWORD, "Temporary password set by administrator " + admin.userId()
                    + "; it must be changed at the next sign-in");
            return null;
        });
    }

    /** The signed-in administrator; anyone else is refused (and the refusal audited). */
    private Principal administrator(UserAccount account, String what) {
        Principal admin = store.principal();
        if (!isAdministrator(admin)) {
            String message = (admin == null ? "Nobody" : admin.userId()) + " may not " + what + " "
                    + account.getUserId() + ": only an administrator can. Nothing was changed.";
            if (admin != null) {
                store.denied(admin.userId(), account, message);
            }
            throw new AccessDeniedException(message);
        }
        return admin;
    }

    /** The current password's hash, then the earlier ones, newest first. */
    private static List<String> hashes(CredentialEntity c) {
        List<String> all = new ArrayList<>();
        if (c != null && c.passwordHash != null) {
            all.add(c.passwordHash);
        }
        if (c != null && c.history != null && !c.history.isBlank()) {
            all.addAll(Arrays.asList(c.history.split("\n")));
        }
        return all;
    }

    /** Checks the new password against the policy (and the account's history) and hashes it. */
    private String newHash(UserAccount account, CredentialEntity c, char[] password) {
        List<String> previous = hashes(c);
        PasswordPolicy policy = policy();
        // the current password is always refused; the history covers the ones before it
        List<String> violations = new ArrayList<>(policy.violations(account.getUserId(), password,
                previous.subList(0, Math.min(previous.size(), Math.max(1, policy.historySize()))), hasher));
        if (!violations.isEmpty()) {
            throw new PasswordPolicyException(violations);
        }
        return hasher.hash(password);
    }

    private void setHash(Tx tx, UserAccount account, String hash, boolean mustChange) {
        CredentialEntity c = tx.em.find(CredentialEntity.class, account.getUserId(), LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            c = new CredentialEntity(account.getUserId());
            tx.em.persist(c);
        }
        if (c.passwordHash != null) {
            List<String> history = hashes(c);
            int keep = Math.min(history.size(), Math.max(policy().historySize(), 1));
            c.history = String.join("\n", history.subList(0, keep));
        }
        c.passwordHash = hash;
        c.changedAt = now();
        c.mustChange = mustChange;
    }

    @Override
    public void unlock(String accountId) {
        UserAccount account = accountById(accountId);
        Principal admin = administrator(account, "unlock");
        store.write(admin.userId(), null, tx -> {
            CredentialEntity c = tx.em.find(CredentialEntity.class, account.getUserId(),
                    LockModeType.PESSIMISTIC_WRITE);
            if (c == null || c.lockedAt == null && c.failedAttempts == 0) {
                throw new StoreException(account.getUserId() + " is not locked. Nothing was changed.");
            }
            c.lockedAt = null;
            c.failedAttempts = 0;
            audit(tx, account, AuditAction.UNLOCK, "Unlocked by administrator " + admin.userId());
            return null;
        });
    }

    /**
     * Emergency access (through {@link DerbyStoreFactory#recoverAdministrator}, never from a signed-in session): an
     * active administrator account is unlocked and gets a temporary password that must be changed at sign-in.
     * Audited as done by the holder of the store key, named by {@code operator}.
     */
    void recoverAdministrator(String userId, char[] temporaryPassword, String operator) {
        UserAccount account = account(userId).orElseThrow(() -> new StoreException("There is no account with user"
                + " id " + userId + ". Nothing was changed."));
        if (!account.isActive() || !account.getRoles().contains(AccessRole.ADMINISTRATOR)) {
            throw new StoreException(userId + " is not an active administrator account; recovery only restores an"
                    + " administrator's access (who then manages the other accounts). Nothing was changed.");
        }
        String hash = newHash(account, credential(userId), temporaryPassword);
        String by = "the holder of the store key (" + operator + ")";
        store.write("system", null, tx -> {
            CredentialEntity c = tx.em.find(CredentialEntity.class, userId, LockModeType.PESSIMISTIC_WRITE);
            boolean wasLocked = c != null && (c.lockedAt != null || c.failedAttempts > 0);
            setHash(tx, account, hash, true);
            CredentialEntity updated = tx.em.find(CredentialEntity.class, userId);
            updated.lockedAt = null;
            updated.failedAttempts = 0;
            if (wasLocked) {
                audit(tx, account, AuditAction.UNLOCK, "Unlocked in an emergency recovery by " + by);
            }
            audit(tx, account, AuditAction.PASSWORD, "Temporary password set in an emergency recovery by " + by
                    + "; it must be changed at the next sign-in");
            return null;
        });
    }

    private static void audit(Tx tx, UserAccount account, AuditAction action, String text) {
        tx.audit.append(account.getId(), ModelRegistry.typeName(account.eClass()), account.getUserId(), action, null,
                null, text);
    }
}
