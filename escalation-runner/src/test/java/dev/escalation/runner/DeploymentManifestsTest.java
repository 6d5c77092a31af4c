package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.escalation.runner.eggai.GroupMembership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment example of deploy/ as Kubernetes and Docker would read it: several replicas of
 * {@code serve} on Kafka, probes on the metrics port, the database from a Secret, resource requests,
 * a static group identity per pod, and an image that runs the runner jar.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(f -> {
                        try {
                            return YAML.readTree(f.toFile());
                        } catch (IOException e) {
                            throw new AssertionError(f + " is not YAML: " + e.getMessage(), e);
                        }
                    })
                    .toList();
        }
    }

    private static JsonNode kind(String kind) throws IOException {
        return manifests().stream()
                .filter(m -> m.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + DEPLOY.resolve("kubernetes")));
    }

    private static JsonNode container() throws IOException {
        JsonNode containers =
                kind("Deployment").path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        return env;
    }

    @Test
    void theDeploymentRunsSeveralReplicasOfServeOnKafkaWithItsSelectorMatchingItsPods() throws IOException {
        JsonNode deployment = kind("Deployment");
        JsonNode container = container();

        assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(deployment
                        .path("spec")
                        .path("template")
                        .path("metadata")
                        .path("labels"));
        assertThat(container.path("image").asText()).isEqualTo("escalation-agent:0.1.0");
        assertThat(container.path("args").get(0).asText()).isEqualTo("serve");
        assertThat(env(container).get(TransportConfig.TRANSPORT).path("value").asText())
                .isEqualTo("kafka");
        assertThat(env(container)).containsKey(TransportConfig.BOOTSTRAP_SERVERS);
    }

    @Test
    void probesAskTheMetricsPortThatTheRunnerServesThere() throws IOException {
        JsonNode container = container();
        JsonNode port = container.path("ports").get(0);

        assertThat(port.path("name").asText()).isEqualTo("metrics");
        assertThat(port.path("containerPort").asInt()).isEqualTo(9094);
        assertThat(env(container).get(MetricsConfig.PORT).path("value").asText())
                .isEqualTo("9094");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/livez");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText())
                    .as(probe)
                    .isIn("metrics", "9094");
        }
    }

    @Test
    void theDatabaseComesFromASecretAndNoPasswordIsWrittenInTheDeployment() throws IOException {
        Map<String, JsonNode> env = env(container());
        JsonNode secret = kind("Secret");

        for (String name : List.of(DatabaseConfig.URL, DatabaseConfig.USER, DatabaseConfig.PASSWORD)) {
            JsonNode ref = env.get(name).path("valueFrom").path("secretKeyRef");
            assertThat(ref.path("name").asText())
                    .as(name)
                    .isEqualTo(secret.path("metadata").path("name").asText());
            assertThat(secret.path("stringData").has(ref.path("key").asText()))
                    .as(name + " key")
                    .isTrue();
            assertThat(env.get(name).has("value"))
                    .as(name + " written in clear")
                    .isFalse();
        }
        assertThat(secret.path("stringData").path("url").asText()).startsWith("jdbc:postgresql://");
    }

    @Test
    void eachPodIsAStaticGroupMemberUnderItsNameWithATakeoverWithinTenSeconds() throws IOException {
        Map<String, JsonNode> env = env(container());

        assertThat(env.get(ConsumerGroupConfig.INSTANCE_ID)
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");
        Map<String, String> values = new HashMap<>();
        env.forEach((name, variable) -> {
            if (variable.has("value")) {
                values.put(name, variable.path("value").asText());
            }
        });
        GroupMembership membership = ConsumerGroupConfig.fromEnvironment(values::get);
        assertThat(membership.sessionTimeout().toSeconds()).isLessThanOrEqualTo(8);
    }

    @Test
    void everyPodRequestsCpuAndMemoryAndHasTimeToFinishItsTurnsOnSigterm() throws IOException {
        JsonNode container = container();
        JsonNode pod = kind("Deployment").path("spec").path("template").path("spec");

        assertThat(container.path("resources").path("requests").path("cpu").asText())
                .isNotBlank();
        assertThat(container.path("resources").path("requests").path("memory").asText())
                .isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asText())
                .isNotBlank();
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
    }

    @Test
    void theServiceSelectsThePodsAndTheImageRunsTheRunnerJarAsANonRootUser() throws IOException {
        JsonNode service = kind("Service");
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        assertThat(service.path("spec").path("selector"))
                .isEqualTo(kind("Deployment")
                        .path("spec")
                        .path("template")
                        .path("metadata")
                        .path("labels"));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
                .isEqualTo("metrics");
        assertThat(dockerfile)
                .contains(
                        "COPY escalation-runner/target/escalation-runner.jar",
                        "EXPOSE 9094",
                        "\"-jar\", \"/app/escalation-runner.jar\"",
                        "CMD [\"serve\"]")
                .containsPattern("(?m)^USER [0-9]+$");
    }
}
