package qms.ui;

import java.util.concurrent.atomic.AtomicReference;

import qms.core.Principal;

/**
 * Who is signed in to this workbench. The store asks it at every write ({@code StoreFactory.open}'s principal), so
 * nothing is attributed to anyone while nobody is signed in.
 */
public final class Session {

    private static final AtomicReference<Principal> PRINCIPAL = new AtomicReference<>();

    private Session() {
    }

    /** The signed-in user, or null. */
    public static Principal principal() {
        return PRINCIPAL.get();
    }

    public static void begin(Principal principal) {
        PRINCIPAL.set(principal);
    }

    public static void end() {
        PRINCIPAL.set(null);
    }
}
