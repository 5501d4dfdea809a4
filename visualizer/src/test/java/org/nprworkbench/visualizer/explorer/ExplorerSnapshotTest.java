package org.nprworkbench.visualizer.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.FxHarness;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;
import org.nprworkbench.visualizer.theme.NodeColours;

/** Rendering the explorer to a PNG without a window. */
class ExplorerSnapshotTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxHarness.stage();
    }

    @Test
    void rendersTheGraphAndTheTextOffScreen() throws Exception {
        ExplorerModel model = ExplorerModel.build(
                SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 4, Answers.TOKENIZER), Answers.TOKENIZER, null);
        int guideline = model.layout().nodes().stream().filter(b -> b.kind() == NodeKind.GUIDELINE).findFirst().orElseThrow().id();
        BufferedImage image = FxHarness.fx(() -> ExplorerSnapshot.render(model, 1280, 800, guideline));
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        Files.createDirectories(FxHarness.SCREENSHOTS);
        PngSnapshot.write(image, FxHarness.SCREENSHOTS.resolve("explorer-offscreen.png"));
        int guidelineFill = Integer.parseInt(NodeColours.fill(NodeKind.GUIDELINE).substring(1), 16);
        int matches = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth() / 2; x += 2) {
                matches += (image.getRGB(x, y) & 0xFFFFFF) == guidelineFill ? 1 : 0;
            }
        }
        assertTrue(matches > 200, "the graph's guideline boxes are drawn: " + matches + " pixels");
    }
}
