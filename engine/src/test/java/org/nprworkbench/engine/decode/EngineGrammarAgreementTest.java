package org.nprworkbench.engine.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.StructureValidator;
import org.nprworkbench.engine.schema.StructureViolation;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.engine.tokenizer.TagIds;

import ai.djl.Device;

/**
 * The engine's grammar is the validator's: over thousands of random and adversarial token streams,
 * every trajectory the engine reports COMPLETE passes the structural validator, lays out under
 * {@link ParallelLayout} with the engine's own positions, and has exactly the blocks the engine forked.
 */
class EngineGrammarAgreementTest {
    private static final int STREAMS = 1200; // per layout
    private static HfTokenizer tok;
    private static TagIds tags;
    private static Qwen3Model model;
    private static int[] text;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        tok = HfTokenizer.embedded();
        tags = tok.tags();
        // The smallest model that runs every path: the weights do not matter, the tokens are replayed.
        model = Qwen3Model.random(new Qwen3Config(128, 16, 32, 1, 2, 1, 8, 1e-6, 10000, 1024, true,
                "float32", 1, 2), Device.cpu(), 3);
        text = tok.encode("ab 12:.\n");
    }

    @AfterAll
    static void stop() {
        model.close();
        tok.close();
    }

    /** A response written in {@code layout}: 0 to 2 blocks, 0 to 6 plans (some unlabelled), then an answer and eos. */
    static int[] wellFormed(SplittableRandom r, ForcedLayout layout) {
        StringBuilder t = new StringBuilder();
        if (r.nextInt(4) == 0) {
            t.append("think ");
        }
        for (int b = r.nextInt(3); b > 0; b--) {
            int plans = r.nextInt(12) == 0 ? (r.nextBoolean() ? 0 : 6) : 1 + r.nextInt(4);
            t.append("<guideline>\n");
            List<String> labels = new ArrayList<>();
            for (int k = 1; k <= plans; k++) {
                boolean labelled = r.nextInt(15) != 0;
                t.append("<plan>").append(labelled ? k + ":" : "").append("p".repeat(1 + r.nextInt(2))).append("</plan>\n");
                if (labelled) {
                    labels.add(Integer.toString(k));
                }
            }
            t.append("</guideline>\n");
            for (String label : labels) {
                t.append(layout.stepOpening(label)).append("s".repeat(1 + r.nextInt(4))).append("</step>\n");
            }
            t.append(layout.takeawayOpening()).append("t</takeaway>\n");
        }
        t.append("\\boxed{").append(r.nextInt(10)).append('}');
        int[] ids = tok.encode(t.toString());
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = tags.eos();
        return out;
    }

    /** One to three edits of a well-formed response: tags inserted, tokens deleted, duplicated, swapped, eos early, a cut. */
    static int[] mutated(SplittableRandom r, ForcedLayout layout) {
        List<Integer> t = new ArrayList<>();
        for (int id : wellFormed(r, layout)) {
            t.add(id);
        }
        int[] all = tags.inOrder();
        for (int m = 1 + r.nextInt(3); m > 0 && !t.isEmpty(); m--) {
            int at = r.nextInt(t.size());
            switch (r.nextInt(6)) {
                case 0 -> t.add(at, all[r.nextInt(all.length)]);
                case 1 -> t.remove(at);
                case 2 -> t.add(at, t.get(at));
                case 3 -> {
                    if (at + 1 < t.size()) {
                        t.set(at, t.set(at + 1, t.get(at)));
                    }
                }
                case 4 -> t.add(at, tags.eos());
                default -> t.subList(at, t.size()).clear();
            }
        }
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Tags, text and eos drawn at random. */
    static int[] soup(SplittableRandom r) {
        int[] all = tags.inOrder();
        int[] t = new int[5 + r.nextInt(60)];
        for (int i = 0; i < t.length; i++) {
            int u = r.nextInt(100);
            t[i] = u < 40 ? all[r.nextInt(all.length)] : u < 97 ? text[r.nextInt(text.length)] : tags.eos();
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(ForcedLayout.class)
    void everyCompleteTrajectoryPassesTheValidatorAndLaysOut(ForcedLayout layout) throws MalformedStructureException {
        SplittableRandom r = new SplittableRandom(20251207L + layout.ordinal());
        int[] prompt = tok.encode(PromptFormat.PLAIN.render("q"));
        List<DecodeRequest> requests = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            int[] response = switch (i % 3) {
                case 0 -> wellFormed(r, layout);
                case 1 -> mutated(r, layout);
                default -> soup(r);
            };
            requests.add(new DecodeRequest("s" + i, 0, prompt, new ReplaySource(response, tags, true)));
        }
        // 300 at a time: fewer steps than one stream at a time, less padding than all at once
        // (about 2.5 s of CPU per layout on one core).
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(256, layout).withMaxActive(300)).run(requests);
        StructureValidator validator = StructureValidator.paperDefault();
        int[] complete = new int[3];
        int[] forkedComplete = new int[3];
        int[] malformed = new int[3];
        for (int i = 0; i < STREAMS; i++) {
            TrajectoryResult t = run.results().get(i);
            if (t.status() != TrajectoryResult.Status.COMPLETE) {
                malformed[i % 3]++;
                continue;
            }
            complete[i % 3]++;
            forkedComplete[i % 3] += t.forked() ? 1 : 0;
            Optional<StructureViolation> v = validator.check(t.response(), tags);
            assertEquals(Optional.empty(), v, "stream " + i + ": " + tok.decode(t.response()));
            ParallelLayout l = ParallelLayout.of(t.tokens(), prompt.length, tags);
            assertArrayEquals(Arrays.copyOfRange(l.positions(), prompt.length, l.length()), t.positions(), "stream " + i);
            assertArrayEquals(t.branchesPerBlock().stream().mapToInt(Integer::intValue).toArray(), l.branchesPerBlock(),
                    "stream " + i + ": every block of a complete trajectory was forked");
        }
        // The streams reach both outcomes, forks included, in every family: the checks above are not vacuous.
        assertTrue(complete[0] > STREAMS / 3 * 2 / 3 && forkedComplete[0] > STREAMS / 3 / 2,
                "well-formed: " + complete[0] + " complete, " + forkedComplete[0] + " forked");
        assertTrue(malformed[0] > 0, "some well-formed traces hold 0 or 6 plans");
        assertTrue(complete[1] > 50 && forkedComplete[1] > 20 && malformed[1] > STREAMS / 3 / 2,
                "mutated: " + complete[1] + " complete, " + forkedComplete[1] + " forked, " + malformed[1] + " malformed");
        assertTrue(complete[2] > 0 && malformed[2] > STREAMS / 3 / 2,
                "soup: " + complete[2] + " complete, " + malformed[2] + " malformed");
    }
}
