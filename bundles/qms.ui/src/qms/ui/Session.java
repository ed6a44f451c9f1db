package qms.ui;

import java.util.concurrent.atomic.AtomicReference;

import qms.core.Principal;

/**
 * Who is signed in to this workbench. The store asks it at every write ({@code StoreFactory.open}'s principal), so
 * nothing is attributed to anyone while nobody is signed in.
 */
public final class Session {

    private static final AtomicReference<Principal> PRINCIPAL = new AtomicReference<>();
    private static final java.util.List<Runnable> LISTENERS = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether the signed-in user has signed electronically in this session (21 CFR 11.200(a)(1)). */
    private static volatile boolean signed;

    private Session() {
    }

    /** The signed-in user, or null. */
    public static Principal principal() {
        return PRINCIPAL.get();
    }

    public static void begin(Principal principal) {
        signed = false;
        PRINCIPAL.set(principal);
        LISTENERS.forEach(Runnable::run);
    }

    public static void end() {
        signed = false;
        PRINCIPAL.set(null);
        LISTENERS.forEach(Runnable::run);
    }

    /** Told whenever someone signs in or out, on the thread that did it. */
    public static void addListener(Runnable listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Runnable listener) {
        LISTENERS.remove(listener);
    }

    /**
     * Whether the signed-in user has already signed electronically since signing in: the first signing of a session
     * takes both components (user id and password), later ones the password (21 CFR 11.200(a)(1)(i)).
     */
    public static boolean hasSigned() {
        return signed;
    }

    /** A signature of the signed-in user was made. */
    public static void signed() {
        signed = PRINCIPAL.get() != null;
    }
}
