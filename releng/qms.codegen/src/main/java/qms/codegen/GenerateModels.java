package qms.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Generates the model and edit code of every {@code bundles/<bundle>/model/*.genmodel} with EMF's own generator.
 * <p>
 * Only model-wide settings are kept in a {@code .genmodel}; its classes and features are rebuilt from the
 * {@code .ecore} on every run ({@link GenModel#initialize} then {@link GenModel#reconcile(GenModel)} with the
 * stored settings), so adding an attribute to an {@code .ecore} needs no edit of the genmodel. Each bundle's
 * {@code src-gen} is deleted first: generated code is never edited by hand, and a stale file cannot survive.
 */
public final class GenerateModels {

    private GenerateModels() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateModels <bundles folder>");
        }
        Path bundles = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> genModels = findGenModels(bundles);
        ResourceSet resourceSet = newResourceSet(bundles);
        int failures = 0;
        for (Path genModelFile : genModels) {
            long start = System.nanoTime();
            Diagnostic result = generate(resourceSet, bundles, genModelFile);
            System.out.printf("[qms.codegen] %s: %s (%d ms)%n", bundles.relativize(genModelFile),
                    result.getSeverity() < Diagnostic.ERROR ? "generated" : "FAILED",
                    (System.nanoTime() - start) / 1_000_000);
            if (result.getSeverity() >= Diagnostic.ERROR) {
                failures++;
                print(result, "  ");
            }
        }
        if (failures > 0) {
            throw new IllegalStateException(failures + " genmodel(s) failed to generate; see the messages above");
        }
    }

    private static List<Path> findGenModels(Path bundles) throws IOException {
        List<Path> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bundles)) {
            for (Path bundle : (Iterable<Path>) dirs.sorted()::iterator) {
                Path model = bundle.resolve("model");
                if (Files.isDirectory(model)) {
                    try (Stream<Path> files = Files.list(model)) {
                        files.filter(f -> f.toString().endsWith(".genmodel")).sorted().forEach(result::add);
                    }
                }
            }
        }
        // the core model first: module models use its GenPackage
        result.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("qms.genmodel")));
        return result;
    }

    private static ResourceSet newResourceSet(Path bundles) throws IOException {
        EcorePackage.eINSTANCE.eClass();
        GenModelPackage.eINSTANCE.eClass();
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
        resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("genmodel", new XMIResourceFactoryImpl());
        // platform:/resource/<bundle>/ resolves to the bundle's folder, as it would in an Eclipse workspace
        try (Stream<Path> dirs = Files.list(bundles)) {
            dirs.filter(Files::isDirectory).forEach(dir -> EcorePlugin.getPlatformResourceMap()
                    .put(dir.getFileName().toString(), URI.createFileURI(dir.toString() + "/")));
        }
        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        return resourceSet;
    }

    private static Diagnostic generate(ResourceSet resourceSet, Path bundles, Path genModelFile) throws IOException {
        String bundle = genModelFile.getParent().getParent().getFileName().toString();
        URI uri = URI.createPlatformResourceURI(bundle + "/model/" + genModelFile.getFileName(), true);
        Resource stored = resourceSet.getResource(uri, true);
        GenModel settings = (GenModel) stored.getContents().get(0);

        List<EPackage> ePackages = new ArrayList<>();
        for (GenPackage genPackage : settings.getGenPackages()) {
            EPackage ePackage = genPackage.getEcorePackage();
            if (ePackage == null || ePackage.eIsProxy()) {
                throw new IOException(genModelFile + ": cannot load the EPackage " + EcoreUtil.getURI(ePackage));
            }
            ePackages.add(ePackage);
        }
        GenModel genModel = GenModelFactory.eINSTANCE.createGenModel();
        genModel.initialize(ePackages);
        genModel.getUsedGenPackages().addAll(settings.getUsedGenPackages());
        genModel.reconcile(settings);
        // the reconciled model takes the stored one's place (in memory only), so generated references name it
        stored.getContents().set(0, genModel);
        genModel.setCanGenerate(true);
        genModel.setValidateModel(true);

        Diagnostic validation = BasicDiagnostic.toDiagnostic(genModel.validate());
        if (validation.getSeverity() >= Diagnostic.ERROR) {
            return validation;
        }
        for (String dir : List.of(genModel.getModelDirectory(), genModel.getEditDirectory())) {
            if (dir != null && !dir.isBlank()) {
                Path srcGen = bundles.resolve(dir.substring(1));
                deleteTree(srcGen);
                // generated beside src-gen; EMF only writes them when absent, so new features would lack labels
                Files.deleteIfExists(srcGen.resolveSibling("plugin.xml"));
                Files.deleteIfExists(srcGen.resolveSibling("plugin.properties"));
            }
        }
        Generator generator = new Generator();
        generator.setInput(genModel);
        Diagnostic model = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor());
        if (model.getSeverity() >= Diagnostic.ERROR || genModel.getEditDirectory() == null
                || genModel.getEditDirectory().isBlank()) {
            return model;
        }
        return generator.generate(genModel, GenBaseGeneratorAdapter.EDIT_PROJECT_TYPE, new BasicMonitor());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void print(Diagnostic diagnostic, String indent) {
        System.out.println(indent + diagnostic.getMessage());
        for (Diagnostic child : diagnostic.getChildren()) {
            print(child, indent + "  ");
        }
    }
}
