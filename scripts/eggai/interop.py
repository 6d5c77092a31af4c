"""Drives a running `serve` with the real eggai SDK, as the EggAI demo's agents would.

A Triage-like publisher sends each customer turn to the escalation agent on Channel("agents") (both
request forms the demo has used, with Triage's flattened history), and a Frontend-like subscriber on
Channel("human_stream") and Channel("human") counts chat bubbles as the demo's frontend adds them: one
for every agent_message_stream_end and one for every agent_message. Every turn must get exactly one
bubble, and each conversation must end with a ticket. Exit status 0 when so, 1 otherwise.

Usage: python interop.py BOOTSTRAP [CONVERSATIONS]   (run by scripts/eggai/interop.sh)
"""
import asyncio
import logging
import sys
import uuid
from collections import defaultdict

from eggai import Agent, Channel
from eggai.transport import KafkaTransport, eggai_set_default_transport

from demo_messages import TracedMessage, triage_request

TURNS = [
    "I've been trying to resolve this for weeks and I'm frustrated!",
    "My car insurance premium has been taken twice every month since March. I've called four times, and each"
    " time someone promises a refund, but nothing ever shows up on my bank statement.",
    "Yes, please create the ticket.",
]
ANSWER_WAIT = 60.0   # seconds for one turn's first bubble
SETTLE = 5.0         # seconds to wait after the last turn for bubbles that should not come


async def main(bootstrap, conversations):
    logging.disable(logging.INFO)  # FastStream logs every message received at INFO
    eggai_set_default_transport(lambda: KafkaTransport(bootstrap_servers=bootstrap))
    agents, human, human_stream = Channel("agents"), Channel("human"), Channel("human_stream")
    bubbles = defaultdict(list)          # request id -> [(kind, sender, text)]
    arrived = defaultdict(asyncio.Event)

    frontend = Agent("Frontend")
    group = f"interop-frontend-{uuid.uuid4().hex[:8]}"

    @frontend.subscribe(channel=human_stream, group_id=group + "-stream", auto_offset_reset="earliest")
    async def on_stream(message):
        if message.get("type") == "agent_message_stream_end":
            data = message.get("data", {})
            bubbles[data.get("message_id")].append(("stream_end", message.get("source"), data.get("message", "")))
            arrived[data.get("message_id")].set()

    @frontend.subscribe(channel=human, group_id=group + "-human", auto_offset_reset="earliest")
    async def on_human(message):
        if message.get("type") == "agent_message":
            data = message.get("data", {})
            bubbles[data.get("message_id")].append(("agent_message", data.get("agent"), data.get("message", "")))
            arrived[data.get("message_id")].set()

    await frontend.start()
    failures = []
    turns = 0
    try:
        for n in range(conversations):
            form = "escalation_request" if n % 2 == 0 else "ticketing_request"
            connection = f"interop-{uuid.uuid4().hex[:8]}"
            history = []
            for text in TURNS:
                history.append({"role": "user", "content": text, "agent": "User"})
                request = triage_request(form, history, connection, uuid.uuid4())
                # Triage tells the customer it is connecting them, as the demo's does.
                await human_stream.publish(TracedMessage(type="agent_message_stream_waiting_message",
                    source="Triage", data={"message_id": str(request.id), "connection_id": connection,
                                           "message": "Connecting you to EscalationAgent..."}))
                await agents.publish(request)
                turns += 1
                try:
                    await asyncio.wait_for(arrived[str(request.id)].wait(), ANSWER_WAIT)
                except TimeoutError:
                    failures.append(f"{connection} ({form}) turn {len(history) // 2 + 1}: no bubble in {ANSWER_WAIT} s")
                    break
                kind, sender, reply = bubbles[str(request.id)][0]
                print(f"{connection} {form:18} turn {len(history) // 2 + 1}: {kind} from {sender}: {reply[:90]!r}")
                if "EscalationAgent" in reply or "TargetAgent" in reply:
                    failures.append(f"{connection} ({form}): Triage's routing label reached the reply: {reply!r}")
                history.append({"role": "assistant", "content": reply, "agent": sender})
            last = bubbles.get(str(request.id), [])
            if last and "TK-" not in last[0][2]:
                failures.append(f"{connection} ({form}): the last reply names no ticket: {last[0][2]!r}")
        await asyncio.sleep(SETTLE)
    finally:
        await frontend.stop()
        await agents.stop()
        await human_stream.stop()
    counts = {request_id: len(found) for request_id, found in bubbles.items()}
    for request_id, count in counts.items():
        if count != 1:
            failures.append(f"request {request_id}: {count} bubbles {[k for k, _, _ in bubbles[request_id]]}")
    answered = sum(1 for c in counts.values() if c >= 1)
    print(f"interop: {turns} turns sent, {answered} answered, {sum(counts.values())} bubbles in the frontend's view")
    if failures:
        print("interop FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"interop passed: every one of the {turns} turns was answered exactly once")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4)))
