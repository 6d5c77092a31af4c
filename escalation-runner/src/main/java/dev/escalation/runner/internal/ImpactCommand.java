package dev.escalation.runner.internal;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.internal.impact.ConversationImpact;
import dev.escalation.runner.internal.impact.FlowImpact;
import dev.escalation.runner.internal.impact.ImpactReport;
import dev.escalation.runner.internal.impact.ImpactSettings;
import dev.escalation.runner.internal.impact.TranscriptFile;
import dev.escalation.store.EscalationDatabase;
import dev.escalation.store.TranscriptQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code impact --flow NEW.yaml}: replays the stored conversations under the flow that runs now and
 * under a candidate flow, in memory, and reports which would change and how. The database is opened
 * read-only; by default each message is read as its turn recorded it, so no model is called.
 *
 * <p>Not thread-safe; picocli runs it once. Example:
 * {@code java -jar escalation-runner.jar impact --flow flows/new.yaml --since 7d}.
 */
@Command(
        name = "impact",
        description = {
            "Replays the stored conversations under the current flow (ESCALATION_FLOW) and under",
            "the candidate --flow, in memory, and reports which would change: the path of states and",
            "transitions, the slots, the department and priority, the ticket, the kinds of reply.",
            "The database is opened read-only. Messages are read as their turns recorded them (no",
            "model is called) unless --reinterpret. Markdown on standard output, or with --json one",
            "JSON object per changed conversation. Customer text is masked as in traces.",
            "Exit status: 0 nothing changes, 1 some conversations change, 2 bad usage, a bad flow",
            "file, or conversations that cannot be read."
        })
final class ImpactCommand implements Callable<Integer> {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(d|h|m|min|s)");

    private final PrintStream stdout;
    private final EnvironmentVariables env;
    private final Clock clock;
    private final Supplier<FlowDefinition> flow;
    private final Supplier<DatabaseConfig> databaseConfig;
    private final Supplier<LanguageModelConfig> languageModel;
    private final OfflineModels offlineModels;
    private final DatabaseOpener databases;

    @Option(names = "--flow", required = true, paramLabel = "FILE", description = "The candidate flow file.")
    String flowPath;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only conversations active since TIME: an"
                    + " instant (2026-12-01T08:00:00Z), a day (2026-12-01, UTC) or a time ago (7d, 24h, 30m, PT2H).")
    String since;

    @Option(names = "--conversation", paramLabel = "ID", description = "Only this conversation.")
    String conversationId;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Only the N most recently active conversations"
                    + " (with --conversations, the first N of the file).")
    Integer limit;

    @Option(
            names = "--reinterpret",
            description = "Read every message again with the configured model"
                    + " (ESCALATION_LANGUAGE_MODEL) under the candidate flow, and say what that cost.")
    boolean reinterpret;

    @Option(names = "--json", description = "One JSON object per changed conversation instead of Markdown.")
    boolean json;

    @Option(
            names = "--conversations",
            paramLabel = "FILE",
            description = "Replay the output of replay (its JSON" + " lines) instead of the stored conversations.")
    String conversationsFile;

    ImpactCommand(
            PrintStream stdout,
            EnvironmentVariables env,
            Clock clock,
            Supplier<FlowDefinition> flow,
            Supplier<DatabaseConfig> databaseConfig,
            Supplier<LanguageModelConfig> languageModel,
            OfflineModels offlineModels,
            DatabaseOpener databases) {
        this.stdout = stdout;
        this.env = env;
        this.clock = clock;
        this.flow = flow;
        this.databaseConfig = databaseConfig;
        this.languageModel = languageModel;
        this.offlineModels = offlineModels;
        this.databases = databases;
    }

    @Override
    public Integer call() {
        FlowDefinition current = flow.get();
        FlowDefinition candidate = FlowFiles.load("--flow", flowPath);
        checkOptions();
        Instant from = since == null ? null : since(since, clock.instant());
        ImpactSettings settings =
                new ImpactSettings(current, candidate, databaseConfig.get().conversationTtl(), offlineModels.model());
        String currentName = env.get(FlowFiles.FLOW_SETTING, "the standard flow");
        ImpactReport report = new ImpactReport(flowPath, currentName, current, candidate);
        AgentFactory.ChosenModel chosen =
                reinterpret ? AgentFactory.chooseModel(languageModel.get(), offlineModels.model()) : null;
        try {
            FlowImpact impact = chosen == null
                    ? FlowImpact.fromRecordedReadings(settings)
                    : FlowImpact.readingAgain(settings, chosen.model());
            Consumer<List<ConversationTurn>> each = turns -> {
                ConversationImpact verdict = impact.assess(turns);
                report.add(verdict);
                if (json && verdict.status() == ConversationImpact.Status.CHANGED) {
                    JsonLines.writeLine(stdout, report.json(verdict));
                }
            };
            if (conversationsFile != null) {
                fromFile(each);
            } else {
                fromStore(from, each);
            }
            if (!json) {
                stdout.print(report.markdown(impact.modelCost()));
                stdout.flush();
            }
        } finally {
            if (chosen != null) {
                chosen.close();
            }
        }
        return report.anyChanged() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private void checkOptions() {
        if (limit != null && limit < 1) {
            throw CommandFailure.usage("--limit must be a positive number, but was " + limit);
        }
        if (conversationsFile != null && reinterpret) {
            throw CommandFailure.usage("--reinterpret needs the customers' messages, which replay output does not hold;"
                    + " run it on the stored conversations instead of --conversations");
        }
        if (conversationsFile != null && since != null) {
            throw CommandFailure.usage("--since needs the times of the turns, which replay output does not hold");
        }
        if (conversationId != null && conversationId.isBlank()) {
            throw CommandFailure.usage("--conversation must not be blank");
        }
    }

    private void fromStore(Instant from, Consumer<List<ConversationTurn>> each) {
        TranscriptQuery query = TranscriptQuery.all().since(from).conversation(conversationId);
        if (limit != null) {
            query = query.limit(limit);
        }
        try (EscalationDatabase database = databases.openReadOnly()) {
            database.conversationStore().forEachTranscript(query, each);
        } catch (UnableToAccessStoreException e) {
            throw CommandFailure.usage("unable to read the stored conversations: " + e.getMessage());
        }
    }

    private void fromFile(Consumer<List<ConversationTurn>> each) {
        List<List<ConversationTurn>> transcripts;
        Path path;
        try {
            path = Path.of(conversationsFile);
        } catch (InvalidPathException e) {
            throw CommandFailure.usage(
                    "--conversations '" + conversationsFile + "' is not a valid path: " + e.getReason());
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            transcripts = TranscriptFile.read(reader, conversationsFile);
        } catch (IOException e) {
            throw CommandFailure.usage("--conversations " + conversationsFile + " cannot be read: " + e);
        } catch (TranscriptFile.InvalidTranscriptFileException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        transcripts.stream()
                .filter(turns ->
                        conversationId == null || turns.get(0).conversationId().equals(conversationId))
                .limit(limit == null ? Long.MAX_VALUE : limit)
                .forEach(each);
    }

    /**
     * The instant {@code text} names: an ISO instant, a day (its start, UTC) or a time before {@code now}.
     *
     * @throws CommandFailure with exit status 2 naming the value when it is none of these
     */
    static Instant since(String text, Instant now) {
        String value = text.strip();
        Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (ago.matches()) {
                long amount = Long.parseLong(ago.group(1));
                Duration back = switch (ago.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
                return now.minus(back);
            }
            if (value.startsWith("P") || value.startsWith("p")) {
                return now.minus(Duration.parse(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw CommandFailure.usage("--since must be an instant (2026-12-01T08:00:00Z), a day (2026-12-01) or a time"
                    + " ago (7d, 24h, 30m, PT2H), but was '" + text + "'");
        }
    }
}
