package qms.core;

/**
 * A successful sign-in.
 *
 * @param principal              who signed in
 * @param passwordChangeRequired the password was set by an administrator or has expired: the user must choose a
 *                               new one before working ({@link Accounts#changePassword})
 * @param reason                 why the password must be changed (null if it need not)
 */
public record SignInResult(Principal principal, boolean passwordChangeRequired, String reason) {
}
