"""Records golden EggAI messages: publishes Triage's requests through the real eggai SDK to a Kafka
broker, then reads the raw records back (topic, partition, key, headers, value) as JSON lines.

Used by hand only (see escalation-runner/src/test/resources/eggai-golden/README.md); the build never
runs it. Usage: python record_golden.py BOOTSTRAP OUT_DIR
"""
import asyncio
import json
import sys
import uuid

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from eggai import Channel
from eggai.transport import KafkaTransport, eggai_set_default_transport

from demo_messages import triage_request

FIRST = "I've been trying to resolve this for weeks and I'm frustrated!"
SECOND = ("My car insurance premium has been taken twice every month since March. I've called four times,"
          " and each time someone promises a refund, but nothing ever shows up on my bank statement.\n"
          "Policy A12345, email ana@example.com.")
THIRD = "Yes, please create the ticket."
REPLY_1 = "I'm sorry to hear that. Could you describe the problem in a bit more detail?"
REPLY_2 = "Here's what I have: Department: Billing. Shall I create the ticket?"


def turns():
    """The three chat histories the Frontend holds before each customer turn (its `agent` names)."""
    history = [{"role": "user", "content": FIRST, "agent": "User"}]
    yield list(history)
    history += [{"role": "assistant", "content": REPLY_1, "agent": "Escalation"},
                {"role": "user", "content": SECOND, "agent": "User"}]
    yield list(history)
    history += [{"role": "assistant", "content": REPLY_2, "agent": "Escalation"},
                {"role": "user", "content": THIRD, "agent": "User"}]
    yield list(history)


async def record(bootstrap, out_dir):
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.delete_topics(["eggai.agents"])
        await asyncio.sleep(2)
    except Exception as e:
        print(f"no topic to delete: {e}")
    finally:
        await admin.close()
    eggai_set_default_transport(lambda: KafkaTransport(bootstrap_servers=bootstrap))
    agents = Channel("agents")
    for form in ("escalation_request", "ticketing_request"):
        connection = f"golden-{form}"
        for history in turns():
            # Today's Triage sends its span as traceparent; the first demo's golden records carry none.
            trace = f"00-{uuid.uuid4().hex}-{uuid.uuid4().hex[:16]}-01" if form == "escalation_request" else None
            await agents.publish(triage_request(form, history, connection, uuid.uuid4(), trace))
    await agents.stop()

    consumer = AIOKafkaConsumer(agents.get_name(), bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=None)
    await consumer.start()
    records = []
    try:
        while len(records) < 6:
            batch = await consumer.getmany(timeout_ms=5000)
            if not batch:
                break
            for partition_records in batch.values():
                records.extend(partition_records)
    finally:
        await consumer.stop()
    by_form = {}
    for r in sorted(records, key=lambda r: r.timestamp):
        value = json.loads(r.value)
        by_form.setdefault(value["type"], []).append({
            "topic": r.topic, "partition": r.partition, "key": None if r.key is None else r.key.decode(),
            "headers": [[name, v.decode()] for name, v in r.headers], "value": r.value.decode("utf-8")})
    for form, lines in by_form.items():
        with open(f"{out_dir}/{form}.jsonl", "w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{form}: {len(lines)} records")


if __name__ == "__main__":
    asyncio.run(record(sys.argv[1], sys.argv[2]))
