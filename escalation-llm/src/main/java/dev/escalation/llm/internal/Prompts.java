package dev.escalation.llm.internal;

import dev.escalation.core.State;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt texts, kept as resources in {@code dev/escalation/llm/prompts/}: one per state
 * ({@code interpret-reason.txt}, ...), the rubric, the reply prompt and small pieces. Placeholders
 * are written {@code {{name}}}. Not part of the API.
 *
 * <p>Thread-safe; each file is read once.
 */
public final class Prompts {
  private Prompts() {}

  private static final String FOLDER = "/dev/escalation/llm/prompts/";
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  /** The text of {@code name}.txt, without a trailing line break. */
  public static String text(String name) {
    return CACHE.computeIfAbsent(name, Prompts::load);
  }

  /** The text of {@code name}.txt with each {@code {{key}}} replaced. */
  public static String render(String name, Map<String, String> values) {
    String text = text(name);
    for (var entry : values.entrySet()) {
      text = text.replace("{{" + entry.getKey() + "}}", entry.getValue());
    }
    return text;
  }

  /** The system prompt that reads a message in {@code state}; {@code withTools} mentions the tools. */
  public static String interpretation(State state, boolean withTools) {
    String name;
    if (state.equals(State.REASON)) {
      name = "interpret-reason";
    } else if (state.equals(State.DETAILS)) {
      name = "interpret-details";
    } else if (state.equals(State.CONFIRMATION)) {
      name = "interpret-confirmation";
    } else if (state.equals(State.TICKET_CREATED)) {
      name = "interpret-ticket-created";
    } else if (state.equals(State.CANCELLED)) {
      name = "interpret-cancelled";
    } else {
      name = "interpret-other";
    }
    String text = render(name, Map.of(
        "rubric", text("rubric"),
        "common", text("common-fields"),
        "tools", withTools ? text("tools") : "",
        "data", text("data-rule")));
    return text.replaceAll("\n{2,}", "\n").strip();
  }

  private static String load(String name) {
    try (InputStream in = Prompts.class.getResourceAsStream(FOLDER + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("the prompt resource " + FOLDER + name + ".txt is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException("the prompt resource " + FOLDER + name + ".txt could not be read", e);
    }
  }
}
