package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The README and the command line agree on who takes {@code --device}: the verbs that run a model, not the root. */
class DeviceOptionTest {
    private static void collect(CommandLine cl, Set<String> withDevice) {
        if (cl.getCommandSpec().findOption("--device") != null) {
            withDevice.add(cl.getCommandSpec().qualifiedName().substring("npr ".length()));
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, withDevice));
    }

    @Test
    void theReadmeListsExactlyTheVerbsThatTakeDevice() throws IOException {
        CommandLine root = NprCommand.commandLine();
        assertNull(root.getCommandSpec().findOption("--device"), "--device is not a global option");
        Set<String> cli = new TreeSet<>();
        collect(root, cli);

        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        Matcher sentence = Pattern.compile("(?s)The verbs that run a model take `--device[^`]*` after the verb:(.*?)\\.")
                .matcher(readme);
        assertTrue(sentence.find(), "the README names the verbs that take --device");
        Set<String> documented = new TreeSet<>();
        Matcher verb = Pattern.compile("`([a-z ]+)`").matcher(sentence.group(1));
        while (verb.find()) {
            documented.add(verb.group(1));
        }
        assertEquals(cli, documented);
        assertEquals(2, CliRun.of("--device", "cpu", "problems", "list").status(), "not accepted before the verb");
    }
}
