package qms.ui.testing;

/**
 * Thrown when a condition the bot waited for did not become true within the bot's timeout.
 * <p>
 * It is an {@link AssertionError}, so test runners report it as a test failure rather than as an
 * error. The message says what was awaited and lists the shells that were open at the moment of
 * the timeout.
 */
public class WaitTimeoutException extends AssertionError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was awaited, with diagnostics
     */
    public WaitTimeoutException(String message) {
        super(message);
    }
}
