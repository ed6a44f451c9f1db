package qms.core;

import java.util.Set;

import org.eclipse.emf.ecore.EClass;

import qms.model.AccessRole;
import qms.model.UserAccount;

/**
 * Sign-in, passwords and permissions (21 CFR 11.10(d), (g), 11.300). Accounts are {@link UserAccount} records
 * (administrators edit them like any record); their passwords are kept apart, only as slow salted hashes
 * ({@link PasswordHasher}). Every sign-in, failed attempt, lockout, unlock, sign-out and password change is
 * appended to the audit trail.
 */
public interface Accounts {

    /** Whether any account exists. Until one does, the store accepts nothing but the first administrator. */
    boolean anyAccount();

    /**
     * Creates the first administrator, with a password, and the default settings and signature meanings. Only
     * allowed while no account exists (there is no default password).
     *
     * @param roles roles besides Administrator (e.g. QA Manager in a small organisation)
     * @throws PasswordPolicyException the password breaks the default policy
     * @throws ValidationException     the user id or name is not acceptable
     */
    UserAccount createFirstAdministrator(String userId, String fullName, char[] password, Set<AccessRole> roles);

    /**
     * Checks user id and password. A wrong password counts towards the lockout; when the count reaches the policy's
     * limit the account is locked until an administrator unlocks it.
     *
     * @throws AuthenticationException wrong user id or password, inactive or locked account
     */
    SignInResult signIn(String userId, char[] password);

    /** Records that the user signed out (or the session was closed). */
    void signOut(String userId, String how);

    /**
     * Changes the user's own password.
     *
     * @throws AuthenticationException the current password is wrong (counts towards the lockout)
     * @throws PasswordPolicyException the new password breaks the policy
     */
    void changePassword(String userId, char[] currentPassword, char[] newPassword);

    /**
     * An administrator sets a (temporary) password for an account; the user must change it at the next sign-in.
     *
     * @throws AccessDeniedException   the signed-in user is not an administrator
     * @throws PasswordPolicyException the password breaks the policy
     */
    void setPassword(String accountId, char[] password);

    /** An administrator unlocks a locked account (and clears its failed attempts). */
    void unlock(String accountId);

    /** The sign-in state of the account with this user id (an empty state if it has none). */
    AccountState state(String userId);

    /** The password policy in force (from the system settings). */
    PasswordPolicy policy();

    /** Minutes of inactivity after which a session locks (from the system settings). */
    int idleLockMinutes();

    /** The roles of the active account with this user id; empty if there is none or it is inactive. */
    Set<AccessRole> roles(String userId);

    /** Whether this person (e.g. the store's signed-in principal) holds an active administrator's account. */
    default boolean isAdministrator(Principal p) {
        return p != null && roles(p.userId()).contains(AccessRole.ADMINISTRATOR);
    }

    /** Whether the signed-in user may create, change and delete records of this class. */
    boolean mayWrite(EClass type);
}
