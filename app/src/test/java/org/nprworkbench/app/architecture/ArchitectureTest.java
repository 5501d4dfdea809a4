package org.nprworkbench.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import ai.djl.ndarray.NDArray;

import org.nprworkbench.app.Main;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.visualizer.theme.Theme;

/**
 * The layering of the modules and of the GUI, checked on the compiled main classes of every module
 * (the app module's test class path holds them all). sample-problems (packages {@code problems},
 * {@code input}, {@code tags}) is the bottom; engine stands on it, trainer on both; visualizer may
 * use engine and sample-problems types; app is the top. Only the app and the visualizer use JavaFX,
 * and view models use no scene-graph or window classes, so they can be tested without a window.
 * Command-line verbs do not reach into the engine's internals: they call the application services
 * of {@code org.nprworkbench.app.service}, which the window calls too.
 */
@AnalyzeClasses(locations = ArchitectureTest.Modules.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "org.nprworkbench";
    private static final String[] SAMPLE_PROBLEMS = {ROOT + ".problems..", ROOT + ".input..", ROOT + ".tags.."};
    private static final String ENGINE = ROOT + ".engine..";
    private static final String TRAINER = ROOT + ".trainer..";
    private static final String VISUALIZER = ROOT + ".visualizer..";
    private static final String APP = ROOT + ".app..";
    private static final String GUI = ROOT + ".app.gui";

    /** Each class's Maven module, read from its package. */
    private static final SliceAssignment MODULES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (within(p, ROOT + ".problems") || within(p, ROOT + ".input") || within(p, ROOT + ".tags")) {
                return SliceIdentifier.of("sample-problems");
            }
            for (String module : new String[] {"engine", "trainer", "visualizer", "app"}) {
                if (within(p, ROOT + "." + module)) {
                    return SliceIdentifier.of(module);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "modules";
        }
    };

    /** View models (any class named *ViewModel, with its nested classes) and the GUI's non-view packages. */
    private static final DescribedPredicate<JavaClass> VIEW_MODELS = DescribedPredicate.describe(
            "view models (*ViewModel) and the GUI's state, checkpoint and environment packages", c -> {
                String top = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
                return within(c.getPackageName(), GUI) && top.endsWith("ViewModel")
                        || within(c.getPackageName(), GUI + ".state")
                        || within(c.getPackageName(), GUI + ".checkpoint")
                        || within(c.getPackageName(), GUI + ".environment");
            });

    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().assignedFrom(MODULES).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dependenciesPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("sample-problems").definedBy(SAMPLE_PROBLEMS)
            .layer("engine").definedBy(ENGINE)
            .layer("trainer").definedBy(TRAINER)
            .layer("visualizer").definedBy(VISUALIZER)
            .layer("app").definedBy(APP)
            .whereLayer("sample-problems").mayNotAccessAnyLayer()
            .whereLayer("engine").mayOnlyAccessLayers("sample-problems")
            .whereLayer("trainer").mayOnlyAccessLayers("sample-problems", "engine")
            .whereLayer("visualizer").mayOnlyAccessLayers("sample-problems", "engine")
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .because("sample-problems <- engine <- trainer <- app, and the visualizer uses engine and "
                    + "sample-problems types only: it never depends on the trainer or the app");

    @ArchTest
    static final ArchRule onlyTheWindowUsesJavaFx = noClasses()
            .that().resideInAnyPackage(ENGINE, TRAINER, SAMPLE_PROBLEMS[0], SAMPLE_PROBLEMS[1], SAMPLE_PROBLEMS[2])
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine, the trainer and sample-problems run headless, in the command line and in "
                    + "training processes");

    @ArchTest
    static final ArchRule viewModelsUseNoSceneGraph = noClasses().that(VIEW_MODELS)
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models are unit-tested without a window: they expose properties (javafx.beans) "
                    + "and lists (javafx.collections), and the views bind to them");

    @ArchTest
    static final ArchRule guiPackagesHaveNoCycles = slices().matching(GUI + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sectionsDoNotDependOnTheShell = noClasses()
            .that().resideInAPackage(GUI + "..").and().resideOutsideOfPackage(GUI + ".shell..")
            .should().dependOnClassesThat().resideInAPackage(GUI + ".shell..")
            .because("the shell (window, menu, status bar) assembles the sections; sections share state "
                    + "through the state package, not through the shell");

    @ArchTest
    static final ArchRule differentiableCodeKeepsItsScalarsAlive = noClasses()
            .that().resideInAnyPackage(ROOT + ".engine.model..", TRAINER)
            .or().haveFullyQualifiedName(ROOT + ".engine.optim.TokenLoss")
            .should().callMethod(NDArray.class, "mul", Number.class)
            .orShould().callMethod(NDArray.class, "div", Number.class)
            .orShould().callMethod(NDArray.class, "pow", Number.class)
            .orShould().callMethod(NDArray.class, "maximum", Number.class)
            .orShould().callMethod(NDArray.class, "minimum", Number.class)
            .because("DJL wraps the number in a tensor over a Java buffer and closes it at once while autograd "
                    + "keeps it for backward, which then reads freed memory; use engine.autograd.Scalar.of");

    @ArchTest
    static final ArchRule verbsDoNotUseEngineInternals = noClasses()
            .that().resideInAPackage(ROOT + ".app.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + ".engine.decode..", ROOT + ".engine.kv..", ROOT + ".engine.model..")
            .because("a command-line verb parses its options, calls one application service (the same one "
                    + "the window calls) and prints the result");

    /**
     * The main classes of the five modules (a classes folder or a jar each, found from one class of
     * each), so that the import does not search every jar on the class path for our packages.
     */
    static final class Modules implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Stream.of(BadInputException.class, DataHome.class, SeedSft.class, Theme.class, Main.class)
                    .map(c -> Location.of(c.getProtectionDomain().getCodeSource().getLocation()))
                    .collect(Collectors.toSet());
        }
    }

    private static boolean within(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
