package qms.modules;

import java.net.URI;
import java.util.Optional;

import qms.core.AccessDeniedException;
import qms.core.Principal;
import qms.core.RecordStore;

/**
 * Installing, updating and uninstalling a module as the signed-in administrator, each change recorded in the audit
 * trail as a system event (who, which module, which version, from where) — the one path the headless task and the
 * Modules dialog both take.
 */
public final class ModuleChanges {

    /** What is asked of p2. */
    public enum Change {
        INSTALL("installed"), UPDATE("updated"), UNINSTALL("uninstalled");

        final String done;

        Change(String done) {
            this.done = done;
        }
    }

    private final RecordStore store;
    private final Modules modules;

    public ModuleChanges(RecordStore store, Modules modules) {
        this.store = store;
        this.modules = modules;
    }

    /** Whether the signed-in user may change the installation's modules. */
    public boolean allowed() {
        return store.accounts().isAdministrator(store.principal());
    }

    /**
     * Performs the change (install and update from {@code repository}); audited when something changed.
     *
     * @throws AccessDeniedException when the signed-in user is not an administrator; nothing is changed
     * @throws ModuleException when p2 refuses or fails, with its reason
     */
    public Modules.Outcome perform(Change change, String id, URI repository) {
        if (!allowed()) {
            Principal p = store.principal();
            throw new AccessDeniedException((p == null ? "Nobody" : p.userId()) + " is not an administrator: only an"
                    + " administrator installs or removes modules. Nothing was changed.");
        }
        if (change != Change.UNINSTALL && repository == null) {
            throw new IllegalArgumentException("To " + change.name().toLowerCase(java.util.Locale.ROOT) + " a module"
                    + " needs a repository to install from (a folder, a zip or a URL)");
        }
        Optional<Modules.Module> before = modules.installed(id);
        Modules.Outcome outcome = switch (change) {
            case INSTALL -> modules.install(id, repository);
            case UPDATE -> modules.update(id, repository);
            case UNINSTALL -> modules.uninstall(id);
        };
        if (outcome.changed()) {
            Modules.Module m = change == Change.UNINSTALL ? before.orElseThrow() : modules.installed(id)
                    .orElseThrow();
            String what = "Module " + change.done + ": " + m.name() + " (" + m.id() + ") " + m.version();
            store.auditTrail().recordSystemEvent(switch (change) {
                case UNINSTALL -> what + "; its records stay in the database";
                case UPDATE -> what + " (was " + before.map(Modules.Module::version).orElse("?") + ") from "
                        + repository;
                case INSTALL -> what + " from " + repository;
            });
        }
        return outcome;
    }
}
