package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.handover.Handover;
import dev.escalation.core.handover.HandoverReply;
import dev.escalation.core.handover.TranscriptMessage;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.llm.ScriptedModelServer;
import dev.escalation.store.EscalationDatabase;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.sqlite.SQLiteDataSource;

/** The auto-configuration in real application contexts, on real SQLite files and a real HTTP model server. */
class EscalationAutoConfigurationTest {

    static final List<TranscriptMessage> TRANSCRIPT = List.of(
            TranscriptMessage.customer("I've been trying to resolve this for weeks and I'm frustrated!"),
            TranscriptMessage.customer("My car insurance premium has been taken twice every month since March, and"
                    + " nothing ever shows up on my bank statement. I just want the duplicate payments returned."));
    static final String YES = "Yes, please create the ticket.";

    @TempDir
    Path dir;

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class));

    private static HandoverReply ticket(Handover handover, String conversation) {
        handover.start(conversation, "customer-1", TRANSCRIPT);
        return handover.forward(conversation, "customer-1", YES);
    }

    @Test
    void withoutADataSourceTheEngineRunsOfflineOnTheSqliteFileOfTheProperties() {
        Path file = dir.resolve("data/tickets.db");
        contexts.withPropertyValues("escalation.database-path=" + file, "escalation.conversation-ttl=2h")
                .run(context -> {
                    assertThat(context).hasSingleBean(EscalationEngine.class).hasSingleBean(Handover.class);
                    assertThat(context.getBean(LanguageModel.class)).isInstanceOf(OfflineLanguageModel.class);
                    assertThat(context.getBean(EscalationProperties.class).getConversationTtl())
                            .hasHours(2);

                    HandoverReply reply = ticket(context.getBean(Handover.class), "c-1");

                    assertThat(reply.state()).isEqualTo(State.TICKET_CREATED);
                    assertThat(Files.exists(file)).isTrue();
                });
    }

    @Test
    void theApplicationsDataSourceHoldsTheTicketsAfterOurMigrations() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        contexts.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("escalation.database-path=" + dir.resolve("unused.db"))
                .run(context -> {
                    String id = ticket(context.getBean(Handover.class), "c-2")
                            .ticketId()
                            .orElseThrow();

                    try (Connection connection = dataSource.getConnection();
                            ResultSet rows =
                                    connection.createStatement().executeQuery("SELECT ticket_id FROM tickets")) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getString(1)).isEqualTo(id);
                    }
                    assertThat(Files.exists(dir.resolve("unused.db"))).isFalse();
                });
    }

    @Test
    void twoDataSourcesWithoutAPrimaryFailTheStartRatherThanFallBackToAFile() {
        SQLiteDataSource first = new SQLiteDataSource();
        first.setUrl("jdbc:sqlite:" + dir.resolve("first.db"));
        SQLiteDataSource second = new SQLiteDataSource();
        second.setUrl("jdbc:sqlite:" + dir.resolve("second.db"));
        contexts.withBean("first", DataSource.class, () -> first)
                .withBean("second", DataSource.class, () -> second)
                .withPropertyValues("escalation.database-path=" + dir.resolve("fallback.db"))
                .run(context -> {
                    assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("2 DataSource beans");
                    assertThat(Files.exists(dir.resolve("fallback.db"))).isFalse();
                });
    }

    @Test
    void theApplicationsOwnStoresAndModelAreUsedAndNoDatabaseIsOpened() {
        InMemoryStore store = new InMemoryStore();
        OfflineLanguageModel model = new OfflineLanguageModel();
        contexts.withBean(InMemoryStore.class, () -> store)
                .withBean(LanguageModel.class, () -> model)
                .withPropertyValues("escalation.database-path=" + dir.resolve("never.db"))
                .run(context -> {
                    assertThat(context.getBean(LanguageModel.class)).isSameAs(model);
                    String id = ticket(context.getBean(Handover.class), "c-3")
                            .ticketId()
                            .orElseThrow();

                    assertThat(store.list())
                            .extracting(t -> t.ticketId().value())
                            .containsExactly(id);
                    assertThat(Files.exists(dir.resolve("never.db"))).isFalse();
                });
        assertThat(Files.exists(dir.resolve("never.db"))).isFalse();
    }

    @Test
    void theApplicationsLangChain4jChatModelBeanReadsTheMessagesOverHttp() throws Exception {
        Profile profile = new Profile(
                "boot-1",
                "customer-1",
                TRANSCRIPT.get(0).text(),
                TRANSCRIPT.get(1).text(),
                "Billing",
                dev.escalation.core.Department.BILLING,
                dev.escalation.core.Priority.HIGH,
                true,
                null,
                null,
                List.of());
        ScriptedModelServer script = new ScriptedModelServer(List.of(profile), "gpt-4o-mini");
        try (MockWebServer server = script.start()) {
            ChatModel chatModel = OpenAiChatModel.builder()
                    .baseUrl(server.url("/v1").toString())
                    .apiKey("k")
                    .modelName("gpt-4o-mini")
                    .maxRetries(0)
                    .build();
            StreamingChatModel streamingModel = OpenAiStreamingChatModel.builder()
                    .baseUrl(server.url("/v1").toString())
                    .apiKey("k")
                    .modelName("gpt-4o-mini")
                    .build();
            contexts.withBean(ChatModel.class, () -> chatModel)
                    .withBean(StreamingChatModel.class, () -> streamingModel)
                    .withPropertyValues("escalation.database-path=" + dir.resolve("lc4j.db"))
                    .run(context -> {
                        assertThat(context.getBean(LanguageModel.class).name())
                                .isEqualTo("langchain4j/open_ai/gpt-4o-mini");
                        Handover handover = context.getBean(Handover.class);

                        HandoverReply first = handover.forward("c-4", "customer-1", profile.opening());
                        HandoverReply second = handover.forward("c-4", "customer-1", profile.details());
                        HandoverReply third = handover.forward("c-4", "customer-1", YES);

                        assertThat(List.of(first.state(), second.state(), third.state()))
                                .containsExactly(State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED);
                        assertThat(List.of(first, second, third)).noneMatch(HandoverReply::degraded);
                        assertThat(script.extractions()).isEqualTo(3);
                        assertThat(script.replies())
                                .as("replies streamed through the StreamingChatModel bean")
                                .isEqualTo(3);
                        assertThat(third.reply()).contains(third.ticketId().orElseThrow());
                    });
        }
    }

    @Test
    void theFlowFileOfThePropertiesIsTheFlowTheEngineRuns() {
        Path flow = Path.of("../flows/it-helpdesk.yaml").toAbsolutePath().normalize();
        contexts.withPropertyValues(
                        "escalation.flow=file:" + flow, "escalation.database-path=" + dir.resolve("flow.db"))
                .run(context -> {
                    EscalationEngine engine = context.getBean(EscalationEngine.class);

                    assertThat(engine.flow()).isSameAs(context.getBean(dev.escalation.core.FlowDefinition.class));
                    assertThat(engine.flow().departments())
                            .extracting(d -> d.displayName())
                            .containsExactly("Hardware", "Access", "Software");
                });
    }

    @Test
    void aFlowFileThatIsNotThereFailsTheStartNamingIt() {
        contexts.withPropertyValues(
                        "escalation.flow=file:" + dir.resolve("missing.yaml"),
                        "escalation.database-path=" + dir.resolve("missing.db"))
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("missing.yaml"));
    }

    @Test
    void aProviderSpecUsesTheBuiltInOpenAiCompatibleClient() {
        contexts.withPropertyValues(
                        "escalation.model=openai_compatible/gpt-4o-mini",
                        "escalation.model-api-base=http://127.0.0.1:9/v1",
                        "escalation.database-path=" + dir.resolve("spec.db"))
                .run(context ->
                        assertThat(context.getBean(LanguageModel.class)).isInstanceOf(OpenAiCompatibleModel.class));
    }

    @Test
    void aBadModelPropertyFailsTheStartNamingTheValue() {
        contexts.withPropertyValues("escalation.model=gpt-4o-mini", "escalation.database-path=" + dir.resolve("bad.db"))
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("'gpt-4o-mini'"));
    }

    @Test
    void turnsAndTicketsAreCountedInTheApplicationsMeterRegistry() {
        contexts.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("escalation.database-path=" + dir.resolve("metrics.db"))
                .run(context -> {
                    ticket(context.getBean(Handover.class), "c-5");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(registry.counter(
                                            "escalation.tickets.created", "department", "Billing", "priority", "high")
                                    .count())
                            .isEqualTo(1);
                    assertThat(registry.find("escalation.turns").counters().stream()
                                    .mapToDouble(c -> c.count())
                                    .sum())
                            .isEqualTo(2);
                    assertThat(registry.find("escalation.turn.duration").timer())
                            .isNotNull();
                });
    }

    @Test
    void theHealthIndicatorIsUpAndNamesTheModel() {
        contexts.withPropertyValues("escalation.database-path=" + dir.resolve("health.db"))
                .run(context -> {
                    Health health =
                            context.getBean(EscalationHealthIndicator.class).health();

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("model", "offline");
                });
    }

    @Test
    void theHealthIndicatorIsDownWhenTheStoreIsClosed() {
        contexts.withPropertyValues("escalation.database-path=" + dir.resolve("closed.db"))
                .run(context -> {
                    context.getBean(EscalationDatabase.class).close();

                    assertThat(context.getBean(EscalationHealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.DOWN);
                });
    }

    @Test
    void thePropertyMetadataDescribesEveryEscalationProperty() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode metadata = new ObjectMapper().readTree(in);
            List<String> names = new java.util.ArrayList<>();
            metadata.path("properties").forEach(p -> {
                names.add(p.path("name").asText());
                assertThat(p.path("description").asText())
                        .as(p.path("name").asText())
                        .isNotBlank();
            });

            assertThat(names)
                    .contains(
                            "escalation.model",
                            "escalation.conversation-ttl",
                            "escalation.turn-timeout",
                            "escalation.database-path",
                            "escalation.model-api-base",
                            "escalation.offline-fallback");
        }
    }
}
