package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.FlowAction;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelUsage;
import dev.escalation.core.State;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.core.simulation.SimulatedCustomer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 40 dev profiles through the real engine, this adapter and an in-memory store, with a scripted
 * OpenAI-compatible server ({@link ScriptedModelServer}) in the loop; also measures model calls and
 * tokens per created ticket and writes them to {@code target/llm-cost.md}.
 */
class DevProfilesOverHttpTest {

    private static final List<Profile> PROFILES = Profiles.dev();
    private static final Map<Endpoint, Run> RUNS = new EnumMap<>(Endpoint.class);

    /** The two kinds of endpoint the adapter is configured for. */
    enum Endpoint {
        /** LM Studio with Gemma 3 (the default): no native tools, status and updates through the JSON intent. */
        LM_STUDIO("lm_studio/gemma-3-12b-it, JSON intent only"),
        /** OpenAI: the two ticket tools are offered natively on every extraction. */
        OPENAI("openai/gpt-4o-mini, native tools configured (not offered on the one-call turn)");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }

        LanguageModelConfig.Builder config(MockWebServer server) {
            return this == LM_STUDIO ? Replay.lmStudio(server) : Replay.openAi(server);
        }
    }

    /** What the engine reported, per conversation, through its listener port. */
    private static final class Meter implements EscalationListener {
        final Map<String, List<TurnResult>> turns = new ConcurrentHashMap<>();
        final Map<String, List<ModelCall>> calls = new ConcurrentHashMap<>();
        final List<String> fallbacks = new CopyOnWriteArrayList<>();

        @Override
        public void modelCalled(String conversationId, ModelCall call) {
            calls.computeIfAbsent(conversationId, id -> new CopyOnWriteArrayList<>())
                    .add(call);
        }

        @Override
        public void fellBack(String conversationId, String reason) {
            fallbacks.add(conversationId + ": " + reason);
        }

        @Override
        public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
            turns.computeIfAbsent(message.conversationId(), id -> new CopyOnWriteArrayList<>())
                    .add(result);
        }
    }

    /** One played profile: the transcript, the engine's turn results, and the store after it. */
    private record Played(
            Profile profile,
            SimulatedCustomer.Transcript transcript,
            List<TurnResult> turns,
            List<ModelCall> calls,
            InMemoryStore store) {

        Played {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(transcript, "transcript");
            turns = List.copyOf(turns);
            calls = List.copyOf(calls);
            Objects.requireNonNull(store, "store");
        }

        /** The usage of the turns up to and including the one that created the ticket (no follow-up). */
        ModelUsage ticketUsage() {
            ModelUsage sum = ModelUsage.NONE;
            for (TurnResult turn : turns) {
                sum = new ModelUsage(
                        sum.calls() + turn.usage().calls(),
                        sum.inputTokens() + turn.usage().inputTokens(),
                        sum.outputTokens() + turn.usage().outputTokens());
                if (turn.state() == State.TICKET_CREATED) {
                    break;
                }
            }
            return sum;
        }

        int turnsToTicket() {
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).state() == State.TICKET_CREATED) {
                    return i + 1;
                }
            }
            return turns.size();
        }

        ModelUsage totalUsage() {
            long calls = 0;
            long in = 0;
            long out = 0;
            for (TurnResult turn : turns) {
                calls += turn.usage().calls();
                in += turn.usage().inputTokens();
                out += turn.usage().outputTokens();
            }
            return new ModelUsage((int) calls, in, out);
        }
    }

    /** All 40 profiles played against one endpoint kind. */
    private record Run(
            Endpoint endpoint,
            List<Played> played,
            List<String> fallbacks,
            List<String> unrecognised,
            int extractions,
            int replies,
            int turns) {

        Run {
            Objects.requireNonNull(endpoint, "endpoint");
            played = List.copyOf(played);
            fallbacks = List.copyOf(fallbacks);
            unrecognised = List.copyOf(unrecognised);
        }
    }

    /** Plays every profile once per endpoint kind; later tests reuse the run. */
    private static synchronized Run run(Endpoint endpoint) {
        return RUNS.computeIfAbsent(endpoint, DevProfilesOverHttpTest::play);
    }

    private static Run play(Endpoint endpoint) {
        ScriptedModelServer script = new ScriptedModelServer(PROFILES);
        MockWebServer server;
        try {
            server = script.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Meter meter = new Meter();
        List<Played> played = new ArrayList<>();
        // Fixed ticket ids, so the measured token counts are the same on every run.
        Random ids = new Random(42);
        try (server;
                OpenAiCompatibleModel model = new OpenAiCompatibleModel(
                        endpoint.config(server).timeout(Duration.ofSeconds(30)).build())) {
            for (Profile profile : PROFILES) {
                InMemoryStore store = new InMemoryStore();
                EscalationEngine engine = EscalationEngine.builder()
                        .languageModel(model)
                        .conversationStore(store)
                        .ticketStore(store)
                        .listener(meter)
                        .ticketIdGenerator(() -> randomId(ids))
                        .build();
                String conversation = "conv-" + profile.id();
                SimulatedCustomer.Transcript transcript = new SimulatedCustomer(engine).play(profile, conversation);
                played.add(new Played(
                        profile,
                        transcript,
                        List.copyOf(meter.turns.getOrDefault(conversation, List.of())),
                        List.copyOf(meter.calls.getOrDefault(conversation, List.of())),
                        store));
            }
        }
        return new Run(
                endpoint,
                played,
                List.copyOf(meter.fallbacks),
                script.unrecognised(),
                script.extractions(),
                script.replies(),
                script.turns());
    }

    private static TicketId randomId(Random random) {
        StringBuilder id = new StringBuilder("TK-");
        synchronized (random) {
            for (int i = 0; i < TicketId.LENGTH; i++) {
                id.append(TicketId.ALPHABET.charAt(random.nextInt(TicketId.ALPHABET.length())));
            }
        }
        return TicketId.of(id.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void everyDevProfileReachesTheRubricsTicketWithTheScriptedServerInTheLoop(Endpoint endpoint) {
        Run run = run(endpoint);

        assertThat(run.played()).hasSize(40);
        for (Played played : run.played()) {
            SimulatedCustomer.Transcript transcript = played.transcript();
            Profile profile = played.profile();
            assertThat(transcript.succeeded()).as("%s", transcript).isTrue();
            assertThat(played.store().listForCustomer(profile.customerId()))
                    .as("%s", transcript)
                    .hasSize(profile.confirm() ? 1 : 0);
            assertThat(transcript.firstSummaryDepartment())
                    .as("a competent model gets it right first: %s", transcript)
                    .isEqualTo(profile.department());
            assertThat(transcript.firstSummaryPriority()).as("%s", transcript).isEqualTo(profile.priority());
            if ("status".equals(profile.followUpKind())) {
                assertThat(transcript.followUpReply())
                        .as("%s", transcript)
                        .contains(transcript.ticket().ticketId().value())
                        .containsIgnoringCase("open");
            }
            if ("update".equals(profile.followUpKind())) {
                assertThat(played.store().history(transcript.ticket().ticketId()))
                        .as("%s", transcript)
                        .last()
                        .satisfies(entry -> {
                            assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.NOTE_ADDED);
                            assertThat(entry.note()).isEqualTo(profile.followUpText());
                        });
            }
        }
        assertThat(run.unrecognised())
                .as("messages and reply points the script had no answer for")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void noTurnIsDegradedAndEveryTurnIsOneStreamedCallButThePlainAnswers(Endpoint endpoint) {
        Run run = run(endpoint);

        assertThat(run.fallbacks()).as("turns served by the offline model").isEmpty();
        List<TurnResult> turns =
                run.played().stream().flatMap(p -> p.turns().stream()).toList();
        assertThat(turns)
                .as("the status and note follow-ups of the dev profiles are among them")
                .anySatisfy(turn -> assertThat(turn.transition().action()).isEqualTo(FlowAction.ANSWER_STATUS))
                .anySatisfy(turn -> assertThat(turn.transition().action()).isEqualTo(FlowAction.ADD_TICKET_UPDATE));
        assertThat(turns).allSatisfy(turn -> {
            assertThat(turn.degraded())
                    .as("turn %s of %s", turn.turn(), turn.conversationId())
                    .isFalse();
            // The simulated customer's yes and status questions are bare: read without the model.
            boolean plain = turn.transition().action() == FlowAction.CREATE_TICKET
                    || turn.transition().action() == FlowAction.ANSWER_STATUS;
            assertThat(turn.usage().calls())
                    .as("turn %s of %s (%s)", turn.turn(), turn.conversationId(), turn.transition())
                    .isEqualTo(plain ? 0 : 1);
            if (!plain) {
                assertThat(turn.usage().inputTokens()).isPositive();
                assertThat(turn.usage().outputTokens()).isPositive();
            }
        });
        List<ModelCall> calls =
                run.played().stream().flatMap(p -> p.calls().stream()).toList();
        assertThat(calls).extracting(ModelCall::outcome).containsOnly("ok");
        assertThat(calls)
                .extracting(ModelCall::tokensEstimated)
                .as("the server's usage is read")
                .containsOnly(false);
        assertThat(calls).extracting(ModelCall::operation).containsOnly("turn");
        assertThat(run.extractions() + run.replies()).isZero();
        assertThat(run.turns()).as("one-call answers the server gave").isEqualTo((int)
                turns.stream().filter(t -> t.usage().calls() == 1).count());
    }

    @Test
    void theCostPerTicketIsMeasuredOnTheFortyProfilesAndWrittenToTargetLlmCostMd() throws IOException {
        StringBuilder report = new StringBuilder();
        report.append("Model calls and tokens per created ticket on the 40 dev profiles (")
                .append(ticketCount())
                .append(" tickets; ")
                .append(PROFILES.size() - ticketCount())
                .append(" customers decline), from the turns up to and including the one that created the"
                        + " ticket. Figures from a scripted OpenAI-compatible server (ScriptedModelServer): prompt tokens are"
                        + " the request's messages, tools and schema counted with o200k_base, completion tokens what it"
                        + " returned; not a real model.\n\n");
        report.append(
                "| endpoint | turns per ticket, median | calls per ticket, median (range) | input tokens per ticket,"
                        + " median (range) | output tokens per ticket, median (range) | calls per turn | all 40 conversations: calls / input / output"
                        + " tokens |\n");
        report.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Endpoint endpoint : Endpoint.values()) {
            Run run = run(endpoint);
            List<Played> tickets = run.played().stream()
                    .filter(p -> p.transcript().ticket() != null)
                    .toList();
            long calls = median(tickets, p -> p.ticketUsage().calls());
            long input = median(tickets, p -> p.ticketUsage().inputTokens());
            long output = median(tickets, p -> p.ticketUsage().outputTokens());
            long turns = median(tickets, Played::turnsToTicket);
            long allCalls =
                    run.played().stream().mapToLong(p -> p.totalUsage().calls()).sum();
            long allTurns =
                    run.played().stream().mapToLong(p -> p.turns().size()).sum();
            long allInput = run.played().stream()
                    .mapToLong(p -> p.totalUsage().inputTokens())
                    .sum();
            long allOutput = run.played().stream()
                    .mapToLong(p -> p.totalUsage().outputTokens())
                    .sum();

            assertThat(calls)
                    .as("one streamed call per customer turn up to the ticket, none for the plain yes")
                    .isEqualTo(turns - 1);
            assertThat(input).isGreaterThan(output).isPositive();

            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d (%s) | %,d (%s) | %,d (%s) | %.1f | %,d / %,d / %,d |%n",
                    endpoint.label,
                    turns,
                    calls,
                    range(tickets, p -> p.ticketUsage().calls()),
                    input,
                    range(tickets, p -> p.ticketUsage().inputTokens()),
                    output,
                    range(tickets, p -> p.ticketUsage().outputTokens()),
                    (double) allCalls / allTurns,
                    allCalls,
                    allInput,
                    allOutput));
        }
        report.append("\nReproduce: mvn -B verify -pl escalation-llm -am -Dtest=DevProfilesOverHttpTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n");
        Path file = Path.of("target", "llm-cost.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);

        assertThat(file).content().contains("| lm_studio/gemma-3-12b-it", "| openai/gpt-4o-mini");
    }

    private static long ticketCount() {
        return PROFILES.stream().filter(Profile::confirm).count();
    }

    private static long median(List<Played> played, ToLongFunction<Played> value) {
        long[] values = played.stream().mapToLong(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : Math.round((values[middle - 1] + values[middle]) / 2.0);
    }

    private static String range(List<Played> played, ToLongFunction<Played> value) {
        long[] values = played.stream().mapToLong(value).sorted().toArray();
        return String.format(Locale.ROOT, "%,d–%,d", values[0], values[values.length - 1]);
    }

    @AfterAll
    static void forgetRuns() {
        RUNS.clear();
    }
}
