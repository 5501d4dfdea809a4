package org.nprworkbench.problems.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.StrictUtf8;

/**
 * Turns a problem into the text of the user message: a template with a {@code {problem}} placeholder.
 * Built in: {@code npr-official} (the released NPR instruction, verbatim, as the official checkpoints
 * were trained and evaluated with it), {@code npr} (the project's own instruction for the
 * guideline/plan/step/takeaway format), {@code cot} (step-by-step reasoning with a boxed answer) and
 * {@code bare} (the problem alone, for models trained on the seed corpus). Any UTF-8 file with a {@code {problem}} placeholder works too.
 * The model's chat template is applied afterwards by the engine, not here.
 */
public final class PromptTemplate {
    /** The placeholder replaced by the problem text. */
    public static final String PLACEHOLDER = "{problem}";
    /** The name of the official NPR instruction. */
    public static final String OFFICIAL = "npr-official";

    private final String name;
    private final String text;

    private PromptTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** This project's NPR instruction (the problem, a blank line, then the format rules of its compact layout). */
    public static PromptTemplate npr() {
        return builtIn("npr");
    }

    /**
     * The official NPR instruction ({@code evals/prompts/npr.txt} of the released code, byte for byte):
     * the message is the problem, stripped, a blank line, then the file exactly as released, its
     * final newline included ({@code question.strip() + "\n\n" + npr.txt}).
     */
    public static PromptTemplate official() {
        return new PromptTemplate(OFFICIAL, PLACEHOLDER + "\n\n" + resource(OFFICIAL));
    }

    /** The chain-of-thought instruction. */
    public static PromptTemplate cot() {
        return builtIn("cot");
    }

    /** The problem alone. */
    public static PromptTemplate bare() {
        return new PromptTemplate("bare", PLACEHOLDER);
    }

    /**
     * The built-in template {@code npr-official}, {@code npr}, {@code cot} or {@code bare}, or else the
     * template file at that path.
     */
    public static PromptTemplate named(String nameOrFile) {
        return switch (nameOrFile.toLowerCase(Locale.ROOT)) {
            case OFFICIAL -> official();
            case "npr" -> npr();
            case "cot" -> cot();
            case "bare", "plain" -> bare();
            default -> fromFile(Path.of(nameOrFile));
        };
    }

    /** A template file; it must be UTF-8 and contain {@code {problem}}. */
    public static PromptTemplate fromFile(Path file) {
        String text = StrictUtf8.readString(file);
        if (text.isBlank()) {
            throw BadInputException.inFile(file, "the template is empty; write the prompt with " + PLACEHOLDER
                    + " where the problem goes");
        }
        if (!text.contains(PLACEHOLDER)) {
            throw BadInputException.inFile(file, "the template has no " + PLACEHOLDER
                    + " placeholder; add it where the problem text goes");
        }
        return new PromptTemplate(file.toString(), text.strip());
    }

    /** The user message for {@code problem}. Other braces (LaTeX) are left alone. */
    public String render(String problem) {
        return text.replace(PLACEHOLDER, problem.strip());
    }

    /** The built-in name or the file path. */
    public String name() {
        return name;
    }

    /** The template text. */
    public String text() {
        return text;
    }

    private static PromptTemplate builtIn(String name) {
        return new PromptTemplate(name, resource(name).strip());
    }

    private static String resource(String name) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("missing built-in prompt " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
