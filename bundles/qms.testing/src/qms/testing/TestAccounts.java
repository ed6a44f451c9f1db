package qms.testing;

import java.util.List;

import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.UserAccount;

/**
 * Accounts for tests that are not about accounts: a new store accepts nothing until its first administrator exists,
 * and afterwards only what the writer's roles allow.
 */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** The account record for a principal with these roles (no password: it cannot sign in). */
    public static UserAccount account(Principal principal, AccessRole... roles) {
        UserAccount a = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
        a.setUserId(principal.userId());
        a.setFullName(principal.displayName());
        a.getRoles().addAll(List.of(roles));
        return a;
    }

    /**
     * Creates the accounts on a new store, writing as the first one, which must be an administrator (as the
     * store demands of its first account); the store's principal must be {@code first} while this runs.
     */
    public static void enroll(RecordStore store, Principal first, List<AccessRole> firstRoles, Principal... others) {
        store.save(account(first, firstRoles.toArray(AccessRole[]::new)), null);
        for (Principal other : others) {
            store.save(account(other, AccessRole.QA_MANAGER), null);
        }
    }
}
