package qms.core;

import java.time.Instant;

/**
 * The sign-in state of an account, kept apart from its record (it changes at every failed attempt).
 *
 * @param hasPassword       a password was set (an account without one cannot sign in)
 * @param failedAttempts    failed sign-in or signature attempts in a row
 * @param lockedAt          when the account was locked, null if it is not
 * @param passwordChangedAt when the password was last set
 * @param mustChange        the password was set by an administrator and must be changed at the next sign-in
 */
public record AccountState(boolean hasPassword, int failedAttempts, Instant lockedAt, Instant passwordChangedAt,
        boolean mustChange) {

    public boolean locked() {
        return lockedAt != null;
    }
}
