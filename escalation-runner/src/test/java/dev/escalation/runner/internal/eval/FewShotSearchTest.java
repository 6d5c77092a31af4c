package dev.escalation.runner.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.Department;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.ScriptedModelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The few-shot search against a real local HTTP server speaking the OpenAI wire format, scripted to
 * play a model that needs examples.
 */
public class FewShotSearchTest {

    // Three Billing profiles and one Technical Support one.
    public static final List<Profile> DEV = ProfileFile.split(ProfileFile.Split.DEV).stream()
            .filter(p -> Set.of("dev-01", "dev-05", "dev-12", "dev-21").contains(p.id()))
            .toList();
    // Technical Support, Sales, Technical Support, Sales, Billing, Technical Support: 12 candidates.
    public static final List<Profile> TRAIN =
            ProfileFile.split(ProfileFile.Split.TRAIN).subList(0, 6);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The point of this fake: a model that names a customer's department right only when the request
     * shows it a demonstration for that department, and otherwise names the next one in the list. So a
     * set of demonstrations scores by the departments it covers, and the best set is knowable: one with
     * a Billing demonstration (three of the four dev profiles are Billing). {@code demonstrated} counts
     * the readings whose request showed demonstrations.
     */
    public static ScriptedModelServer needsExamples(List<Profile> known, AtomicInteger demonstrated) {
        return new ScriptedModelServer(known).adjustingReadings((request, text, fields) -> {
            for (JsonNode message : request.path("messages")) {
                if (message.path("role").asText().equals("assistant")
                        && !shown(message).isEmpty()) {
                    demonstrated.incrementAndGet();
                    break;
                }
            }
            Object named = fields.get("department");
            if (!(named instanceof String department) || Boolean.TRUE.equals(fields.get("department_named"))) {
                return;
            }
            for (JsonNode message : request.path("messages")) {
                if (message.path("role").asText().equals("assistant")
                        && shown(message).equals(department)) {
                    return;
                }
            }
            java.util.List<Department> departments = Department.standard();
            Department right = Department.parse(department).orElseThrow();
            fields.put(
                    "department",
                    departments
                            .get((departments.indexOf(right) + 1) % departments.size())
                            .displayName());
        });
    }

    private static String shown(JsonNode assistant) {
        try {
            return JSON.readTree(assistant.path("content").asText("{}"))
                    .path("department")
                    .asText("");
        } catch (Exception e) {
            return "";
        }
    }

    static LanguageModelConfig config(MockWebServer server) {
        return LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OPENAI_COMPATIBLE)
                .model("scripted")
                .baseUrl(server.url("/v1").toString())
                .maxRetries(0)
                .readTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private record Searched(FewShotSearch.Result result, int requests) {}

    private static Searched search(long seed, int budget, int trials) throws Exception {
        List<Profile> known = new ArrayList<>(DEV);
        known.addAll(TRAIN);
        ScriptedModelServer script = needsExamples(known, new AtomicInteger());
        try (MockWebServer server = script.start()) {
            FewShotSearch.Result result = new FewShotSearch(
                            config(server), new OfflineLanguageModel(), seed, budget, 2, trials)
                    .search(FewShotSearch.candidates(TRAIN), List.of(), DEV, trial -> {});
            // The evaluation's attempt on another customer's ticket is worded outside the script ("add this to
            // ticket TK-..."); the script reads it as nothing, which is what a careful model must do anyway.
            assertThat(script.unrecognised()).allMatch(m -> m.startsWith("message: Please add this to ticket TK-"));
            return new Searched(result, server.getRequestCount());
        }
    }

    @Test
    void theSearchKeepsTheSetThatScoresBestAndItBeatsNoDemonstrations() throws Exception {
        Searched searched = search(7, 10_000, 8);
        FewShotSearch.Result result = searched.result();

        assertThat(result.trials()).hasSize(8).allMatch(FewShotSearch.Trial::scored);
        assertThat(result.trials().get(0).demonstrations())
                .as("the first set is the baseline")
                .isEmpty();
        double best = result.trials().stream()
                .mapToDouble(FewShotSearch.Trial::score)
                .max()
                .orElseThrow();
        assertThat(result.bestScore()).isEqualTo(best).isGreaterThan(result.baselineScore());
        assertThat(result.best())
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(2)
                .anyMatch(d -> d.expected().department() == Department.BILLING);
        // The first set reaching the best score is kept (fewer tokens on a tie than a later, larger one).
        FewShotSearch.Trial first = result.trials().stream()
                .filter(t -> t.score() == best)
                .findFirst()
                .orElseThrow();
        assertThat(result.best()).isEqualTo(first.demonstrations());
        assertThat(result.callsUsed()).isEqualTo(searched.requests());
    }

    @Test
    void theSameSeedTriesTheSameSetsWithTheSameScoresAndCalls() throws Exception {
        Searched once = search(11, 10_000, 5);
        Searched again = search(11, 10_000, 5);

        assertThat(again.result().trials()).isEqualTo(once.result().trials());
        assertThat(again.result().best()).isEqualTo(once.result().best());
        assertThat(again.requests()).isEqualTo(once.requests());
    }

    @Test
    void theSearchNeverExceedsTheCallBudgetAndKeepsTheBestSoFar() throws Exception {
        Searched unbounded = search(3, 10_000, 1);
        int baselineCalls = unbounded.result().callsUsed();
        int budget = baselineCalls * 2 + baselineCalls / 2;

        Searched bounded = search(3, budget, 50);

        assertThat(bounded.requests())
                .as("requests the server saw")
                .isLessThanOrEqualTo(budget)
                .isEqualTo(bounded.result().callsUsed());
        List<FewShotSearch.Trial> scored = bounded.result().trials().stream()
                .filter(FewShotSearch.Trial::scored)
                .toList();
        assertThat(scored).hasSizeBetween(2, 3);
        assertThat(bounded.result().bestScore())
                .isEqualTo(scored.stream()
                        .mapToDouble(FewShotSearch.Trial::score)
                        .max()
                        .orElseThrow());
    }

    @Test
    void aBudgetBelowOneRequestsWorstCaseMakesNoCallAndScoresNothing() throws Exception {
        Searched searched = search(3, 5, 3);

        assertThat(searched.requests()).isZero();
        assertThat(searched.result().trials()).isEmpty();
        assertThat(searched.result().best()).isEmpty();
    }

    @Test
    void candidatesAreEachTrainProfilesOpeningAndDetailsWithTheRubricsDepartmentAndPriority() {
        List<Demonstration> candidates = FewShotSearch.candidates(TRAIN.subList(0, 1));
        Profile p = TRAIN.get(0);

        assertThat(candidates).extracting(Demonstration::customerText).containsExactly(p.opening(), p.details());
        assertThat(candidates)
                .allMatch(d -> d.expected().department() == p.department()
                        && d.expected().priority() == p.priority()
                        && d.expected().intent().name().equals("PROVIDE_INFO"));
        assertThat(candidates.get(0).expected().statesReason()).isTrue();
        assertThat(candidates.get(1).expected().statesDetails()).isTrue();
    }
}
