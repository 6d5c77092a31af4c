# The escalation agent. Two commands matter: `make start-escalation` and `make test`.
# Needs JDK 17, Maven 3.8+ and make. MAVEN_ARGS is passed to every Maven call (e.g. MAVEN_ARGS=-o).

MVN ?= mvn
MAVEN_ARGS ?=
JAVA ?= java

JAR := escalation-runner/target/escalation-runner.jar
# Everything the jar is built from: when none of it is newer than the jar, nothing is rebuilt.
SOURCES := pom.xml $(wildcard escalation-*/pom.xml) $(shell find escalation-*/src -type f 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help start-escalation test test-escalation-agent build clean replay

help:
	@echo "make start-escalation   chat with the agent in the terminal (builds the jar if needed)"
	@echo "make test               run the whole test suite from scratch (mvn verify)"
	@echo "make build              build $(JAR) if it is missing or older than the sources"
	@echo "make replay FILE=f      replay JSON lines from f (default: standard input) as JSON lines"
	@echo "make clean              remove the build output"

start-escalation: $(JAR)
	$(JAVA) -jar $(JAR) chat

# verify rather than test: it packages every module, so a module's tests never depend on a jar
# that only an earlier build left in target/ or ~/.m2.
test:
	$(MVN) -B $(MAVEN_ARGS) verify

test-escalation-agent: test

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -B -q $(MAVEN_ARGS) -DskipTests package
	@touch $(JAR)

FILE ?= -
replay: $(JAR)
	$(JAVA) -jar $(JAR) replay $(FILE)

clean:
	$(MVN) -B -q $(MAVEN_ARGS) clean
