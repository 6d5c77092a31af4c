package dev.escalation.core.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the profiles shipped in the test resources (the tests' side of {@link Profile}). */
public final class Profiles {

    private Profiles() {}

    /** The 40 development profiles shipped in the test resources. */
    public static List<Profile> dev() {
        return read("/profiles/escalation-dev.jsonl");
    }

    /** Reads profiles from a class-path JSON-lines resource. */
    public static List<Profile> read(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<Profile> profiles = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(Profiles.class.getResourceAsStream(resource), resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                JsonNode followUp = node.path("follow_up");
                List<String> tags = new ArrayList<>();
                node.path("tags").forEach(tag -> tags.add(tag.asText()));
                profiles.add(new Profile(
                        node.get("id").asText(),
                        node.get("customer_id").asText(),
                        node.get("opening").asText(),
                        node.get("details").asText(),
                        node.get("department_answer").asText(),
                        Department.of(node.get("department").asText()),
                        Priority.of(node.get("priority").asText()),
                        node.get("confirm").asBoolean(),
                        followUp.isObject() ? followUp.get("kind").asText() : null,
                        followUp.isObject() && followUp.has("text")
                                ? followUp.get("text").asText()
                                : null,
                        tags));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return profiles;
    }
}
