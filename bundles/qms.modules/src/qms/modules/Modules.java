package qms.modules;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.IQuery;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The suite's modules in an installation managed by p2: which are installed, which a repository offers, and
 * installing, updating and uninstalling them with p2's operations (the planner decides what a module needs and
 * refuses what cannot be had, e.g. a newer core; this class only asks and reports). A module is a feature whose
 * group carries the property {@value #MODULE_PROPERTY} (its {@code p2.inf}); the core never names one. Changes take
 * effect when the suite starts again.
 */
public final class Modules {

    /** The property of a module feature's group (set by the feature's p2.inf). */
    public static final String MODULE_PROPERTY = "org.cro.qms.module";
    private static final String GROUP = ".feature.group";
    private static final IQuery<IInstallableUnit> MODULES = QueryUtil.createIUPropertyQuery(MODULE_PROPERTY, "true");

    private final IProvisioningAgent agent;
    private final String profileId;
    private final IProgressMonitor monitor = new NullProgressMonitor();

    /** One module: its feature id, name, version, what it adds, and (from a repository) its download size. */
    public record Module(String id, String name, String version, String description, long size) {

        /** "312 KB", "1.4 MB", or "size unknown" (an installed module's size is not kept). */
        public String sizeText() {
            return size < 0 ? "size unknown" : size < 1024 * 1024 ? (size + 1023) / 1024 + " KB" : String.format(
                    java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
        }

        /** What the module adds: its description up to the first colon or full stop. */
        public String summary() {
            int end = description.length();
            for (String stop : List.of(": ", ". ")) {
                int i = description.indexOf(stop);
                end = i > 0 ? Math.min(end, i) : end;
            }
            return description.substring(0, end);
        }
    }

    /** What an operation did: done, or nothing to do (already installed, no newer version, not installed). */
    public record Outcome(boolean changed, String message) {
    }

    private final PublisherTrust trust;

    /**
     * The modules of a profile; {@code installation} is the installation's folder, whose
     * {@value PublisherTrust#FILE} names the publishers whose signed content may be installed (all else is refused).
     */
    public Modules(IProvisioningAgent agent, String profileId, java.nio.file.Path installation) {
        this.agent = agent;
        this.profileId = profileId;
        this.trust = new PublisherTrust(installation.resolve(PublisherTrust.FILE));
        agent.registerService(org.eclipse.equinox.p2.core.UIServices.SERVICE_NAME, trust);
    }

    /**
     * The modules of the running installation: p2's current agent and this installation's own profile.
     *
     * @throws ModuleException when the installation is not managed by p2 (started from a workspace, say)
     */
    public static Modules running() {
        BundleContext context = FrameworkUtil.getBundle(Modules.class).getBundleContext();
        try {
            Collection<ServiceReference<IProvisioningAgent>> refs = context.getServiceReferences(
                    IProvisioningAgent.class, "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)");
            for (ServiceReference<IProvisioningAgent> ref : refs) {
                IProvisioningAgent agent = context.getService(ref);
                IProfileRegistry profiles = agent == null ? null : agent.getService(IProfileRegistry.class);
                if (profiles != null && profiles.getProfile(IProfileRegistry.SELF) != null) {
                    return new Modules(agent, IProfileRegistry.SELF, installation(context));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new ModuleException("This installation is not managed by p2 (it has no p2 profile), so modules cannot"
                + " be installed or removed in it: use the product the suite's build makes");
    }

    /** The installation's folder (osgi.install.area). */
    private static java.nio.file.Path installation(BundleContext context) {
        String area = context.getProperty("osgi.install.area");
        if (area == null) {
            throw new ModuleException("This installation has no install area (osgi.install.area)");
        }
        try {
            return java.nio.file.Path.of(new java.net.URL(area).toURI());
        } catch (java.net.MalformedURLException | java.net.URISyntaxException e) {
            throw new ModuleException("The install area " + area + " is not a folder: " + e.getMessage(), e);
        }
    }

    /**
     * Where to install from, as a user writes it: a folder, a zip of one, or a URL ({@code https:}, {@code file:}).
     *
     * @throws IllegalArgumentException naming the location when there is no such folder or zip
     */
    public static URI repository(String text) {
        String t = text.strip();
        if (t.matches("(?i)(https?|file|jar):.*")) {
            return URI.create(t);
        }
        java.nio.file.Path path = java.nio.file.Path.of(t).toAbsolutePath().normalize();
        if (t.isEmpty() || !java.nio.file.Files.exists(path)) {
            throw new IllegalArgumentException(t + ": there is no such folder or zip file");
        }
        if (java.nio.file.Files.isRegularFile(path) && path.toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".zip")) {
            return URI.create("jar:" + path.toUri() + "!/");
        }
        return path.toUri();
    }

    /** Whether version {@code a} is newer than {@code b}, as p2 orders versions. */
    public static boolean newer(String a, String b) {
        return org.eclipse.equinox.p2.metadata.Version.create(a).compareTo(org.eclipse.equinox.p2.metadata.Version
                .create(b)) > 0;
    }

    private IProfile profile() {
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(profileId);
        if (profile == null) {
            throw new ModuleException("The p2 profile " + profileId + " of this installation is missing");
        }
        return profile;
    }

    /** The modules installed, by name. */
    public List<Module> installed() {
        List<Module> out = new ArrayList<>();
        for (IInstallableUnit iu : profile().query(MODULES, monitor)) {
            out.add(module(iu, -1));
        }
        out.sort(Comparator.comparing(Module::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** The installed module with this feature id, if any. */
    public Optional<Module> installed(String id) {
        return installedUnit(id).map(iu -> module(iu, -1));
    }

    /** The newest version of each module the repository offers, with its download size, by name. */
    public List<Module> available(URI repository) {
        IMetadataRepository metadata = metadata(repository);
        IArtifactRepository artifacts = artifacts(repository);
        List<Module> out = new ArrayList<>();
        for (IInstallableUnit iu : metadata.query(QueryUtil.createLatestQuery(MODULES), monitor)) {
            out.add(module(iu, size(iu, metadata, artifacts)));
        }
        out.sort(Comparator.comparing(Module::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Installs the newest version of a module the repository offers. */
    public Outcome install(String id, URI repository) {
        IInstallableUnit offered = offered(id, repository);
        Optional<IInstallableUnit> present = installedUnit(id);
        if (present.isPresent() && present.get().getVersion().compareTo(offered.getVersion()) >= 0) {
            return new Outcome(false, name(offered) + " " + present.get().getVersion() + " is installed already");
        }
        InstallOperation op = new InstallOperation(new ProvisioningSession(agent), List.of(offered));
        run(op, "Installing " + name(offered) + " " + offered.getVersion(), repository);
        return new Outcome(true, name(offered) + " " + offered.getVersion() + " was installed from " + repository
                + "; it is there when the suite starts again");
    }

    /** Updates an installed module to the newest version the repository offers. */
    public Outcome update(String id, URI repository) {
        IInstallableUnit present = installedUnit(id).orElseThrow(() -> new ModuleException("The module " + id
                + " is not installed: install it instead"));
        IInstallableUnit offered = offered(id, repository);
        if (offered.getVersion().compareTo(present.getVersion()) <= 0) {
            return new Outcome(false, name(present) + " " + present.getVersion() + " is the newest " + repository
                    + " offers");
        }
        UpdateOperation op = new UpdateOperation(new ProvisioningSession(agent), List.of(present));
        run(op, "Updating " + name(present) + " to " + offered.getVersion(), repository);
        return new Outcome(true, name(present) + " was updated from " + present.getVersion() + " to " + offered
                .getVersion() + " (" + repository + "); the new version runs when the suite starts again");
    }

    /** Uninstalls a module; its records stay in the store. */
    public Outcome uninstall(String id) {
        Optional<IInstallableUnit> present = installedUnit(id);
        if (present.isEmpty()) {
            return new Outcome(false, "The module " + id + " is not installed");
        }
        UninstallOperation op = new UninstallOperation(new ProvisioningSession(agent), List.of(present.get()));
        run(op, "Uninstalling " + name(present.get()), null);
        return new Outcome(true, name(present.get()) + " " + present.get().getVersion() + " was uninstalled; its"
                + " records stay in the database, and it is gone when the suite starts again");
    }

    /** Resolves the change with p2's planner and performs it; the planner's reason when it refuses. */
    private void run(ProfileChangeOperation op, String what, URI repository) {
        op.setProfileId(profileId);
        if (repository != null) {
            op.getProvisioningContext().setMetadataRepositories(new URI[] { repository });
            op.getProvisioningContext().setArtifactRepositories(new URI[] { repository });
        }
        IStatus resolved = op.resolveModal(monitor);
        ProvisioningJob job = resolved.getSeverity() == IStatus.ERROR || resolved.getSeverity() == IStatus.CANCEL
                ? null : op.getProvisioningJob(monitor);
        if (job == null) { // the planner's reason
            throw new ModuleException(what + " was refused: " + explain(resolved, op.getResolutionDetails())
                    + ". Nothing was changed.");
        }
        trust.reset();
        IStatus done = job.runModal(monitor);
        if (done.getSeverity() == IStatus.ERROR || done.getSeverity() == IStatus.CANCEL) {
            String why = explain(done, null);
            if (trust.refused() != null) {
                throw new ModuleException(what + " was refused: its content is " + trust.refused() + ". Nothing was"
                        + " installed. (" + why + ")");
            }
            throw new ModuleException(what + " failed: " + (why.contains("hash is not as expected") || unreadableJar(
                    done) ? "a file of the repository is not the one its metadata names (it was altered or damaged), so"
                            + " p2 did not install it. " : "") + why);
        }
    }

    private static String explain(IStatus status, String details) {
        List<String> lines = new ArrayList<>();
        collect(status, lines);
        String text = String.join("; ", lines).replaceAll("</?[A-Za-z]+>", "");
        return details == null || details.isBlank() || text.contains(details.strip()) ? text : text + " ("
                + details.strip().replaceAll("</?[A-Za-z]+>", "").replaceAll("\\s+", " ") + ")";
    }

    /**
     * Whether p2 failed reading a downloaded jar as a zip (its signature check reads every entry): a byte changed
     * inside compressed content fails there before the checksum is compared.
     */
    private static boolean unreadableJar(IStatus status) {
        for (Throwable t = status.getException(); t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.util.zip.ZipException || java.util.Arrays.stream(t.getStackTrace()).anyMatch(
                    f -> f.getClassName().startsWith("java.util.zip."))) {
                return true;
            }
        }
        return java.util.Arrays.stream(status.getChildren()).anyMatch(Modules::unreadableJar);
    }

    private static void collect(IStatus status, List<String> lines) {
        if (status.getMessage() != null && !status.getMessage().isBlank() && !lines.contains(status.getMessage())) {
            lines.add(status.getMessage());
        }
        for (Throwable t = status.getException(); t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!m.isBlank() && !lines.contains(m)) { // the reason is often only in the exception (an I/O error)
                lines.add(m);
            }
        }
        for (IStatus child : status.getChildren()) {
            collect(child, lines);
        }
    }

    private Optional<IInstallableUnit> installedUnit(String id) {
        for (IInstallableUnit iu : profile().query(QueryUtil.createIUQuery(groupId(id)), monitor)) {
            return Optional.of(iu);
        }
        return Optional.empty();
    }

    private IInstallableUnit offered(String id, URI repository) {
        IMetadataRepository metadata = metadata(repository);
        artifacts(repository);
        for (IInstallableUnit iu : metadata.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId(id))),
                monitor)) {
            if ("true".equals(iu.getProperty(MODULE_PROPERTY))) {
                return iu;
            }
        }
        List<String> ids = new ArrayList<>();
        for (IInstallableUnit iu : metadata.query(QueryUtil.createLatestQuery(MODULES), monitor)) {
            ids.add(featureId(iu));
        }
        throw new ModuleException("The repository " + repository + " offers no module " + id + " (it offers: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids.stream().sorted().toList())) + ")");
    }

    private IMetadataRepository metadata(URI repository) {
        try {
            return agent.getService(IMetadataRepositoryManager.class).loadRepository(repository, monitor);
        } catch (ProvisionException e) {
            throw new ModuleException("The repository " + repository + " cannot be read: " + e.getMessage(), e);
        }
    }

    private IArtifactRepository artifacts(URI repository) {
        try {
            return agent.getService(IArtifactRepositoryManager.class).loadRepository(repository, monitor);
        } catch (ProvisionException e) {
            throw new ModuleException("The repository " + repository + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The download size of a module: the artifacts of the units its feature group requires, one level down. */
    private long size(IInstallableUnit group, IMetadataRepository metadata, IArtifactRepository artifacts) {
        long total = 0;
        for (IRequirement r : group.getRequirements()) {
            for (IInstallableUnit iu : metadata.query(QueryUtil.createLatestQuery(QueryUtil.createMatchQuery(r
                    .getMatches())), monitor)) {
                for (IArtifactKey key : iu.getArtifacts()) {
                    for (IArtifactDescriptor d : artifacts.getArtifactDescriptors(key)) {
                        String size = d.getProperty(IArtifactDescriptor.DOWNLOAD_SIZE);
                        if (size != null && size.matches("\\d+")) {
                            total += Long.parseLong(size);
                            break; // one descriptor per artifact (a packed one would be another)
                        }
                    }
                }
            }
        }
        return total;
    }

    private static Module module(IInstallableUnit iu, long size) {
        String description = iu.getProperty(IInstallableUnit.PROP_DESCRIPTION, null);
        return new Module(featureId(iu), name(iu), iu.getVersion().toString(), description == null ? ""
                : description.strip().replaceAll("\\s+", " "), size);
    }

    private static String name(IInstallableUnit iu) {
        String name = iu.getProperty(IInstallableUnit.PROP_NAME, null);
        return name == null ? featureId(iu) : name;
    }

    private static String featureId(IInstallableUnit iu) {
        String id = iu.getId();
        return id.endsWith(GROUP) ? id.substring(0, id.length() - GROUP.length()) : id;
    }

    private static String groupId(String id) {
        return id.endsWith(GROUP) ? id : id + GROUP;
    }
}
