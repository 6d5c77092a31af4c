package dev.escalation.runner.internal.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads simulated-customer profiles from JSON lines (the form of {@code profiles/eval-dev.jsonl}), and
 * the train, dev and hold-out splits shipped in the runner. The two hold-out splits (holdout and blind)
 * are only ever evaluated: nothing that trains or chooses settings reads them, and {@link #holdoutReads()}
 * lets a test check that.
 *
 * <p>Stateless and thread-safe. Example: {@code List<Profile> dev = ProfileFile.split(Split.DEV);}
 */
public final class ProfileFile {

    /** Which shipped profiles to use. */
    public enum Split {
        /** {@code eval-train.jsonl}: what the optimizer learns from. */
        TRAIN,
        /** {@code eval-dev.jsonl}: what the evaluation reports and the optimizer must improve. */
        DEV,
        /** Both train and dev, train first; never the hold-out. */
        ALL,
        /**
         * {@code eval-holdout.jsonl}: profiles written apart from the others (other products, wording and
         * situations), to measure how the agent generalises; no training or optimizer step reads them.
         */
        HOLDOUT,
        /**
         * {@code eval-blind.jsonl}: a second hold-out, written from the rubric alone after the first one had
         * been looked at, and measured before any change it was to judge; no training or optimizer step reads
         * it, and nobody tunes on its misses.
         */
        BLIND;

        /** The split named {@code value} (dev, train, all, holdout or blind, any case). */
        public static Split parse(String value) {
            for (Split split : values()) {
                if (split.name().equalsIgnoreCase(value.strip())) {
                    return split;
                }
            }
            throw new IllegalArgumentException(
                    "the split must be dev, train, all, holdout or blind, but was '" + value + "'");
        }

        /** The lower-case name used in reports. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger HOLDOUT_READS = new AtomicInteger();

    private ProfileFile() {}

    /** The shipped profiles of {@code split}. */
    public static List<Profile> split(Split split) {
        return switch (split) {
            case TRAIN -> resource("/profiles/eval-train.jsonl");
            case DEV -> resource("/profiles/eval-dev.jsonl");
            case ALL -> {
                List<Profile> all = new ArrayList<>(resource("/profiles/eval-train.jsonl"));
                all.addAll(resource("/profiles/eval-dev.jsonl"));
                yield List.copyOf(all);
            }
            case HOLDOUT -> {
                HOLDOUT_READS.incrementAndGet();
                yield resource("/profiles/eval-holdout.jsonl");
            }
            case BLIND -> {
                HOLDOUT_READS.incrementAndGet();
                yield resource("/profiles/eval-blind.jsonl");
            }
        };
    }

    /**
     * How many times this JVM has read a hold-out split (holdout or blind), so that a test can show that
     * training and the optimizer never do (a number measured on profiles one tuned on says nothing).
     */
    public static int holdoutReads() {
        return HOLDOUT_READS.get();
    }

    /**
     * Reads a profile file.
     *
     * @throws InvalidProfileException naming the file and line of the first bad profile
     */
    public static List<Profile> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new InvalidProfileException("unable to read the profile file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Profile> resource(String name) {
        try (InputStream in = ProfileFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the runner jar lacks the resource " + name);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Profile> parse(BufferedReader reader, String source) throws IOException {
        List<Profile> profiles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Profile profile;
            try {
                profile = profile(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new InvalidProfileException(
                        source + " line " + number + ": not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidProfileException(source + " line " + number + ": " + e.getMessage(), e);
            }
            if (!ids.add(profile.id())) {
                throw new InvalidProfileException(
                        source + " line " + number + ": the id " + profile.id() + " is used twice", null);
            }
            profiles.add(profile);
        }
        return List.copyOf(profiles);
    }

    private static Profile profile(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a profile must be a JSON object, but was " + node.getNodeType());
        }
        JsonNode followUp = node.path("follow_up");
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new Profile(
                text(node, "id"),
                text(node, "customer_id"),
                text(node, "opening"),
                text(node, "details"),
                text(node, "department_answer"),
                department(text(node, "department")),
                Priority.of(text(node, "priority")),
                bool(node, "confirm"),
                followUp.isObject() ? text(followUp, "kind") : null,
                followUp.isObject() && followUp.hasNonNull("text")
                        ? followUp.get("text").asText()
                        : null,
                tags);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the field '" + field + "' must be a string, but was "
                    + (value == null ? "missing" : value.toString()));
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("the field '" + field + "' must be true or false, but was "
                    + (value == null ? "missing" : value.toString()));
        }
        return value.asBoolean();
    }

    // A standard department by any of its names, or the department of another flow by its name.
    private static Department department(String name) {
        return Department.parse(name).orElseGet(() -> Department.canonical(new Department(name)));
    }
}
