package org.nprworkbench.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.stage.StageKind;

/** The launcher's command lines and its checks before a child starts. */
class TrainingLauncherTest {
    @TempDir
    Path dir;

    @Test
    void argumentsNameOnlyWhatDiffersFromTheDefaults() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("zero_steps", "5");
        sets.put("papo_lr", "2e-7");
        var all = new TrainingLauncher.Request("digitsum", "smoke", List.of(StageKind.values()), "a", Map.of());
        assertEquals(List.of("train", "--task", "digitsum", "--preset", "smoke", "--run", "a"),
                TrainingLauncher.trainArguments(all));
        var some = new TrainingLauncher.Request("digitsum", "smoke", List.of(StageKind.SEED, StageKind.ZERO), "b", sets);
        assertEquals(List.of("train", "--task", "digitsum", "--preset", "smoke", "--stages", "seed,zero", "--run", "b",
                "--set", "zero_steps=5", "--set", "papo_lr=2e-7"), TrainingLauncher.trainArguments(some));
        assertEquals(List.of("train", "--resume", "b"), TrainingLauncher.resumeArguments("b"));
    }

    @Test
    void aBenchmarkRequestNamesTheFileAndIsCheckedWithoutTrainingData() throws Exception {
        Path file = dir.resolve("b.jsonl");
        Files.writeString(file, "{\"problem\": \"What is 2+3?\", \"answer\": \"5\"}\n");
        Map<String, String> sets = Map.of("seed_tasks", "arithmetic");
        var r = new TrainingLauncher.Request(null, file, "smoke", List.of(StageKind.SEED, StageKind.ZERO), "a", sets);
        assertEquals(List.of("train", "--benchmark", file.toAbsolutePath().toString(), "--preset", "smoke", "--stages",
                "seed,zero", "--run", "a", "--set", "seed_tasks=arithmetic"), TrainingLauncher.trainArguments(r));
        TrainingLauncher.validate(r); // exists, readable, settings a file run can have
        BadInputException gone = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request(null, dir.resolve("gone.jsonl"), "smoke", List.of(StageKind.ZERO), "a", Map.of())));
        assertTrue(gone.getMessage().contains("gone.jsonl") && gone.getMessage().contains("no such file"), gone.getMessage());
        BadInputException both = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request("arithmetic", file, "smoke", List.of(StageKind.ZERO), "a", Map.of())));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        BadInputException knobs = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request(null, file, "smoke", List.of(StageKind.ZERO), "a", Map.of("knobs", "terms=2"))));
        assertTrue(knobs.getMessage().contains("knobs does not apply"), knobs.getMessage());
        // start reads the file: one problem is too few, refused before any process starts
        TrainingLauncher launcher = new TrainingLauncher(new DataHome(dir.resolve("home")), List.of("no-such-java"));
        BadInputException few = assertThrows(BadInputException.class, () -> launcher.start(r));
        assertTrue(few.getMessage().contains("b.jsonl") && few.getMessage().contains("at least 3"), few.getMessage());
        assertTrue(launcher.running().isEmpty());
    }

    @Test
    void aChildTrainsWithTelemetryOffAndOpenMpThreadsThatSleepWhileTheyWait() throws Exception {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        // a stand-in for the JVM that prints the environment it was given, then exits
        TrainingLauncher launcher = new TrainingLauncher(home, List.of("/bin/sh", "-c",
                "echo \"env OPT_OUT_TRACKING=$OPT_OUT_TRACKING OMP_WAIT_POLICY=$OMP_WAIT_POLICY\"", "sh"));
        TrainingLauncher.Child child = launcher.resume("envcheck");
        assertEquals(0, child.exit().get(30, java.util.concurrent.TimeUnit.SECONDS));
        String log = Files.readString(child.log());
        String expected = "env OPT_OUT_TRACKING=true OMP_WAIT_POLICY="
                + (System.getenv("OMP_WAIT_POLICY") != null ? System.getenv("OMP_WAIT_POLICY") : "PASSIVE");
        assertTrue(log.contains(expected), log);
    }

    @Test
    void theCommandLineQuotesWhatAShellWouldSplit() {
        DataHome home = new DataHome(dir.resolve("my home"));
        TrainingLauncher launcher = new TrainingLauncher(home, List.of("java"));
        assertEquals("npr --home '" + home.root() + "' train --resume x", launcher.commandLine(List.of("train", "--resume", "x")));
        assertEquals("'it'\\''s'", TrainingLauncher.quote("it's"));
        assertEquals("zero_lr=1e-5", TrainingLauncher.quote("zero_lr=1e-5"));
    }

    @Test
    void aBadRequestIsRefusedNamingTheField() {
        BadInputException task = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request("nosuchtask", "smoke", List.of(StageKind.SEED), "a", Map.of())));
        assertTrue(task.getMessage().contains("nosuchtask"), task.getMessage());
        BadInputException preset = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request("digitsum", "huge", List.of(StageKind.SEED), "a", Map.of())));
        assertTrue(preset.getMessage().startsWith("unknown preset 'huge'"), preset.getMessage());
        BadInputException value = assertThrows(BadInputException.class, () -> TrainingLauncher.validate(
                new TrainingLauncher.Request("digitsum", "smoke", List.of(StageKind.SEED), "a", Map.of("seed_lr", "2"))));
        assertEquals("--set seed_lr=2: must be from 1.0E-9 to 1.0", value.getMessage());
    }
}
