package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.llm.internal.TokenCounter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;

/**
 * Counts what a model server sees, the same way for every agent design: one call per chat-completions
 * request, prompt tokens of the request body (messages, tools and schema, o200k_base via jtokkit, as
 * the llm module counts them) and completion tokens of the text or tool calls sent back, whether as
 * one JSON body or as an SSE stream.
 *
 * <p>Thread-safe. Example: {@code server.setDispatcher(new CountingDispatcher(new ScriptedModelServer(profiles)))}.
 */
public final class CountingDispatcher extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher delegate;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();

  public CountingDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  public long calls() {
    return calls.get();
  }

  public long promptTokens() {
    return promptTokens.get();
  }

  public long completionTokens() {
    return completionTokens.get();
  }

  /** Starts counting from zero (after a warm-up, for example). */
  public void reset() {
    calls.set(0);
    promptTokens.set(0);
    completionTokens.set(0);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    MockResponse response = delegate.dispatch(request);
    if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/chat/completions")) {
      return response;
    }
    try {
      ByteString body = request.getBody();
      JsonNode sent = JSON.readTree(body == null ? "{}" : body.utf8());
      calls.incrementAndGet();
      promptTokens.addAndGet(TokenCounter.prompt(sent));
      completionTokens.addAndGet(completion(response));
    } catch (IOException e) {
      throw new IllegalStateException("unable to count a model call: " + e, e);
    }
    return response;
  }

  private static long completion(MockResponse response) throws IOException {
    if (response.getBody() == null) {
      return 0;
    }
    Buffer buffer = new Buffer();
    response.getBody().writeTo(buffer);
    String text = buffer.readUtf8();
    if (text.startsWith("data:")) {
      StringBuilder content = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.startsWith("data: {")) {
          for (JsonNode choice : JSON.readTree(line.substring(6)).path("choices")) {
            content.append(choice.path("delta").path("content").asText(""));
          }
        }
      }
      return TokenCounter.count(content.toString());
    }
    long tokens = 0;
    for (JsonNode choice : JSON.readTree(text).path("choices")) {
      JsonNode message = choice.path("message");
      tokens += TokenCounter.count(message.path("content").asText(""));
      for (JsonNode call : message.path("tool_calls")) {
        tokens += TokenCounter.count(call.path("function").path("name").asText())
            + TokenCounter.count(call.path("function").path("arguments").asText()) + 3;
      }
    }
    return tokens;
  }
}
