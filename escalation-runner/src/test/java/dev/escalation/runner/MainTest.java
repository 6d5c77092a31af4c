package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void helpListsTheChatReplayAndTicketsCommandsAndTheEnvironment() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("--help");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .contains(
                        "chat",
                        "replay",
                        "tickets",
                        "list",
                        "show",
                        "update",
                        "--version",
                        "ESCALATION_TICKET_DATABASE_PATH",
                        "ESCALATION_LANGUAGE_MODEL");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void versionNamesTheProject() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("--version");

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("escalation-runner ");
    }

    @Test
    void noSubcommandIsAUsageErrorWithExitTwo() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run();

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("Missing subcommand", "chat", "replay", "tickets", "eval");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("tickets", "list", "--colour");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--colour");
    }

    @Test
    void anUnknownLanguageModelProviderStopsTheRunWithExitTwoNamingTheVariable() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env("ESCALATION_LANGUAGE_MODEL", "acme/gpt-4o")
                .stdinJson(Seed.message("c1", "u1", "hello"))
                .run("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_LANGUAGE_MODEL", "acme/gpt-4o", "lm_studio", "offline");
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("tickets.db"))
                .as("nothing is opened with a bad configuration")
                .doesNotExist();
    }

    @Test
    void anUnknownLogLevelStopsTheRunWithExitTwoNamingTheVariable() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).env("ESCALATION_LOG_LEVEL", "loud").run("tickets", "list");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_LOG_LEVEL", "loud");
    }

    @Test
    void helpWorksWhateverTheEnvironmentSays() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).env("ESCALATION_LANGUAGE_MODEL", "gpt-4o").run("--help");

        assertThat(result.status()).isZero();
    }

    @Test
    void aDatabasePathThatCannotBeOpenedExitsWithOneNamingTheVariable() throws Exception {
        Path blocker = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a directory");
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env(
                        "ESCALATION_TICKET_DATABASE_PATH",
                        blocker.resolve("tickets.db").toString())
                .run("tickets", "list");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("ESCALATION_TICKET_DATABASE_PATH", "a-file");
    }
}
