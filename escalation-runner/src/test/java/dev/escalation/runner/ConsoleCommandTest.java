package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCommandTest {

    @TempDir
    Path dir;

    @Test
    void onANonLoopbackAddressWithoutATokenItRefusesToStartWithStatus2NamingTheVariable() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).env(ConsoleConfig.BIND, "0.0.0.0").run("console");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_CONSOLE_TOKEN");
        assertThat(Files.exists(dir.resolve("tickets.db")))
                .as("nothing was opened")
                .isFalse();
    }

    @Test
    void aBadPortIsRefusedWithStatus2NamingTheVariable() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).env(ConsoleConfig.PORT, "99999").run("console");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err())
                .contains("ESCALATION_CONSOLE_PORT must be a port number from 0 to 65535, but was '99999'");
    }

    @Test
    void theHelpNamesTheDefaultAddressAndPort() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("console", "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out().replaceAll("\\s+", ""))
                .contains("127.0.0.1:8484")
                .contains("ESCALATION_CONSOLE_TOKEN");
    }
}
