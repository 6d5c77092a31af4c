#!/usr/bin/env bash
# `make eggai-interop PYTHON=/path/to/venv/bin/python`: starts a Kafka broker and `serve` with default
# settings (only the broker address, the database file and the offline model set), then drives them
# with the real eggai SDK (interop.py) and fails unless every turn is answered exactly once in the
# frontend's view. Needs a Python with eggai 0.3.4 (see scripts/eggai/README.md); not part of make test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
python=${PYTHON:?set PYTHON to a python with eggai 0.3.4, e.g. make eggai-interop PYTHON=/tmp/eggai-venv/bin/python}
"$python" -c 'import eggai, sys; sys.exit(0 if eggai.__version__ == "0.3.4" else "eggai " + eggai.__version__ + " is not 0.3.4")'
jar=escalation-runner/target/escalation-runner.jar
classpath=escalation-runner/target/kafka-broker.classpath
[[ -f $classpath ]] || ${MVN:-./mvnw} -B -q -f escalation-runner/src/test/kafka/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_port() { # port seconds what
  for _ in $(seq 1 $(($2 * 5))); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "eggai-interop: $3 did not listen on port $1 within $2 s" >&2; return 1
}

kafka_port=$(free_port)
KAFKA_PORT=$kafka_port bash escalation-runner/src/test/kafka/run-broker.sh "$classpath" "$work/kafka" \
  > "$work/broker.log" 2>&1 &
pids+=($!)
await_port "$kafka_port" 90 "the Kafka broker" || { tail -20 "$work/broker.log" >&2; exit 1; }

metrics_port=$(free_port)
# INTEROP_REPLY_FORM=both shows what the checker catches: every reply twice in the frontend's view.
env -u EGGAI_NAMESPACE -u DEPLOYMENT_NAMESPACE -u ESCALATION_DEPLOYMENT_NAMESPACE -u CHANNEL_DEPLOYMENT_NAMESPACE \
  ESCALATION_REPLY_FORM="${INTEROP_REPLY_FORM:-}" ESCALATION_TRANSPORT=kafka ESCALATION_KAFKA_BOOTSTRAP_SERVERS="localhost:$kafka_port" \
  ESCALATION_TICKET_DATABASE_PATH="$work/tickets.db" ESCALATION_LANGUAGE_MODEL=offline \
  ESCALATION_PROMETHEUS_METRICS_PORT="$metrics_port" java -jar "$jar" serve > "$work/serve.out" 2> "$work/serve.log" &
pids+=($!)
ready=""
for _ in $(seq 1 300); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://localhost:$metrics_port/readyz', timeout=2)" 2>/dev/null; then
    ready=yes; break
  fi
  sleep 0.2
done
[[ -n $ready ]] || { echo "eggai-interop: serve never said ready on /readyz" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
grep -m1 "serving on" "$work/serve.log" >&2 || true

status=0
(cd scripts/eggai && "$python" interop.py "localhost:$kafka_port" "${CONVERSATIONS:-4}") || status=$?
if [[ $status -ne 0 ]]; then
  echo "--- serve's log ---" >&2; tail -30 "$work/serve.log" >&2
fi
exit $status
