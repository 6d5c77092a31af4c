package dev.escalation.spring.boot;

import dev.escalation.core.ConversationStore;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.TicketStore;
import dev.escalation.core.handover.Handover;
import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.LanguageModels;
import dev.escalation.store.EscalationDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;

/**
 * Builds the escalation engine for a Spring Boot application from {@link EscalationProperties}.
 *
 * <ul>
 *   <li>Flow: the YAML flow spec {@code escalation.flow} names, else the standard flow.
 *   <li>Stores: on the application's {@code DataSource} (PostgreSQL or SQLite, migrated with our
 *       Flyway migrations) when it has one, else on the SQLite file {@code escalation.database-path}.
 *   <li>Language model: with {@code escalation.model=auto}, the application's LangChain4j or Spring AI
 *       {@code ChatModel} bean, adapted (their adapter modules must be on the class path), else the
 *       built-in offline model; or {@code offline}, or {@code provider/model} for our own client.
 *   <li>Metrics: a {@link MicrometerEscalationListener} on the application's {@code MeterRegistry};
 *       every other {@link EscalationListener} bean is called too.
 *   <li>Health: an {@link EscalationHealthIndicator} when Actuator is present.
 * </ul>
 * Each bean backs off when the application defines one of the same type.
 *
 * <p>Thread-safe, as Spring uses it. Example: add the starter and inject {@code Handover} or
 * {@code EscalationEngine}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
@EnableConfigurationProperties(EscalationProperties.class)
public class EscalationAutoConfiguration {

    /** Not lazy only when a store needs it: an application with its own stores never opens it. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    public EscalationDatabase escalationDatabase(
            ObjectProvider<DataSource> dataSource, EscalationProperties properties) {
        DataSource application = dataSource.getIfUnique();
        if (application != null) {
            return EscalationDatabase.on(application);
        }
        long candidates = dataSource.stream().count();
        if (candidates > 1) {
            // Silently falling back to a SQLite file would hide the tickets from the application's databases.
            throw new IllegalStateException(
                    "the application has " + candidates + " DataSource beans and none is"
                            + " @Primary; mark one @Primary or define an EscalationDatabase bean with EscalationDatabase.on(...)");
        }
        return EscalationDatabase.openSqlite(properties.getDatabasePath());
    }

    /** The conversations, on {@link #escalationDatabase}. */
    @Bean
    @ConditionalOnMissingBean
    public ConversationStore escalationConversationStore(ObjectProvider<EscalationDatabase> database) {
        return database.getObject().conversationStore();
    }

    /** The tickets, on {@link #escalationDatabase}. */
    @Bean
    @ConditionalOnMissingBean
    public TicketStore escalationTicketStore(ObjectProvider<EscalationDatabase> database) {
        return database.getObject().ticketStore();
    }

    /** The model {@code escalation.model} names; see the class comment. */
    @Bean
    @ConditionalOnMissingBean
    public LanguageModel escalationLanguageModel(
            EscalationProperties properties, ObjectProvider<EscalationModelSource> sources) {
        String model =
                properties.getModel() == null ? "auto" : properties.getModel().strip();
        if (model.equalsIgnoreCase("auto")) {
            for (EscalationModelSource source : sources.orderedStream().toList()) {
                Optional<LanguageModel> found = source.languageModel();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return new OfflineLanguageModel();
        }
        return LanguageModels.create(LanguageModelConfig.fromEnvironment(settings(model, properties)));
    }

    /** The properties as the settings the runner reads from the environment, so both validate alike. */
    private static Map<String, String> settings(String model, EscalationProperties properties) {
        Map<String, String> settings = new HashMap<>();
        settings.put(LanguageModelConfig.MODEL_SETTING, model);
        if (properties.getModelApiBase() != null) {
            settings.put(LanguageModelConfig.API_BASE_SETTING, properties.getModelApiBase());
        }
        settings.put(
                LanguageModelConfig.TIMEOUT_SETTING,
                Long.toString(properties.getTurnTimeout().toSeconds()));
        int slash = model.indexOf('/');
        LanguageModelConfig.Provider provider = slash < 0
                ? null
                : LanguageModelConfig.Provider.parse(model.substring(0, slash).toLowerCase(Locale.ROOT));
        if (provider != null && provider.apiKeySetting() != null && properties.getModelApiKey() != null) {
            settings.put(provider.apiKeySetting(), properties.getModelApiKey());
        }
        if (model.isEmpty()) {
            throw new InvalidLanguageModelConfigException(
                    "escalation.model must be auto, offline or provider/model," + " but was empty");
        }
        return settings;
    }

    /** The flow {@code escalation.flow} names, read and verified; the standard flow when unset. */
    @Bean
    @ConditionalOnMissingBean
    public FlowDefinition escalationFlow(EscalationProperties properties) {
        Resource flow = properties.getFlow();
        if (flow == null) {
            return FlowDefinition.standard();
        }
        try (InputStream in = flow.getInputStream()) {
            return FlowDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), flow.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "escalation.flow names " + flow.getDescription() + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    /** The engine, with every {@link EscalationListener} bean and the application's metrics. */
    @Bean
    @ConditionalOnMissingBean
    public EscalationEngine escalationEngine(
            EscalationProperties properties,
            FlowDefinition flow,
            LanguageModel languageModel,
            ConversationStore conversations,
            TicketStore tickets,
            ObjectProvider<EscalationListener> listeners,
            ObjectProvider<MeterRegistry> registry) {
        List<EscalationListener> all = new ArrayList<>(listeners.orderedStream().toList());
        registry.ifAvailable(meters -> all.add(new MicrometerEscalationListener(meters)));
        return EscalationEngine.builder()
                .flow(flow)
                .languageModel(languageModel)
                .conversationStore(conversations)
                .ticketStore(tickets)
                .conversationTtl(properties.getConversationTtl())
                .turnTimeout(properties.getTurnTimeout())
                .offlineFallback(properties.isOfflineFallback())
                .listener(Listeners.of(all))
                .build();
    }

    /** The hand-over entry point for a host agent. */
    @Bean
    @ConditionalOnMissingBean
    public Handover escalationHandover(EscalationEngine engine) {
        return new Handover(engine);
    }

    /** The application's LangChain4j chat model (and streaming model), when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"dev.langchain4j.model.chat.ChatModel", "dev.escalation.langchain4j.LangChain4jLanguageModel"})
    static class LangChain4jModel {
        @Bean
        EscalationModelSource escalationLangChain4jModel(
                ObjectProvider<dev.langchain4j.model.chat.ChatModel> chat,
                ObjectProvider<dev.langchain4j.model.chat.StreamingChatModel> streaming) {
            return () -> Optional.ofNullable(chat.getIfUnique()).map(model -> {
                var builder = dev.escalation.langchain4j.LangChain4jLanguageModel.builder(model);
                streaming.ifUnique(builder::streamingModel);
                return builder.build();
            });
        }
    }

    /** The application's Spring AI chat model, when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"org.springframework.ai.chat.model.ChatModel", "dev.escalation.springai.SpringAiLanguageModel"})
    static class SpringAiModel {
        @Bean
        EscalationModelSource escalationSpringAiModel(
                ObjectProvider<org.springframework.ai.chat.model.ChatModel> chat) {
            return () -> Optional.ofNullable(chat.getIfUnique()).map(dev.escalation.springai.SpringAiLanguageModel::of);
        }
    }

    /** Actuator's health, when Actuator is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "escalationHealthIndicator")
        EscalationHealthIndicator escalationHealthIndicator(ConversationStore conversations, LanguageModel model) {
            return new EscalationHealthIndicator(conversations, model);
        }
    }
}
