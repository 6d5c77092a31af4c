# The escalation agent. Two commands matter: `make start-escalation` and `make test`.
# Needs JDK 17 and make; ./mvnw brings the pinned Maven (3.9.16) on first use. MAVEN_ARGS is passed to every
# Maven call (e.g. MAVEN_ARGS=-o); MVN=mvn uses an installed Maven instead of the wrapper.

MVN ?= ./mvnw
MAVEN_ARGS ?=
JAVA ?= java

JAR := escalation-runner/target/escalation-runner.jar
# A class-data archive (AppCDS) of the classes chat loads, written next to the jar by a training run when the
# jar is built: chat then maps them instead of loading and verifying them one by one. With C1 alone (a chat
# waits on the customer, not on peak speed), chat starts on about a third of the CPU time. A missing or stale
# archive (the jar or the JDK changed) is ignored without a word, so the flags are always safe.
CDS := escalation-runner/target/escalation-runner.jsa
CHAT_JAVA_OPTS := -XX:SharedArchiveFile=$(CDS) -Xlog:cds=off,cds+dynamic=off -XX:TieredStopAtLevel=1
# The training run: one message to chat with the offline model, on a throw-away database and metrics port.
define make-cds-archive
	@rm -f $(CDS); tmp=$$(mktemp -d); \
	printf 'My invoice shows a charge I did not make.\n' | ESCALATION_LANGUAGE_MODEL=offline \
	  ESCALATION_TICKET_DATABASE_PATH=$$tmp/training.db ESCALATION_PROMETHEUS_METRICS_PORT=0 \
	  $(JAVA) -XX:ArchiveClassesAtExit=$(CDS) -XX:TieredStopAtLevel=1 -jar $(JAR) chat >/dev/null 2>&1 \
	  || echo "no class-data archive was written; chat starts without it" >&2; \
	rm -rf $$tmp
endef
# Everything the jar is built from: when none of it is newer than the jar, nothing is rebuilt.
SOURCES := pom.xml $(wildcard escalation-*/pom.xml) $(shell find escalation-*/src -type f 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help start-escalation test test-fast test-escalation-agent build clean replay diagram verify kafka-broker fuzz eval compile-escalation-optimizer bench eggai-interop console bench-scale impact

help:
	@echo "make start-escalation   chat with the agent in the terminal (builds the jar if needed);"
	@echo "                        with ESCALATION_TRANSPORT=kafka, serve the EggAI channels on Kafka;"
	@echo "                        with standard input not a terminal, EggAI envelopes in and out (memory)"
	@echo "make kafka-broker       a local Kafka broker (KRaft) on localhost:19092 for trying that"
	@echo "make console            the web console on http://127.0.0.1:8484/ (ESCALATION_CONSOLE_PORT)"
	@echo "make test               run the whole test suite from scratch (mvn verify)"
	@echo "make test-fast          the unit tests only, for the edit-test loop (under 2 min; list in pom.xml)"
	@echo "make fuzz               fuzz the EggAI envelope and model-response parsers with Jazzer (5 min each)"
	@echo "make build              build $(JAR) if it is missing or older than the sources"
	@echo "make replay FILE=f      replay JSON lines from f (default: standard input) as JSON lines"
	@echo "make diagram            export the flow's state diagram to docs/ (Mermaid and SVG)"
	@echo "make verify             check the flow: reachability, dead ends, events, safe ticket creation"
	@echo "make impact FLOW=f      which stored conversations the flow file f would change (exit 1 if any)"
	@echo "make eval [SPLIT=dev]   evaluate with simulated customers: target/eval/report.md and .json"
	@echo "make compile-escalation-optimizer  train the offline model (FORCE=1 to overwrite a better one)"
	@echo "make bench              run the benchmarks (JMH, memory, scale, peers, cold start; ~10 min)"
	@echo "                        and write docs/benchmarks.md"
	@echo "make eggai-interop PYTHON=/path/to/venv/bin/python"
	@echo "                        drive serve on a fresh broker with the real eggai SDK 0.3.4 (not in make test)"
	@echo "make bench-scale        1, 2 and 3 serve instances on one broker and one PostgreSQL: turns/s,"
	@echo "                        latency, takeover after SIGKILL (~6 min); its section of docs/benchmarks.md"
	@echo "make clean              remove the build output"

# Unset ESCALATION_TRANSPORT means the chat at a terminal, and the EggAI envelopes over standard input
# and output (memory) when standard input is a pipe or a file.
start-escalation: $(JAR)
	@transport="$${ESCALATION_TRANSPORT:-}"; \
	if [ -z "$$transport" ]; then if [ -t 0 ]; then transport=console; else transport=memory; fi; fi; \
	case "$$transport" in \
	  console) exec $(JAVA) $(CHAT_JAVA_OPTS) -jar $(JAR) chat ;; \
	  *) ESCALATION_TRANSPORT="$$transport" exec $(JAVA) -jar $(JAR) serve ;; \
	esac

# The web console on the same database, flow and model settings as the other commands; loopback only
# unless ESCALATION_CONSOLE_BIND and ESCALATION_CONSOLE_TOKEN say otherwise.
console: $(JAR)
	$(JAVA) -jar $(JAR) console

# A single-node Kafka broker from the same Maven artifacts as the tests' in-process broker.
kafka-broker:
	$(MVN) -B -q $(MAVEN_ARGS) -f escalation-runner/src/test/kafka/pom.xml dependency:build-classpath \
	  -Dmdep.outputFile=$(CURDIR)/escalation-runner/target/kafka-broker.classpath
	bash escalation-runner/src/test/kafka/run-broker.sh escalation-runner/target/kafka-broker.classpath \
	  $(CURDIR)/escalation-runner/target/kafka-broker-data

# verify rather than test: it packages every module, so a module's tests never depend on a jar
# that only an earlier build left in target/ or ~/.m2.
test:
	$(MVN) -B $(MAVEN_ARGS) verify

test-escalation-agent: test

# The edit-test loop: compile and run the unit tests without packaging; the excluded slow tests are
# listed in the parent pom's `fast` profile. TEST= narrows it further (a -Dtest pattern).
test-fast:
	$(MVN) -B -q $(MAVEN_ARGS) -Pfast test $(if $(TEST),-Dtest='$(TEST)' -Dsurefire.failIfNoSpecifiedTests=false,)

# Coverage-guided fuzzing with Jazzer, one @FuzzTest per run (5 minutes each, set in the tests).
# A crashing input is written to the test's ...FuzzTestInputs/<method>/ resource directory: fix the
# parser and commit the input, so every build replays it (the *MutationTest classes).
FUZZ_TESTS := escalation-runner:EggAiCodecFuzzTest\#anyBytesGiveARequestNothingOrANamedRefusal \
  escalation-llm:ModelResponseFuzzTest\#anyCompletionBodyGivesACompletionOrAChatFailure \
  escalation-llm:ModelResponseFuzzTest\#anyEventStreamGivesACompletionOrAChatFailure
fuzz:
	@for target in $(FUZZ_TESTS); do \
	  module=$${target%%:*}; test=$${target#*:}; \
	  echo "fuzzing $$test"; \
	  JAZZER_FUZZ=1 $(MVN) -B -q $(MAVEN_ARGS) -pl $$module -am verify -Dtest="$$test" \
	    -Dsurefire.failIfNoSpecifiedTests=false || exit 1; \
	done

build: $(JAR)

# Only the runner and what it is built from: the LangChain4j, Spring AI and Spring Boot modules are not in it.
$(JAR): $(SOURCES)
	$(MVN) -B -q $(MAVEN_ARGS) -DskipTests package -pl escalation-runner -am
	@touch $(JAR)
	$(make-cds-archive)

FILE ?= -
replay: $(JAR)
	$(JAVA) -jar $(JAR) replay $(FILE)

diagram: $(JAR)
	$(JAVA) -jar $(JAR) diagram --format svg --out docs/flow.svg
	$(JAVA) -jar $(JAR) diagram --format mermaid --out docs/flow.mmd
	@echo "wrote docs/flow.svg and docs/flow.mmd (docs/flow.md embeds the Mermaid diagram)"

verify: $(JAR)
	$(JAVA) -jar $(JAR) verify

# A changed flow file against the stored conversations (read-only), as Markdown; ARGS= passes more
# options (--since 7d, --limit 100, --json, --reinterpret, --conversations replay-output.jsonl).
FLOW ?=
ARGS ?=
impact: $(JAR)
	@if [ -z "$(FLOW)" ]; then echo "usage: make impact FLOW=path/to/flow.yaml [ARGS='--since 7d']" >&2; exit 2; fi
	$(JAVA) -jar $(JAR) impact --flow $(FLOW) $(ARGS)

# The benchmarks module is built with the rest, but measured only here: JMH (-rf json), then each
# measurement section in a JVM of its own (so one's heap never counts in another's), then the generator
# turns the results into docs/benchmarks.md.
BENCH_DIR := escalation-benchmarks/target/bench
BENCH_JAVA = $(JAVA) -Xmx1g -cp escalation-benchmarks/target/classes:$$(cat escalation-benchmarks/target/classpath.txt)
bench:
	@mkdir -p escalation-benchmarks/target && date +%s > escalation-benchmarks/target/bench-started-at
	$(MVN) -B -q $(MAVEN_ARGS) -DskipTests package dependency:build-classpath \
	  -Dmdep.outputFile=target/classpath.txt -pl escalation-benchmarks -am
	$(make-cds-archive)
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR) && mv escalation-benchmarks/target/bench-started-at $(BENCH_DIR)/started-at
	$(BENCH_JAVA) org.openjdk.jmh.Main -rf json -rff $(BENCH_DIR)/jmh.json 'dev.escalation.benchmarks.*Benchmark'
	$(BENCH_JAVA) dev.escalation.benchmarks.Measurements memory $(BENCH_DIR)/memory.json
	$(BENCH_JAVA) dev.escalation.benchmarks.Measurements scale $(BENCH_DIR)/scale.json
	$(BENCH_JAVA) dev.escalation.benchmarks.Measurements tenk $(BENCH_DIR)/tenk.json
	$(BENCH_JAVA) dev.escalation.benchmarks.ImpactMeasurement $(BENCH_DIR)/impact.json
	$(BENCH_JAVA) dev.escalation.benchmarks.Measurements peers $(BENCH_DIR)/peers.json
	$(BENCH_JAVA) dev.escalation.benchmarks.Measurements coldstart $(BENCH_DIR)/coldstart.json $(JAR) $(CDS)
	$(BENCH_JAVA) dev.escalation.benchmarks.BenchmarkReport $(BENCH_DIR) docs/benchmarks.md "make bench"

# Several serve instances (JVMs of their own) on an in-process broker and an embedded PostgreSQL, from
# the runner's test class path (where that broker, that server and the load driver live); never part of
# make test. SCALE_ARGS passes system properties, e.g. SCALE_ARGS=-Dscale.instances=1,2.
SCALE_DIR := escalation-runner/target/bench-scale
SCALE_ARGS ?=
bench-scale:
	$(MVN) -B -q $(MAVEN_ARGS) -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
	  -Dmdep.outputFile=target/test-classpath.txt -pl escalation-runner -am
	rm -rf $(SCALE_DIR) && mkdir -p $(SCALE_DIR)
	$(JAVA) -Xmx1g $(SCALE_ARGS) -cp escalation-runner/target/test-classes:escalation-runner/target/classes:$$(cat escalation-runner/target/test-classpath.txt) \
	  dev.escalation.runner.eggai.ScaleOutMeasurement $(SCALE_DIR) docs/benchmarks.md

clean:
	$(MVN) -B -q $(MAVEN_ARGS) clean

# serve against the real eggai SDK: a broker and serve with default settings, a Triage-like publisher
# and a frontend-like subscriber that counts chat bubbles (scripts/eggai/README.md). Needs a Python with
# eggai 0.3.4, which no package index here serves, so it is not part of make test.
PYTHON ?=
eggai-interop: $(JAR)
	PYTHON="$(PYTHON)" MVN="$(MVN) $(MAVEN_ARGS)" bash scripts/eggai/interop.sh

# The simulated-customer evaluation (SPLIT=dev|train|all|holdout|blind; all is train and dev) on the configured model, offline unless
# ESCALATION_LANGUAGE_MODEL says otherwise; writes target/eval/report.md and report.json.
SPLIT ?= dev
eval: $(JAR)
	ESCALATION_LANGUAGE_MODEL=$${ESCALATION_LANGUAGE_MODEL:-offline} $(JAVA) -jar $(JAR) eval --split $(SPLIT)

# Trains the offline model's classifiers on the train split and writes ESCALATION_OPTIMIZED_PATH
# (default ./optimized_escalation.json) unless it scores lower on dev than the current one (FORCE=1).
# With a language model configured it also selects few-shot demonstrations (SEED=, CALL_BUDGET=).
compile-escalation-optimizer: $(JAR)
	$(JAVA) -jar $(JAR) optimize $(if $(filter 1 true yes,$(FORCE)),--force,) $(if $(SEED),--seed $(SEED),) \
	  $(if $(CALL_BUDGET),--call-budget $(CALL_BUDGET),)
