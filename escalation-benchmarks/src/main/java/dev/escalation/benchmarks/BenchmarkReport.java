package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes docs/benchmarks.md from JMH's JSON results and the {@link Measurements} files of the same
 * run, with the machine it ran on, so the document is never edited by hand.
 *
 * <p>Usage: {@code BenchmarkReport BENCH_DIR OUT.md COMMAND}; BENCH_DIR holds jmh.json, memory.json,
 * scale.json, tenk.json, peers.json and coldstart.json. Not thread-safe; a program.
 */
public final class BenchmarkReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BENCH = "dev.escalation.benchmarks.";

  private final StringBuilder md = new StringBuilder();
  private final Path dir;

  private BenchmarkReport(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: BenchmarkReport BENCH_DIR OUT.md COMMAND");
      System.exit(2);
    }
    BenchmarkReport report = new BenchmarkReport(Path.of(args[0]));
    String text = report.write(args[2]);
    Path out = Path.of(args[1]);
    Files.writeString(out, keepScaleOut(out, text), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  // The section make bench-scale writes (several serve instances) is measured separately and kept as
  // it was, before "How to reproduce".
  private static String keepScaleOut(Path out, String text) throws IOException {
    String heading = "## Several instances (make bench-scale)";
    String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    int at = old.indexOf(heading);
    int before = text.indexOf("## How to reproduce");
    if (at < 0 || before < 0) {
      return text;
    }
    int next = old.indexOf("\n## ", at + heading.length());
    String section = next < 0 ? old.substring(at) : old.substring(at, next + 1);
    return text.substring(0, before) + section.stripTrailing() + "\n\n" + text.substring(before);
  }

  private String write(String command) throws IOException {
    JsonNode jmh = read("jmh.json");
    JsonNode memory = read("memory.json");
    JsonNode scale = read("scale.json");
    JsonNode tenk = read("tenk.json");
    JsonNode peers = read("peers.json");
    JsonNode cold = read("coldstart.json");

    line("# Benchmarks");
    line("");
    Path started = dir.resolve("started-at");
    ZonedDateTime when = Files.exists(started)
        ? java.time.Instant.ofEpochSecond(Long.parseLong(Files.readString(started).strip())).atZone(ZoneOffset.UTC)
        : ZonedDateTime.now(ZoneOffset.UTC);
    line("Measured by `" + command + "` on " + when.format(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + "; this file is written by the generator"
        + " (`escalation-benchmarks`, `BenchmarkReport`) from that run's results, never by hand. All figures of"
        + " one run are taken on the same machine, one section after another; ratios compare figures of the same"
        + " run. \"Median (min–max)\" is over the measurement iterations, windows or rounds named in each table.");
    line("");
    machine(List.of(memory, scale, tenk, peers, cold));
    turns(jmh);
    parsers(jmh);
    memory(memory);
    tenThousand(tenk);
    scale(scale);
    peers(peers);
    coldStart(cold);
    how();
    return md.toString();
  }

  // ---- sections

  private void machine(List<JsonNode> sections) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    double maxLoad = 0;
    List<String> loads = new ArrayList<>();
    for (JsonNode section : sections) {
      double start = section.path("loadAverageStart").asDouble();
      double end = section.path("loadAverageEnd").asDouble();
      maxLoad = Math.max(maxLoad, Math.max(start, end));
      loads.add(section.path("section").asText() + " " + fmt(start, 1) + " → " + fmt(end, 1));
    }
    line("## Machine");
    line("");
    line("| | |");
    line("| --- | --- |");
    line("| cores (`nproc`) | " + cores + " |");
    line("| CPU | " + cpuModel() + " |");
    line("| memory | " + memTotal() + " |");
    line("| Java (`java -version`) | " + javaVersion().replace("\n", "<br>") + " |");
    line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ") |");
    line("| 1-minute load average, start → end of each section | " + String.join("; ", loads) + " |");
    line("");
    if (maxLoad > 2 * cores) {
      line("**These figures were taken on a loaded machine**: the load average reached " + fmt(maxLoad, 1)
          + " on " + cores + " cores, far above what the benchmarks make themselves (other work was running beside"
          + " them). Absolute times and rates are therefore pessimistic and noisy; the ratios within one table,"
          + " measured minutes apart, are the more telling figures. Rerun `make bench` on an idle machine for clean"
          + " absolute numbers.");
    } else {
      line("The load average stayed at or below " + fmt(maxLoad, 1) + " on " + cores + " cores during the run; the"
          + " benchmarks keep the cores busy themselves, so that is mostly their own load (the machine is shared, so"
          + " other work may still have overlapped; the spreads in the tables show how steady each figure was).");
    }
    line("");
  }

  private void turns(JsonNode jmh) {
    JsonNode bare = benchmark(jmh, "TurnBenchmark.bareUpsertOfTheTurn");
    JsonNode free = benchmark(jmh, "TurnBenchmark.engineTurnFreeModel");
    JsonNode offline = benchmark(jmh, "TurnBenchmark.engineTurnOfflineModel");
    JsonNode http = benchmark(jmh, "TurnBenchmark.engineTurnScriptedModelOverHttp");
    JsonNode machine = optionalBenchmark(jmh, "TurnBenchmark.stateMachineCheckAlone");
    double bareMedian = median(raw(bare));
    line("## Turn overhead (JMH)");
    line("");
    line("One customer message (dev profile 1's opening, in a new conversation) through the engine on a real"
        + " SQLite file (WAL, `synchronous=NORMAL`), against the bare cost of persisting that turn: the store's own"
        + " upsert (`ConversationSql.save`) of the very row the engine stored, in one write transaction of the"
        + " store's own database class. The engine's own overhead is its turn with a model that costs nothing (the"
        + " offline model's reading of that message, computed once, and a fixed reply). The scripted model over"
        + " HTTP runs in the same JVM (mockwebserver3 on loopback), so its own work (JSON, counting tokens) is"
        + " inside that row. Average time per operation; JMH, 1 fork, 5 × 2 s warm-up, 5 × 2 s measurement.");
    line("");
    line("| what | median µs per turn | min–max | × bare persistence |");
    line("| --- | ---: | ---: | ---: |");
    for (JsonNode b : new JsonNode[] {bare, free, machine, offline, http}) {
      if (b == null) {
        continue;
      }
      List<Double> r = raw(b);
      line("| " + label(b) + " | " + fmt(median(r), 0) + " | " + fmt(min(r), 0) + "–" + fmt(max(r), 0) + " | "
          + fmt(median(r) / bareMedian, 2) + " |");
    }
    line("");
    double ratio = median(raw(free)) / bareMedian;
    double offlineRatio = median(raw(offline)) / bareMedian;
    line("Target: engine overhead within 2× the bare persistence cost. Measured: the engine's turn with a free model"
        + " costs " + fmt(ratio, 2) + "× the bare upsert, " + (ratio <= 2 ? "**within the target**"
        : "**outside the target**") + " (besides the upsert it loads the conversation, selects the table row,"
        + " fires the Spring state machine to check it, and takes the conversation's lock). With the built-in"
        + " offline model the turn costs " + fmt(offlineRatio, 1) + "× the bare upsert: reading and wording the"
        + " message with its rules, not the engine, is then most of the turn.");
    line("");
  }

  private void parsers(JsonNode jmh) throws IOException {
    line("## Parsers (JMH)");
    line("");
    line("Throughput from memory: the llm module's SSE reader (`ChatClient`, the code every streamed reply runs"
        + " through) assembling one streamed summary reply (one chunk per word, a usage chunk and `[DONE]`), and the"
        + " runner's `EggAiCodec` decoding one EggAI request envelope with a six-message history. 1 fork, 5 × 2 s"
        + " warm-up, 5 × 2 s measurement.");
    line("");
    line("| parser | bytes per operation | median operations/s | min–max | median MB/s |");
    line("| --- | ---: | ---: | ---: | ---: |");
    int sseBytes;
    int envelopeBytes;
    try {
      sseBytes = ParserBenchmark.sseBody().getBytes(StandardCharsets.UTF_8).length;
      envelopeBytes = ParserBenchmark.envelope().length;
    } catch (Exception e) {
      throw new IOException(e);
    }
    for (String[] b : new String[][] {{"ParserBenchmark.sseStreamedReply", "SSE stream (one reply)"},
        {"ParserBenchmark.eggAiRequestEnvelope", "EggAI request envelope"}}) {
      List<Double> r = raw(benchmark(jmh, b[0]));
      int bytes = b[0].contains("sse") ? sseBytes : envelopeBytes;
      line("| " + b[1] + " | " + bytes + " | " + fmt(median(r), 0) + " | " + fmt(min(r), 0) + "–" + fmt(max(r), 0)
          + " | " + fmt(median(r) * bytes / 1e6, 1) + " |");
    }
    line("");
  }

  private void memory(JsonNode memory) {
    List<Double> idle = doubles(memory.path("idle").path("bytesPerConversation"));
    List<Double> active = doubles(memory.path("active").path("bytesPerConversation"));
    line("## Memory per conversation");
    line("");
    line("Retained heap (used heap after full collections, `MemoryMXBean`), engine with the offline model on"
        + " SQLite, measured outside JMH in a JVM of its own. Idle: " + memory.path("idle").path("conversations")
        + " new conversations each given two messages (opening and details) and then left waiting, per round."
        + " Active: " + memory.path("active").path("conversations") + " conversations whose turn is in progress"
        + " (held inside the model's `interpret`), against the same threads parked before the turn began, per"
        + " round. 3 rounds each.");
    line("");
    line("| conversation | median bytes retained each | min–max |");
    line("| --- | ---: | ---: |");
    line("| idle (waiting for the customer) | " + fmt(median(idle), 0) + " | " + fmt(min(idle), 0) + "–"
        + fmt(max(idle), 0) + " |");
    line("| active (turn in progress) | " + fmt(median(active), 0) + " | " + fmt(min(active), 0) + "–"
        + fmt(max(active), 0) + " |");
    line("");
    double idleMedian = median(idle);
    line(Math.abs(idleMedian) < 128
        ? "Idle conversations cost no heap: their state lives in the store, and the engine keeps a per-conversation"
            + " lock only while a turn runs. The median of " + fmt(idleMedian, 0) + " bytes is within the"
            + " noise of a heap measurement (a few kB over thousands of conversations)."
        : "Idle conversations are **not** free: " + fmt(idleMedian, 0) + " bytes each remain on the heap after"
            + " their turns (state should live only in the store; something per conversation is retained).");
    line("");
  }

  private void tenThousand(JsonNode tenk) {
    line("## 10,000 concurrent conversations in one JVM");
    line("");
    line("10,000 simulated customers (the 40 dev profiles in turn) all open at once, each advanced one message at a"
        + " time by " + tenk.path("workers").asInt() + " worker threads from one queue, so every conversation is"
        + " in progress until its end; engine on one SQLite file, with the offline model's readings memoized (see"
        + " Scale); JVM `-Xmx"
        + tenk.path("maxHeapBytes").asLong() / (1024 * 1024) + "m`.");
    line("");
    line("| | |");
    line("| --- | ---: |");
    line("| turns | " + String.format(Locale.ROOT, "%,d", tenk.path("turns").asLong()) + " in " + fmt(tenk.path("seconds").asDouble(), 1) + " s |");
    line("| turns/s | " + fmt(tenk.path("turnsPerSecond").asDouble(), 0) + " |");
    line("| tickets created | " + String.format(Locale.ROOT, "%,d", tenk.path("tickets").asLong()) + " |");
    line("| retained heap before the run | " + mib(tenk.path("baselineRetainedBytes").asLong()) + " |");
    line("| retained heap with all 10,000 open (after " + String.format(Locale.ROOT, "%,d", tenk.path("turnsDoneAtThatPoint").asLong())
        + " turns) | "
        + mib(tenk.path("retainedBytesWithAllOpen").asLong()) + " |");
    line("| peak heap used (sampled every 100 ms, garbage included) | " + mib(tenk.path("peakUsedBytes").asLong())
        + " |");
    line("");
    long delta = tenk.path("retainedBytesWithAllOpen").asLong() - tenk.path("baselineRetainedBytes").asLong();
    line("The retained heap grows by " + mib(delta) + " with 10,000 conversations open, "
        + fmt(delta / 10_000.0, 0) + " bytes each; that includes the benchmark's own 10,000 simulated customers"
        + " (a cursor and a policy object each) and the turns in flight on the workers.");
    line("");
  }

  private void scale(JsonNode scale) {
    line("## Scale: turns/s by concurrent conversations");
    line("");
    line("N conversations open at once (each replaced by a new one when it ends), served by min(N, 32) worker"
        + " threads, engine on one SQLite file; after one pass over the 40 profiles, 3 s warm-up, then six 1-second"
        + " windows. Two models: the built-in offline model as shipped (its rules read every message on this"
        + " machine's CPU), and the same model with its readings memoized, each distinct message read once"
        + " (`MemoizedModel`), which stands for a model whose work is done elsewhere, so that the engine and the"
        + " store are what is measured.");
    line("");
    line("| concurrent conversations | workers | readings memoized: median turns/s (min–max) | offline model:"
        + " median turns/s (min–max) |");
    line("| ---: | ---: | ---: | ---: |");
    JsonNode memoized = scale.path("memoizedLevels");
    JsonNode offline = scale.path("offlineLevels");
    for (int i = 0; i < memoized.size(); i++) {
      List<Double> m = doubles(memoized.get(i).path("turnsPerSecond"));
      List<Double> o = doubles(offline.path(i).path("turnsPerSecond"));
      line("| " + String.format(Locale.ROOT, "%,d", memoized.get(i).path("conversations").asInt()) + " | "
          + memoized.get(i).path("workers").asInt() + " | " + fmt(median(m), 0) + " (" + fmt(min(m), 0) + "–"
          + fmt(max(m), 0) + ") | " + fmt(median(o), 0) + " (" + fmt(min(o), 0) + "–" + fmt(max(o), 0) + ") |");
    }
    line("");
    line("Every turn commits one SQLite write transaction and the store runs its writes one at a time, so beyond a"
        + " few workers the rate is bounded by the single writer and the two cores, not by the number of"
        + " conversations.");
    line("");
  }

  private void peers(JsonNode peers) {
    line("## The same flow on the peers");
    line("");
    line("All designs in the same run, against the same zero-latency scripted model on loopback (the llm test-jar's"
        + " `ScriptedModelServer` for the engine's requests; for the ReAct loop the same knowledge of the profiles"
        + " and the same reply sentences, answering with the whole history), each on its own SQLite file with the"
        + " store's schema and SQL, driven by the same simulated customer over the 40 dev profiles (opening,"
        + " details or department answer when asked, corrections, yes/no, follow-up). Model calls and tokens are"
        + " counted on the server side for every design in the same way: prompt tokens of each request body"
        + " (messages, tools, schema) and completion tokens of the text or tool calls returned, o200k_base via"
        + " jtokkit. Per ticket = over all 40 conversations (including declines and follow-ups) divided by the"
        + " tickets created. Turns/s: the 40 profiles played again one conversation at a time, "
        + peers.path("designs").path(0).path("turnsPerSecond").size() + " rounds. Heap per conversation: retained"
        + " heap after those " + peers.path("designs").path(0).path("heapConversations").asInt() + " conversations"
        + " minus before, divided by their number.");
    line("");
    line("| design | outcomes as profiled | tickets | turns | model calls | calls per ticket | prompt tokens per"
        + " ticket | completion tokens per ticket | total tokens per ticket | median turns/s (min–max) | heap per"
        + " conversation |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    double reactTokens = 0;
    List<String[]> verdicts = new ArrayList<>();
    for (JsonNode d : peers.path("designs")) {
      double tickets = Math.max(1, d.path("tickets").asLong());
      double total = (d.path("promptTokens").asLong() + d.path("completionTokens").asLong()) / tickets;
      if (d.path("design").asText().equals("react")) {
        reactTokens = total;
      }
      List<Double> r = doubles(d.path("turnsPerSecond"));
      line("| " + d.path("name").asText() + " | " + d.path("outcomesAsProfiled").asInt() + "/"
          + d.path("profiles").asInt() + " | " + d.path("tickets").asLong() + " | " + d.path("turns").asLong() + " | "
          + d.path("calls").asLong() + " | " + fmt(d.path("calls").asLong() / tickets, 2) + " | "
          + fmt(d.path("promptTokens").asLong() / tickets, 0) + " | " + fmt(d.path("completionTokens").asLong() / tickets, 0)
          + " | " + fmt(total, 0) + " | " + fmt(median(r), 0) + " (" + fmt(min(r), 0) + "–" + fmt(max(r), 0) + ") | "
          + bytes(d.path("heapBytesPerConversation").asDouble()) + " |");
      verdicts.add(new String[] {d.path("design").asText(), d.path("name").asText(), String.valueOf(total)});
    }
    line("");
    line("Both scripts are competent and never waste a step, so the ReAct loop here takes the shortest path a model"
        + " could; a real model deciding every step itself may take more calls, which these figures do not show.");
    line("");
    line("Target: at most half the model tokens per ticket of the ReAct loop. Measured:");
    line("");
    for (String[] v : verdicts) {
      if (v[0].startsWith("engine") || v[0].equals("langgraph4j")) {
        double share = Double.parseDouble(v[2]) / reactTokens;
        line("- " + v[1] + ": " + fmt(share * 100, 0) + " % of the ReAct loop's tokens per ticket — "
            + (share <= 0.5 ? "**meets the target**." : "**misses the target**"
            + (share < 1 ? " (fewer tokens than the ReAct loop, but not half)." : " (the ReAct loop spends fewer).")));
      }
    }
    line("");
    JsonNode engine = design(peers, "engine-openai");
    JsonNode react = design(peers, "react");
    JsonNode graph = design(peers, "langgraph4j");
    line("Why, from the same table: the ReAct loop makes " + fmt(perTicket(react, "calls"), 2) + " model calls per"
        + " ticket against the engine's " + fmt(perTicket(engine, "calls"), 2) + " (one call per plain reply and"
        + " two when it uses a tool, where the engine makes two every turn: read the message against a JSON schema,"
        + " then word the reply), but it re-sends its system prompt, its tool schemas and the whole history on every"
        + " call, so its prompt grows with the conversation (" + fmt(react.path("promptTokens").asDouble()
        / Math.max(1, react.path("calls").asLong()), 0) + " prompt tokens per call against the"
        + " engine's " + fmt(engine.path("promptTokens").asDouble() / Math.max(1, engine.path("calls").asLong()), 0)
        + "), and it keeps that history on the heap. The LangGraph4j graph sends the same prompts as the engine"
        + " (same model adapter, same reading and wording requests: " + graph.path("calls").asLong() + " calls here);"
        + " what it adds is its checkpoint saver, which keeps every checkpoint of every conversation in memory."
        + " Turns/s: the engine commits every turn to SQLite (one write transaction, the conversation row), while"
        + " the LangGraph4j graph keeps its state in its in-memory saver and the ReAct loop writes only when a tool"
        + " changes a ticket, so with a model that answers instantly both peers turn faster; they pay for it in heap"
        + " per conversation and in state that is gone when the process stops.");
    line("");
  }

  private static JsonNode design(JsonNode peers, String name) {
    for (JsonNode d : peers.path("designs")) {
      if (d.path("design").asText().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no peer result for " + name);
  }

  private static double perTicket(JsonNode design, String field) {
    return design.path(field).asDouble() / Math.max(1, design.path("tickets").asLong());
  }

  private void coldStart(JsonNode cold) {
    List<Double> r = doubles(cold.path("millis"));
    line("## Cold start of the runner");
    line("");
    line("A whole new process to its first reply: `" + cold.path("command").asText() + "` (a new SQLite file each"
        + " time), timed from process start to the first output line; " + r.size() + " runs after one discarded"
        + " warm-up run.");
    line("");
    line("| median ms to first reply | min–max |");
    line("| ---: | ---: |");
    line("| " + fmt(median(r), 0) + " | " + fmt(min(r), 0) + "–" + fmt(max(r), 0) + " |");
    line("");
  }

  private void how() throws IOException {
    line("## How to reproduce");
    line("");
    String took = "";
    Path started = dir.resolve("started-at");
    if (Files.exists(started)) {
      // Until the last measurement was written, so that regenerating the file later does not change it.
      long seconds = Files.getLastModifiedTime(dir.resolve("coldstart.json")).toMillis() / 1000
          - Long.parseLong(Files.readString(started).strip());
      took = " This run took " + seconds / 60 + " min " + seconds % 60 + " s from the start of the build to the"
          + " last measurement.";
    }
    line("`make bench` builds the `escalation-benchmarks` module (never deployed, not part of the runner jar, not"
        + " run by `make test`), runs the JMH benchmarks with `-rf json`, then each `Measurements` section in a JVM"
        + " of its own, and writes this file with `BenchmarkReport`." + took + " The raw results are left in"
        + " `escalation-benchmarks/target/bench/`.");
    line("");
  }

  // ---- data

  private JsonNode read(String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      throw new IOException("missing " + file + ": run every step of make bench first");
    }
    return JSON.readTree(file.toFile());
  }

  private static JsonNode optionalBenchmark(JsonNode jmh, String name) {
    try {
      return benchmark(jmh, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode benchmark(JsonNode jmh, String name) {
    for (JsonNode b : jmh) {
      if (b.path("benchmark").asText().equals(BENCH + name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("no JMH result for " + name);
  }

  private static String label(JsonNode b) {
    String name = b.path("benchmark").asText();
    if (name.endsWith("bareUpsertOfTheTurn")) {
      return "bare persistence of the turn (store's upsert, one transaction)";
    }
    if (name.endsWith("engineTurnFreeModel")) {
      return "engine turn, model that costs nothing (the engine's overhead)";
    }
    if (name.endsWith("stateMachineCheckAlone")) {
      return "part of the engine's overhead alone: the row checked against the Spring state machine";
    }
    if (name.endsWith("engineTurnOfflineModel")) {
      return "engine turn, offline model";
    }
    return "engine turn, scripted model over HTTP (2 calls, streamed reply)";
  }

  private static List<Double> raw(JsonNode b) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
      fork.forEach(v -> values.add(v.asDouble()));
    }
    return values;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String mib(long bytes) {
    return fmt(bytes / (1024.0 * 1024.0), 1) + " MiB";
  }

  private static String bytes(double value) {
    return Math.abs(value) >= 10_240 ? fmt(value / 1024, 1) + " KiB" : fmt(value, 0) + " B";
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), l -> l.startsWith("model name") ? l.substring(l.indexOf(':') + 1).strip()
        : null, System.getProperty("os.arch"));
  }

  private static String memTotal() {
    return firstLine(Path.of("/proc/meminfo"), l -> l.startsWith("MemTotal:")
        ? fmt(Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024.0), 1) + " GiB" : null, "unknown");
  }

  private static String firstLine(Path file, Function<String, String> pick, String otherwise) {
    try {
      for (String l : Files.readAllLines(file)) {
        String value = pick.apply(l);
        if (value != null) {
          return value;
        }
      }
    } catch (IOException | RuntimeException e) {
      return otherwise;
    }
    return otherwise;
  }

  // The same java that runs the benchmarks, asked the way a reader would ask it.
  private static String javaVersion() {
    try {
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-version").redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          lines.add(l);
        }
      }
      process.waitFor();
      return String.join("\n", lines);
    } catch (IOException e) {
      return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return System.getProperty("java.runtime.version");
    }
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
