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
                ? java.time.Instant.ofEpochSecond(
                                Long.parseLong(Files.readString(started).strip()))
                        .atZone(ZoneOffset.UTC)
                : ZonedDateTime.now(ZoneOffset.UTC);
        line(
                "Measured by `" + command + "` on " + when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                        + "; this file is written by the generator"
                        + " (`escalation-benchmarks`, `BenchmarkReport`) from that run's results, never by hand. All figures of"
                        + " one run are taken on the same machine, one section after another; ratios compare figures of the same"
                        + " run. \"Median (min–max)\" is over the measurement iterations, windows or rounds named in each table.");
        line("");
        machine(List.of(memory, scale, tenk, peers, cold));
        turns(jmh);
        parsers(jmh);
        memory(memory);
        tenThousand(tenk);
        impact();
        scale(scale);
        peers(peers);
        peerThroughput(jmh);
        coldStart(cold);
        findings();
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
        // The scale section runs up to 32 worker threads and the JMH forks their own compiler and GC threads, so
        // the benchmarks alone push the 1-minute load to about twice the cores; only more than that says other work.
        if (maxLoad > 3 * cores) {
            line("**These figures were taken on a loaded machine**: the load average reached " + fmt(maxLoad, 1)
                    + " on " + cores
                    + " cores, far above what the benchmarks make themselves (other work was running beside"
                    + " them). Absolute times and rates are therefore pessimistic and noisy; the ratios within one table,"
                    + " measured minutes apart, are the more telling figures. Rerun `make bench` on an idle machine for clean"
                    + " absolute numbers.");
        } else {
            line(
                    "The load average stayed at or below " + fmt(maxLoad, 1) + " on " + cores
                            + " cores during the run; the"
                            + " benchmarks keep the cores busy themselves, so that is mostly their own load (the machine is shared, so"
                            + " other work may still have overlapped; the spreads in the tables show how steady each figure was).");
        }
        line("");
    }

    private void turns(JsonNode jmh) {
        JsonNode bare = benchmark(jmh, "TurnBenchmark.bareUpsertOfTheTurn");
        JsonNode free = benchmark(jmh, "TurnBenchmark.engineTurnFreeModel");
        JsonNode bareUnderWay = optionalBenchmark(jmh, "TurnBenchmark.bareCommitUnderWay");
        JsonNode freeUnderWay = optionalBenchmark(jmh, "TurnBenchmark.engineTurnFreeModelUnderWay");
        JsonNode offline = benchmark(jmh, "TurnBenchmark.engineTurnOfflineModel");
        JsonNode http = benchmark(jmh, "TurnBenchmark.engineTurnScriptedModelOverHttp");
        JsonNode machine = optionalBenchmark(jmh, "TurnBenchmark.stateMachineCheckAlone");
        JsonNode started = optionalBenchmark(jmh, "TurnBenchmark.stateMachineCheckStartedMachine");
        double bareMedian = median(raw(bare));
        double bareUnderWayMedian = bareUnderWay == null ? bareMedian : median(raw(bareUnderWay));
        line("## Turn overhead (JMH)");
        line("");
        line("One customer message through the engine on a real SQLite file (WAL, `synchronous=NORMAL`), against the"
                + " bare cost of persisting that turn: the very rows the engine's turn stores (the conversation row and the"
                + " turn's transcript row, with its reading and its reply), written directly with the store's own SQL"
                + " (`ConversationSql.save`, `TurnSql.insert`) in one write transaction of the store's own database class."
                + " Two turns: a new conversation's first message (dev profile 1's opening: the conversation row is"
                + " INSERTed) and a message of a conversation under way, as most turns are (the row is loaded and UPDATEd"
                + " under its version; the message gives no details, so the conversation asks again and every operation"
                + " is one more turn of it). The engine's own overhead is its turn with a model that costs nothing (the"
                + " offline model's reading of that message, computed once, and a fixed reply). The scripted model over"
                + " HTTP runs in the same JVM (mockwebserver3 on loopback), so its own work (JSON, counting tokens) is"
                + " inside that row. Average time per operation; JMH, 1 fork, 8 × 2 s warm-up (the engine's turn"
                + " runs through far more code than the bare commit, and 5 × 2 s left it still being compiled in the"
                + " measured iterations), 5 × 2 s measurement.");
        line("");
        line("| what | median µs per turn | min–max | × bare persistence of the same turn |");
        line("| --- | ---: | ---: | ---: |");
        for (JsonNode b : new JsonNode[] {bare, free, bareUnderWay, freeUnderWay, machine, started, offline, http}) {
            if (b == null) {
                continue;
            }
            List<Double> r = raw(b);
            double base = b.path("benchmark").asText().contains("UnderWay") ? bareUnderWayMedian : bareMedian;
            line("| " + label(b) + " | " + fmt(median(r), 0) + " | " + fmt(min(r), 0) + "–" + fmt(max(r), 0) + " | "
                    + fmt(median(r) / base, 2) + " |");
        }
        line("");
        double ratio = median(raw(free)) / bareMedian;
        double underWayRatio = freeUnderWay == null ? Double.NaN : median(raw(freeUnderWay)) / bareUnderWayMedian;
        double offlineRatio = median(raw(offline)) / bareMedian;
        line(
                "Target: engine overhead within 2× the bare persistence cost. Measured: the engine's turn with a free model"
                        + " costs " + fmt(ratio, 2) + "× the bare commit of a new conversation's first turn, "
                        + (ratio <= 2 ? "**within the target**" : "**outside the target**")
                        + (freeUnderWay == null
                                ? ""
                                : ", and " + fmt(underWayRatio, 2)
                                        + "× the bare commit of a turn of a conversation under way, "
                                        + (underWayRatio <= 2 ? "**within the target**" : "**outside the target**"))
                        + " (besides the commit it loads the conversation, selects the table row, checks it on the Spring"
                        + " state machine, and takes the conversation's lock; a reply worded without a network call is stored"
                        + " in the turn's own transaction). With the built-in offline model the turn costs "
                        + fmt(offlineRatio, 1)
                        + "× the bare commit: reading and wording the message with its rules, not the engine, is then most of"
                        + " the turn. The engine keeps its Spring state machines started between turns, by the state they are"
                        + " in, so only a turn in a state no started machine is in, as a new conversation's first, pays for a"
                        + " reset, done in place on a running machine without stopping and starting it.");
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
        for (String[] b : new String[][] {
            {"ParserBenchmark.sseStreamedReply", "SSE stream (one reply)"},
            {"ParserBenchmark.eggAiRequestEnvelope", "EggAI request envelope"}
        }) {
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
                + " SQLite, measured outside JMH in a JVM of its own. Idle: "
                + memory.path("idle").path("conversations")
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
        line(
                Math.abs(idleMedian) < 128
                        ? "Idle conversations cost no heap: their state lives in the store, and the engine keeps a per-conversation"
                                + " lock only while a turn runs. The median of " + fmt(idleMedian, 0)
                                + " bytes is within the"
                                + " noise of a heap measurement (a few kB over thousands of conversations)."
                        : "Idle conversations are **not** free: " + fmt(idleMedian, 0)
                                + " bytes each remain on the heap after"
                                + " their turns (state should live only in the store; something per conversation is retained).");
        line("");
    }

    private void tenThousand(JsonNode tenk) {
        line("## 10,000 concurrent conversations in one JVM");
        line("");
        line("10,000 simulated customers (the 40 dev profiles in turn) all open at once, each advanced one message at a"
                + " time by " + tenk.path("workers").asInt()
                + " worker threads from one queue, so every conversation is"
                + " in progress until its end; engine on one SQLite file, with the offline model's readings memoized (see"
                + " Scale); JVM `-Xmx"
                + tenk.path("maxHeapBytes").asLong() / (1024 * 1024) + "m`.");
        line("");
        line("| | |");
        line("| --- | ---: |");
        line("| turns | " + String.format(Locale.ROOT, "%,d", tenk.path("turns").asLong()) + " in "
                + fmt(tenk.path("seconds").asDouble(), 1) + " s |");
        line("| turns/s | " + fmt(tenk.path("turnsPerSecond").asDouble(), 0) + " |");
        line("| tickets created | "
                + String.format(Locale.ROOT, "%,d", tenk.path("tickets").asLong()) + " |");
        line("| retained heap before the run | "
                + mib(tenk.path("baselineRetainedBytes").asLong()) + " |");
        line("| retained heap with all 10,000 open (after "
                + String.format(
                        Locale.ROOT, "%,d", tenk.path("turnsDoneAtThatPoint").asLong())
                + " turns) | "
                + mib(tenk.path("retainedBytesWithAllOpen").asLong()) + " |");
        line("| peak heap used (sampled every 100 ms, garbage included) | "
                + mib(tenk.path("peakUsedBytes").asLong()) + " |");
        line("");
        long delta = tenk.path("retainedBytesWithAllOpen").asLong()
                - tenk.path("baselineRetainedBytes").asLong();
        line("The retained heap grows by " + mib(delta) + " with 10,000 conversations open, "
                + fmt(delta / 10_000.0, 0) + " bytes each; that includes the benchmark's own 10,000 simulated customers"
                + " (a cursor and a policy object each) and the turns in flight on the workers.");
        line("");
    }

    // Written by ImpactMeasurement; a results directory from before it existed has none.
    private void impact() throws IOException {
        if (!Files.exists(dir.resolve("impact.json"))) {
            return;
        }
        JsonNode impact = read("impact.json");
        line("## Flow impact over 10,000 stored conversations");
        line("");
        line(String.format(Locale.ROOT, "%,d", impact.path("conversations").asLong()) + " conversations ("
                + String.format(Locale.ROOT, "%,d", impact.path("turns").asLong())
                + " turns; the 40 dev profiles in turn)"
                + " stored through the engine in one SQLite file, then replayed by `impact` from their recorded readings:"
                + " the file opened read-only, each conversation replayed in memory under the standard flow and under the"
                + " candidate, and compared (the Markdown report is built too). Median of three rounds; JVM `-Xmx"
                + impact.path("maxHeapBytes").asLong() / (1024 * 1024) + "m`.");
        line("");
        line("| candidate | median | conversations/s | changed |");
        line("| --- | ---: | ---: | ---: |");
        for (String[] candidate : new String[][] {
            {"unchanged", "the standard flow itself"}, {"renamedDepartment", "Billing renamed Accounts"}
        }) {
            JsonNode run = impact.path(candidate[0]);
            line("| " + candidate[1] + " | " + fmt(run.path("medianSeconds").asDouble(), 1) + " s | "
                    + fmt(run.path("conversationsPerSecond").asDouble(), 0) + " | "
                    + String.format(Locale.ROOT, "%,d", run.path("changed").asLong()) + " |");
        }
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
            line("| "
                    + String.format(
                            Locale.ROOT,
                            "%,d",
                            memoized.get(i).path("conversations").asInt()) + " | "
                    + memoized.get(i).path("workers").asInt() + " | " + fmt(median(m), 0) + " (" + fmt(min(m), 0) + "–"
                    + fmt(max(m), 0) + ") | " + fmt(median(o), 0) + " (" + fmt(min(o), 0) + "–" + fmt(max(o), 0)
                    + ") |");
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
                + " tickets created. Heap per conversation: the 40 profiles played again "
                + peers.path("designs").path(0).path("turnsPerSecond").size() + " times, retained heap after those "
                + peers.path("designs").path(0).path("heapConversations").asInt()
                + " conversations minus before, divided by"
                + " their number. Turns/s are measured apart, each design in a JVM of its own (next section).");
        line("");
        line("| design | outcomes as profiled | tickets | turns | model calls | calls per ticket | prompt tokens per"
                + " ticket | completion tokens per ticket | total tokens per ticket | heap per conversation |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double reactTokens = 0;
        List<String[]> verdicts = new ArrayList<>();
        for (JsonNode d : peers.path("designs")) {
            double tickets = Math.max(1, d.path("tickets").asLong());
            double total = (d.path("promptTokens").asLong()
                            + d.path("completionTokens").asLong())
                    / tickets;
            if (d.path("design").asText().equals("react")) {
                reactTokens = total;
            }
            line("| " + d.path("name").asText() + " | "
                    + d.path("outcomesAsProfiled").asInt() + "/"
                    + d.path("profiles").asInt() + " | " + d.path("tickets").asLong() + " | "
                    + d.path("turns").asLong() + " | "
                    + d.path("calls").asLong() + " | " + fmt(d.path("calls").asLong() / tickets, 2) + " | "
                    + fmt(d.path("promptTokens").asLong() / tickets, 0) + " | "
                    + fmt(d.path("completionTokens").asLong() / tickets, 0)
                    + " | " + fmt(total, 0) + " | "
                    + bytes(d.path("heapBytesPerConversation").asDouble()) + " |");
            verdicts.add(new String[] {d.path("design").asText(), d.path("name").asText(), String.valueOf(total)});
        }
        line("");
        line(
                "Both scripts are competent and never waste a step, so the ReAct loop here takes the shortest path a model"
                        + " could; a real model deciding every step itself may take more calls, which these figures do not show.");
        line("");
        line("Target: at most half the model tokens per ticket of the ReAct loop. Measured:");
        line("");
        for (String[] v : verdicts) {
            if (v[0].startsWith("engine") || v[0].equals("langgraph4j")) {
                double share = Double.parseDouble(v[2]) / reactTokens;
                line("- " + v[1] + ": " + fmt(share * 100, 0) + " % of the ReAct loop's tokens per ticket — "
                        + (share <= 0.5
                                ? "**meets the target**."
                                : "**misses the target**"
                                        + (share < 1
                                                ? " (fewer tokens than the ReAct loop, but not half)."
                                                : " (the ReAct loop spends fewer).")));
            }
        }
        line("");
        JsonNode engine = design(peers, "engine-openai");
        JsonNode react = design(peers, "react");
        JsonNode graph = design(peers, "langgraph4j");
        long plain = engine.path("turns").asLong() - engine.path("calls").asLong();
        line("Why, from the same table: the ReAct loop makes " + fmt(perTicket(react, "calls"), 2)
                + " model calls per ticket against the engine's " + fmt(perTicket(engine, "calls"), 2)
                + ". The ReAct loop makes one call per plain reply and two when it uses a tool; the engine makes at most"
                + " one per turn, whose answer reads the message against the state's JSON schema and words the reply,"
                + " and none for a plain answer (" + plain + " of its "
                + engine.path("turns").asLong()
                + " turns here): a bare yes or no to the summary, or a bare status question naming one ticket id, read"
                + " by a closed vocabulary (any other word goes to the model) and answered in the built-in wording,"
                + " since the reply says only what the flow and the store know. The ReAct loop also re-sends its system"
                + " prompt, its tool schemas and the whole history on every call, so its prompt grows with the"
                + " conversation (" + fmt(perCall(react, "promptTokens"), 0) + " prompt tokens per call against the"
                + " engine's " + fmt(perCall(engine, "promptTokens"), 0) + "), and it keeps that history on the heap."
                + " The LangGraph4j graph calls the model through the same adapter, but its nodes read the message and"
                + " word the reply in two requests per turn ("
                + graph.path("calls").asLong() + " calls here), so it"
                + " re-sends the stable part of the prompt twice; and its checkpoint saver keeps every checkpoint of"
                + " every conversation in memory.");
        line("");
        JsonNode every = null;
        for (JsonNode d : peers.path("designs")) {
            every = d.path("design").asText().equals("engine-everyturn") ? d : every;
        }
        if (every != null) {
            line("With every message sent to the model (`ESCALATION_LLM_PLAIN_ANSWERS=false`, the engine's third row)"
                    + " the engine makes one call per turn and spends " + fmt(perCall(every, "promptTokens"), 0)
                    + " prompt and " + fmt(perCall(every, "completionTokens"), 0)
                    + " completion tokens per call. What limits it: each call carries the state's strict JSON schema"
                    + " (every property listed, typed and required: 200 to 230 tokens) and, in the states that read a"
                    + " problem, the flow's own department descriptions and priority rubric (about 160 tokens), which"
                    + " no shorter wording can drop without dropping what the model reads by; servers' prefix caches"
                    + " hold both, since they come first and are the same in every conversation (cached here: "
                    + fmt(
                            100.0
                                    * every.path("cachedPromptTokens").asDouble()
                                    / Math.max(1, every.path("promptTokens").asLong()),
                            0)
                    + " % of its prompt tokens).");
            line("");
        }
    }

    private static double perCall(JsonNode design, String field) {
        return design.path(field).asDouble() / Math.max(1, design.path("calls").asLong());
    }

    private void peerThroughput(JsonNode jmh) {
        line("## Turns/s of the peers, each in a JVM of its own");
        line("");
        line("Like against like: our engine on its in-memory store against the LangGraph4j graph on LangGraph4j's"
                + " in-memory `MemorySaver`, and our engine on SQLite (WAL, `synchronous=NORMAL`: every turn committed,"
                + " nothing fsynced per commit) against the graph on LangGraph4j's durable `FileSystemSaver` (every"
                + " checkpoint written to a file, no fsync either: LangGraph4j 1.8.17's core offers no JDBC or SQLite"
                + " saver, its PostgreSQL and MySQL savers are separate modules); the ReAct loop keeps its history in"
                + " the heap and writes tickets to SQLite. One operation is one customer message: the simulated customer"
                + " plays the 40 dev profiles in turn, one conversation at a time, against the zero-latency scripted model"
                + " on loopback (OpenAI wire format, the same for every design). The server's answers are replayed once"
                + " seen (`AnswerCache`, filled by one untimed pass over the 40 profiles), so its token counting is not in"
                + " the timed rounds (requests that carry a new ticket id still reach it). JMH throughput, each design in"
                + " a fork of its own, 10 × 1 s warm-up, then 10 × 1 s measured; steady means the median of the first five"
                + " measured rounds is within 10 % of the last five's (the drift column).");
        line("");
        line("| design | median turns/s | min–max | drift, first five → last five | steady |");
        line("| --- | ---: | ---: | ---: | --- |");
        java.util.Map<String, Double> medians = new java.util.LinkedHashMap<>();
        for (JsonNode b : jmh) {
            if (!b.path("benchmark").asText().equals(BENCH + "PeerThroughputBenchmark.turn")) {
                continue;
            }
            String design = b.path("params").path("design").asText();
            List<Double> r = raw(b);
            int half = r.size() / 2;
            double first = median(r.subList(0, half));
            double last = median(r.subList(half, r.size()));
            double drift = (last - first) / first;
            medians.put(design, median(r));
            line("| " + peerLabel(design) + " | " + fmt(median(r), 0) + " | " + fmt(min(r), 0) + "–" + fmt(max(r), 0)
                    + " | " + (drift >= 0 ? "+" : "") + fmt(drift * 100, 1) + " % | "
                    + (Math.abs(drift) <= 0.10 ? "yes" : "no")
                    + " |");
        }
        line("");
        if (medians.containsKey("engine-sqlite") && medians.containsKey("langgraph4j-file")) {
            double durable = medians.get("engine-sqlite") / medians.get("langgraph4j-file");
            double memory = medians.get("engine-memory") / medians.get("langgraph4j-memory");
            line("Target: at least 2× LangGraph4j's turns/s at equal durability. Measured: the engine on SQLite makes "
                    + fmt(durable, 2) + "× the turns/s of the graph on its file saver, "
                    + (durable >= 2 ? "**within the target**" : "**outside the target**") + "; in memory, "
                    + fmt(memory, 2) + "× the graph on its memory saver. Both call the model through the same adapter,"
                    + " but the graph's nodes make two calls per turn (read the message, then word the reply) where the engine"
                    + " makes one, or none for a plain answer (a bare yes to the summary, a bare status question), so part of"
                    + " the difference is those round trips to the loopback server; the rest is the"
                    + " flow's own cost and the saving of state: the file saver rewrites the conversation's whole checkpoint list"
                    + " (one checkpoint per node run, serialized with Java serialization) on every node, and reads it back"
                    + " on every turn.");
            line("");
        }
    }

    private static String peerLabel(String design) {
        return switch (design) {
            case "engine-memory" -> "engine, in-memory store";
            case "langgraph4j-memory" -> "LangGraph4j graph, `MemorySaver`";
            case "engine-sqlite" -> "engine, SQLite store";
            case "langgraph4j-file" -> "LangGraph4j graph, `FileSystemSaver`";
            case "react" -> "ReAct loop (history in the heap)";
            default -> design;
        };
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
        return design.path(field).asDouble()
                / Math.max(1, design.path("tickets").asLong());
    }

    private void coldStart(JsonNode cold) {
        List<Double> plain = doubles(cold.path("plainMillis"));
        List<Double> tuned = doubles(cold.path("tunedMillis"));
        List<Double> plainCpu = doubles(cold.path("plainCpuMillis"));
        List<Double> tunedCpu = doubles(cold.path("tunedCpuMillis"));
        line("## Cold start of chat");
        line("");
        line("A whole new `chat` process to its first reply, as a person at a terminal sees it, with the offline model"
                + " and a new SQLite file each time: launched with one message piped in (\""
                + cold.path("message").asText()
                + "\"), timed from process start to the line that starts the reply (the second `Agent:` line, after the"
                + " greeting). Two launches take turns, so both see the same load: plain `java -jar` (`"
                + cold.path("plainCommand").asText() + "`), and the launch `make start-escalation` makes (`"
                + cold.path("tunedCommand").asText()
                + "`): the class-data archive written by a training run when the jar is"
                + " built (AppCDS, `-XX:ArchiveClassesAtExit`), and the C1 compiler alone. " + plain.size()
                + " runs each after"
                + " one discarded pair; CPU is the time the process had used by then (user + system), which a loaded machine"
                + " disturbs far less than the wall clock."
                + (cold.path("archivePresent").asBoolean()
                        ? ""
                        : " **The archive was missing in this run**, so the second launch ran without it."));
        line("");
        line("| launch | median ms to first reply | min–max | median CPU ms by then |");
        line("| --- | ---: | ---: | ---: |");
        line("| `java -jar` | " + fmt(median(plain), 0) + " | " + fmt(min(plain), 0) + "–" + fmt(max(plain), 0) + " | "
                + fmt(median(plainCpu), 0) + " |");
        line("| `make start-escalation` (archive, C1) | " + fmt(median(tuned), 0) + " | " + fmt(min(tuned), 0) + "–"
                + fmt(max(tuned), 0) + " | " + fmt(median(tunedCpu), 0) + " |");
        line("");
        double target = 1500;
        line("Target: the first reply within " + fmt(target, 0) + " ms of launch. Measured: " + fmt(median(tuned), 0)
                + " ms with the archive, "
                + (median(tuned) <= target ? "**within the target**" : "**outside the target**")
                + " (" + fmt(median(plain), 0)
                + " ms plainly launched). What the rest is: about 7,500 classes are loaded"
                + " before the first reply (Jackson, Jdbi, Logback, Flyway, Reactor, Spring Statemachine,"
                + " Prometheus); the archive maps them instead of loading and verifying each, and C1 alone keeps the JIT"
                + " from competing for the two cores with the start-up itself.");
        line("");
    }

    // What a profile showed when the engine was made faster: dated, since it explains the code as it became.
    private void findings() {
        line("## How the engine was made faster (profile of 2026-12-04)");
        line("");
        line("Profiled with JFR (`-XX:StartFlightRecording=settings=profile`, `jfr print --events jdk.ExecutionSample`)"
                + " on this 2-core machine while other builds ran beside it (1-minute load average 18 to 36), so the"
                + " absolute times below are pessimistic; the proportions are what guided the changes.");
        line("");
        line("1. **Spring Statemachine's stop, reset and start on every turn.** A pooled machine was put into the"
                + " conversation's state before each event. The engine now keeps its machines started between turns, by"
                + " the state they are in: a machine's answer depends only on its current state and on the slots put into"
                + " its extended state for the event (the flow has no history states, timers or deferred events), so a"
                + " started machine in state S serves any conversation stored in S as a reset one would. No machine holds"
                + " a conversation between turns; each event is given the state read from the store, so a conversation"
                + " moved by another instance or by a retry is never decided from a stale state. Only a state no started"
                + " machine is in costs a reset.");
        line("2. **A regex compiled under a shared lock on every notification.** With the reset gone, most samples of"
                + " an event were in `StateMachineHandlerCallHelper.getCacheEntries` (`String.replaceFirst`, in a"
                + " `synchronized` method): the builder names every machine `stateMachine`, and a named machine looks up"
                + " `@WithStateMachine` handlers on every transition, state change and extended-state change. These machines"
                + " are no Spring beans, so they go unnamed: an event on a started machine went from about 100 µs to about"
                + " 12 µs on the loaded machine.");
        line("3. **Next in the profile**: Reactor's event pipeline (`sendEventCollect`, `FluxFlatMap`) and a"
                + " `MessageHeaders` with a random id per event, then the SQLite commit and the model adapter's JSON.");
        line("4. **The harness.** The peers ran one after another in one JVM, the first paying the JIT for code they"
                + " share, and the scripted server counted tokens with jtokkit inside the timed rounds. Each design now runs"
                + " in a JMH fork of its own after a warm-up, and the server's answers are replayed once seen.");
        line("5. **Cold start**: about 7,500 classes are loaded before chat's first reply (Jackson 2 and 3 about 1,200,"
                + " Jdbi 530, Logback 510, Flyway 390, Reactor 390, Spring Statemachine 300, Prometheus 220). A class-data"
                + " archive made at build time and C1 alone cut the CPU time to the first reply by about two thirds.");
        line("6. **One write transaction per turn.** A turn used to be committed, then its reply recorded in a second"
                + " transaction once worded. With a model that words its reply at once, from local work"
                + " (`LanguageModel.repliesAtOnce()`: the offline model), the engine now words the reply before it stores"
                + " the turn, commits the conversation, the transcript entry and the processed message with the reply in"
                + " one transaction, and shows the reply after that commit, so nothing shown is uncommitted and a"
                + " redelivery finds the reply. A reply streamed from a server is still shown as it comes, after the"
                + " commit, and recorded after it; so is a reply that names a ticket the commit made or changed. The"
                + " bare commit the overhead is compared with is the same rows in one transaction.");
        line("7. **Where chat's first reply goes** (`-Xlog:class+load` timeline of a plain `java -jar` launch, C1,"
                + " loaded machine, 6,900 classes in 7.1 s): Logback's XML configuration (Joran, SAX) from 0.5 to 1.9 s;"
                + " the flow YAML and the offline model's artifact through Jackson from 2.3 to 4.5 s; the Prometheus"
                + " registry and its HTTP server with JMX from 4.5 to 4.9 s; Flyway from 4.9 to 5.8 s; Jdbi, Spring"
                + " Statemachine and Reactor from 5.8 to 7.0 s. The next cuts are there: logging configured in code"
                + " instead of XML, no metrics server and no Flyway run when chat's schema is current, and the offline"
                + " model's artifact read without data binding.");
        line("");
    }

    private void how() throws IOException {
        line("## How to reproduce");
        line("");
        String took = "";
        Path started = dir.resolve("started-at");
        if (Files.exists(started)) {
            // Until the last measurement was written, so that regenerating the file later does not change it.
            long seconds =
                    Files.getLastModifiedTime(dir.resolve("coldstart.json")).toMillis() / 1000
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
            return "new conversation: bare commit of the turn's rows (conversation INSERT, transcript row; one"
                    + " transaction)";
        }
        if (name.endsWith("engineTurnFreeModel")) {
            return "new conversation: engine turn, model that costs nothing (the engine's overhead)";
        }
        if (name.endsWith("bareCommitUnderWay")) {
            return "conversation under way: bare commit of the turn's rows (conversation UPDATE, transcript row; one"
                    + " transaction)";
        }
        if (name.endsWith("engineTurnFreeModelUnderWay")) {
            return "conversation under way: engine turn, model that costs nothing (the engine's overhead)";
        }
        if (name.endsWith("stateMachineCheckAlone")) {
            return "part of the engine's overhead alone: the row checked against the Spring state machine, reset first"
                    + " (no started machine in the state, as for a new conversation)";
        }
        if (name.endsWith("stateMachineCheckStartedMachine")) {
            return "the same check on a machine already started in the state (most turns of a conversation)";
        }
        if (name.endsWith("engineTurnOfflineModel")) {
            return "new conversation: engine turn, offline model";
        }
        return "new conversation: engine turn, scripted model over HTTP (one call, streamed reply)";
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
        return firstLine(
                Path.of("/proc/cpuinfo"),
                l -> l.startsWith("model name")
                        ? l.substring(l.indexOf(':') + 1).strip()
                        : null,
                System.getProperty("os.arch"));
    }

    private static String memTotal() {
        return firstLine(
                Path.of("/proc/meminfo"),
                l -> l.startsWith("MemTotal:")
                        ? fmt(Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024.0), 1) + " GiB"
                        : null,
                "unknown");
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
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-version")
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
