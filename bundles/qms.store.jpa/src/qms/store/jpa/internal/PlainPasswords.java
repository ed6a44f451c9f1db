package qms.store.jpa.internal;

import org.eclipse.persistence.security.Securable;

/**
 * Hands the server's password to EclipseLink's connection pool as it is. EclipseLink's default takes a password that
 * looks like hex digits for one it encrypted itself and fails to decrypt it ("Database password was encrypted by
 * deprecated algorithm"); the suite's password never passes through a settings file, so there is nothing to decrypt.
 */
public final class PlainPasswords implements Securable {

    @Override
    public String encryptPassword(String password) {
        return password;
    }

    @Override
    public String decryptPassword(String password) {
        return password;
    }
}
