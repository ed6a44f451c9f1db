package qms.modules;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.HeadlessTask;
import qms.core.RecordStore;

/**
 * {@code -task modules list | install <id> | update <id> | uninstall <id> [-repository <uri>]}: lists the modules
 * installed and those a repository offers, installs, updates and uninstalls them — for an IT department's scripts
 * (a Dockerfile, Ansible). Exit codes: 0 done, 1 error, 3 nothing to do.
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
        URI repository;
        try {
            repository = repositoryArg == null ? null : Modules.repository(repositoryArg);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-repository " + e.getMessage(), e);
        }
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
            java.util.Map<String, Long> kept = store.countNotInstalled();
            if (!kept.isEmpty()) {
                out.println("Records kept of modules not installed: " + kept.values().stream().mapToLong(
                        Long::longValue).sum() + " (" + String.join(", ", kept.entrySet().stream().map(e -> e.getKey()
                                + " " + e.getValue()).toList()) + ")");
            }
            return 0;
        }
        ModuleChanges.Change change = install != null ? ModuleChanges.Change.INSTALL : update != null
                ? ModuleChanges.Change.UPDATE : ModuleChanges.Change.UNINSTALL;
        if (change != ModuleChanges.Change.UNINSTALL && repository == null) {
            throw new IllegalArgumentException(change.name().toLowerCase(java.util.Locale.ROOT) + " needs -repository"
                    + " <folder, zip or URL> to install from");
        }
        Modules.Outcome outcome = new ModuleChanges(store, modules).perform(change, install != null ? install
                : update != null ? update : uninstall, repository);
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
            out.println("  " + m.id() + "  " + m.version() + "  " + m.name() + "  (" + m.sizeText() + ", " + state
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

    private static void summary(Modules.Module m, PrintStream out) {
        if (!m.summary().isEmpty()) {
            out.println("      " + m.summary());
        }
    }
}
