package qms.modules;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.core.AccessDeniedException;
import qms.core.HeadlessTask;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.model.AccessRole;

/**
 * {@code -task modules list | install <id> | update <id> | uninstall <id> [-repository <uri>]}: lists the modules
 * installed and those a repository offers, installs, updates and uninstalls them — for an IT department's scripts (a Dockerfile, Ansible). Exit codes: 0 done, 1 error, 3 nothing to do.
 * Installing, updating and uninstalling are an administrator's and recorded in the audit trail (who, which module,
 * which version, from where); they take effect when the suite starts again. Uninstalling keeps the module's records.
 */
@Component(service = HeadlessTask.class)
public final class ModulesTask implements HeadlessTask {

    /** The exit code when there was nothing to do. */
    public static final int NOTHING_TO_DO = 3;

    @Override
    public String name() {
        return "modules";
    }

    @Override
    public String usage() {
        return "list [-repository <folder, zip or URL>] | install <module> -repository <…> | update <module>"
                + " -repository <…> | uninstall <module>  (exit code 3: nothing to do)";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        return execute(store, args, out) != 1;
    }

    @Override
    public int execute(RecordStore store, List<String> args, PrintStream out) {
        String repositoryArg = HeadlessTask.argument(args, "-repository");
        URI repository = repositoryArg == null ? null : repository(repositoryArg);
        Modules modules = Modules.running();
        // subcommands, not options: the Eclipse launcher takes -install for itself (the installation's folder)
        String install = subcommand(args, "install");
        String update = subcommand(args, "update");
        String uninstall = subcommand(args, "uninstall");
        if (install == null && update == null && uninstall == null) {
            if (!args.contains("list")) {
                throw new IllegalArgumentException("Say what to do: -task modules " + usage());
            }
            list(modules, repository, out);
            return 0;
        }
        requireAdministrator(store);
        Modules.Outcome outcome;
        String id;
        String action;
        if (install != null) {
            id = install;
            action = "installed";
            outcome = modules.install(install, requireRepository(repository, "install"));
        } else if (update != null) {
            id = update;
            action = "updated";
            outcome = modules.update(update, requireRepository(repository, "update"));
        } else {
            id = uninstall;
            action = "uninstalled";
            Optional<Modules.Module> before = modules.installed(uninstall);
            outcome = modules.uninstall(uninstall);
            if (outcome.changed()) {
                store.auditTrail().recordSystemEvent("Module " + action + ": " + before.get().name() + " (" + id
                        + ") " + before.get().version() + "; its records stay in the database");
            }
        }
        if (outcome.changed() && uninstall == null) {
            Modules.Module now = modules.installed(id).orElseThrow();
            store.auditTrail().recordSystemEvent("Module " + action + ": " + now.name() + " (" + now.id() + ") "
                    + now.version() + " from " + repository);
        }
        out.println(outcome.message());
        return outcome.changed() ? 0 : NOTHING_TO_DO;
    }

    private static void list(Modules modules, URI repository, PrintStream out) {
        List<Modules.Module> installed = modules.installed();
        out.println("Installed modules: " + (installed.isEmpty() ? "none" : installed.size()));
        for (Modules.Module m : installed) {
            out.println("  " + m.id() + "  " + m.version() + "  " + m.name());
            summary(m, out);
        }
        if (repository == null) {
            return;
        }
        List<Modules.Module> offered = modules.available(repository);
        out.println("Offered by " + repository + ": " + (offered.isEmpty() ? "none" : offered.size()));
        for (Modules.Module m : offered) {
            String state = installed.stream().filter(i -> i.id().equals(m.id())).findFirst().map(i -> i.version()
                    .equals(m.version()) ? "installed" : "installed " + i.version() + ", update available").orElse(
                            "not installed");
            out.println("  " + m.id() + "  " + m.version() + "  " + m.name() + "  (" + size(m.size()) + ", " + state
                    + ")");
            summary(m, out);
        }
    }

    /** The module after a subcommand ("install qms.backup.feature"), or null when it is not given. */
    private static String subcommand(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
            throw new IllegalArgumentException(name + " needs the module's feature id, e.g. " + name
                    + " qms.backup.feature (list shows them)");
        }
        return args.get(i + 1);
    }

    /** What the module adds, up to the first colon or full stop of its description, on a line of its own. */
    private static void summary(Modules.Module m, PrintStream out) {
        String d = m.description();
        int end = d.length();
        for (String stop : List.of(": ", ". ")) {
            int i = d.indexOf(stop);
            end = i > 0 ? Math.min(end, i) : end;
        }
        if (!d.isEmpty()) {
            out.println("      " + d.substring(0, end));
        }
    }

    /** A folder, a zip of one, or a URL. */
    static URI repository(String text) {
        if (text.matches("(?i)(https?|file|jar):.*")) {
            return URI.create(text);
        }
        Path path = Path.of(text).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("-repository " + text + ": there is no such folder or zip");
        }
        if (Files.isRegularFile(path) && path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return URI.create("jar:" + path.toUri() + "!/");
        }
        return path.toUri();
    }

    private static URI requireRepository(URI repository, String option) {
        if (repository == null) {
            throw new IllegalArgumentException(option + " needs -repository <folder, zip or URL> to install from");
        }
        return repository;
    }

    private static void requireAdministrator(RecordStore store) {
        Principal p = store.principal();
        if (p == null || !store.accounts().roles(p.userId()).contains(AccessRole.ADMINISTRATOR)) {
            throw new AccessDeniedException((p == null ? "Nobody" : p.userId()) + " is not an administrator: only an"
                    + " administrator installs or removes modules. Nothing was changed.");
        }
    }

    private static String size(long bytes) {
        return bytes < 0 ? "size unknown" : bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB" : String.format(
                java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
