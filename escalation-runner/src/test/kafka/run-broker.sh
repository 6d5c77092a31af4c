#!/usr/bin/env bash
# A single-node Kafka broker (KRaft: broker and controller in one process, no ZooKeeper, no Docker) on
# localhost:19092, run from the Maven artifacts the tests use, for trying `serve` locally.
# Usage: run-broker.sh CLASSPATH_FILE [DATA_DIR]; Ctrl-C stops it. `make kafka-broker` runs it.
set -euo pipefail
classpath=$(cat "$1")
data=${2:-$(mktemp -d)}
port=${KAFKA_PORT:-19092}
mkdir -p "$data"
cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$((port + 1))
listeners=PLAINTEXT://localhost:${port},CONTROLLER://localhost:$((port + 1))
advertised.listeners=PLAINTEXT://localhost:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${data}/logs
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
if [[ ! -f "$data/logs/meta.properties" ]]; then
  cluster_id=$(java -cp "$classpath" kafka.tools.StorageTool random-uuid)
  java -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" -c "$data/server.properties" >&2
fi
echo "Kafka broker on localhost:${port} (data in ${data}); Ctrl-C stops it" >&2
exec java -cp "$classpath" kafka.Kafka "$data/server.properties"
