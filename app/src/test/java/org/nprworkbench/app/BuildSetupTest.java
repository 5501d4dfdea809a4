package org.nprworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build as a user meets it: {@code mvn verify} configures each test JVM system property once
 * (surefire warns about every property set twice), and the {@code npr} launcher's first build runs
 * Maven in batch mode without colour, so no escape codes are left on the terminal.
 */
class BuildSetupTest {
    /** The repository root: tests run in the app module's folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void surefireSetsEachSystemPropertyOnce() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher argLine = Pattern.compile("<npr.test.argLine>(.*?)</npr.test.argLine>").matcher(pom);
        assertTrue(argLine.find(), "the parent pom defines npr.test.argLine");
        List<String> inArgLine = new ArrayList<>();
        Matcher d = Pattern.compile("-D([\\w.]+)=").matcher(argLine.group(1));
        while (d.find()) {
            inArgLine.add(d.group(1));
        }
        assertTrue(inArgLine.containsAll(List.of("OPT_OUT_TRACKING", "ai.djl.offline")),
                "DJL's telemetry opt-out reaches every test JVM: " + inArgLine);
        List<String> twice = new ArrayList<>();
        Matcher block = Pattern.compile("(?s)<systemPropertyVariables>(.*?)</systemPropertyVariables>").matcher(pom);
        while (block.find()) {
            Matcher name = Pattern.compile("<([\\w.]+)>").matcher(block.group(1));
            while (name.find()) {
                if (inArgLine.contains(name.group(1))) {
                    twice.add(name.group(1));
                }
            }
        }
        assertEquals(List.of(), twice, "set both in argLine and in systemPropertyVariables");
    }

    @Test
    void theLaunchersBuildRunsMavenInBatchModeWithoutColour(@TempDir Path dir) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(ROOT.resolve("npr"), root.resolve("npr"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("mvn-args.txt");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("npr").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("NPR_GPU");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), "the fake Maven fails the build: " + output);
        assertTrue(output.contains("npr: the build failed"), output);
        List<String> mavenArgs = Files.readAllLines(args);
        assertTrue(mavenArgs.contains("-B") && mavenArgs.contains("-Dstyle.color=never"), "mvn " + mavenArgs);
        assertTrue(mavenArgs.contains("package"), "mvn " + mavenArgs);
    }
}
