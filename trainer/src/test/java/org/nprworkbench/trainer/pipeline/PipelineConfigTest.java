package org.nprworkbench.trainer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nprworkbench.input.BadInputException;

import com.google.gson.JsonObject;

/** Presets set every parameter; {@code --set} validates keys, types and ranges. */
class PipelineConfigTest {
    @Test
    void presetsRecordEveryParameterInSnakeCase() {
        for (String name : PipelineConfig.PRESETS) {
            JsonObject o = PipelineConfig.preset(name).toJson();
            assertEquals(name, o.get("preset").getAsString());
            assertTrue(o.size() > 40, o.toString());
            o.keySet().forEach(k -> assertTrue(k.matches("[a-z0-9_]+"), k));
        }
        assertEquals("micro", PipelineConfig.preset("smoke").choice("model_size"));
        assertEquals(1e-5, PipelineConfig.preset("quickstart").real("papo_lr"));
        assertEquals("quickstart/seed", PipelineConfig.preset("quickstart").text("seed_init"));
        assertEquals("", PipelineConfig.preset("smoke").text("seed_init"));
        assertEquals("quickstart/seed", PipelineConfig.preset("quickstart").toJson().get("seed_init").getAsString());
        assertEquals("", PipelineConfig.preset("quickstart").set("seed_init=").text("seed_init"), "seed_init can be cleared");
        assertEquals(java.util.Map.of("items", 5, "digits", 3), PipelineConfig.preset("quickstart").knobs());
        assertTrue(PipelineConfig.preset("smoke").knobs().isEmpty());
        assertEquals("beta", PipelineConfig.preset("smoke").choice("sr_from"), "the paper's SR starts from NPR-Beta");
        assertEquals("sr-beta", PipelineConfig.preset("quickstart").choice("sr_from"));
        JsonObject legacy = PipelineConfig.preset("quickstart").toJson();
        legacy.remove("sr_from");
        legacy.remove("knobs");
        legacy.remove("seed_init");
        PipelineConfig old = PipelineConfig.fromJson(legacy, "a run recorded before sr_from, knobs and seed_init");
        assertEquals("beta", old.choice("sr_from"));
        assertEquals("", old.text("seed_init"));
        assertTrue(old.knobs().isEmpty());
        assertMessage("knobs", () -> PipelineConfig.preset("smoke").set("knobs=items:5"));
        assertEquals(java.util.Map.of("terms", 2), PipelineConfig.preset("smoke").set("knobs= terms=2 ").knobs());
        assertTrue(PipelineConfig.preset("smoke").seedTasks().isEmpty(), "the run's task by default");
        assertEquals(java.util.List.of("arithmetic", "digitsum"),
                PipelineConfig.preset("smoke").set("seed_tasks= arithmetic, digitsum").seedTasks());
        assertMessage("seed_tasks", () -> PipelineConfig.preset("smoke").set("seed_tasks=arithmetic,,digitsum"));
        JsonObject beforeSeedTasks = PipelineConfig.preset("smoke").toJson();
        beforeSeedTasks.remove("seed_tasks");
        assertTrue(PipelineConfig.fromJson(beforeSeedTasks, "a run recorded before seed_tasks").seedTasks().isEmpty());
    }

    @Test
    void setOverridesAndValidates() {
        PipelineConfig c = PipelineConfig.preset("smoke").set("zero_steps=7").set("zero_lr", "3e-6")
                .set("zero_dynamic_sampling=FALSE").set("zero_reward=accuracy");
        assertEquals(7, c.integer("zero_steps"));
        assertEquals(3e-6, c.real("zero_lr"));
        assertEquals(false, c.flag("zero_dynamic_sampling"));
        assertEquals(7, c.toJson().get("zero_steps").getAsInt());
        assertEquals("accuracy", c.toJson().get("zero_reward").getAsString());
        assertMessage("nope", () -> c.set("nope=1"));
        assertMessage("zero_steps", () -> c.set("zero_steps=1.5"));
        assertMessage("zero_steps", () -> c.set("zero_steps=0"));
        assertMessage("seed_npr_share", () -> c.set("seed_npr_share=2"));
        assertMessage("zero_lr", () -> c.set("zero_lr=NaN"));
        assertMessage("model_size", () -> c.set("model_size=huge"));
        assertMessage("key=value", () -> c.set("zero_steps"));
        assertMessage("quick", () -> PipelineConfig.preset("quick"));
        assertEquals(7, c.integer("zero_steps")); // a refused value leaves the old one
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        BadInputException x = assertThrows(BadInputException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
