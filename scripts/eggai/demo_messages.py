"""The EggAI demo's message shapes, rebuilt on the real eggai SDK for recording and interop runs.

Mirrors (read, not copied) what github eggai-tech/eggai-demo does: its TracedMessage (eggai's Message
plus tracestate and service_tier), the Triage agent's flattening of the chat history
(`agent: content` lines) and its routing request, whose single user message ends with the target
label. The first demo's TargetAgent was `class TargetAgent(str, Enum)`, which Python 3.11 formats as
`TargetAgent.EscalationAgent`; today's is a StrEnum, formatted `EscalationAgent`.
"""
from enum import Enum, StrEnum

from eggai.schemas import Message
from pydantic import Field


class TracedMessage(Message):
    tracestate: str | None = Field(default=None)
    service_tier: str | None = Field(default="standard")


# Named TargetAgent like the first demo's, so that it formats the same way.
FirstDemoTargetAgent = Enum("TargetAgent", {"EscalationAgent": "EscalationAgent"}, type=str)


class TargetAgent(StrEnum):
    EscalationAgent = "EscalationAgent"


# (request type, target label) of each form Triage has sent to the escalation agent.
FORMS = {
    "escalation_request": ("escalation_request", TargetAgent.EscalationAgent),
    "ticketing_request": ("ticketing_request", FirstDemoTargetAgent.EscalationAgent),
}


def conversation_string(chat_messages):
    """The Triage agent's flattening: one `agent: content` line per non-empty message."""
    parts = [f"{chat.get('agent', 'User')}: {chat['content']}" for chat in chat_messages if chat.get("content")]
    return "\n".join(parts) + "\n"


def triage_request(form, chat_messages, connection_id, user_message_id, traceparent=None):
    """The request Triage publishes on the agents channel for the escalation agent."""
    message_type, target = FORMS[form]
    return TracedMessage(
        type=message_type,
        source="Triage",
        data={
            "chat_messages": [{"role": "user", "content": f"{conversation_string(chat_messages)} \n{target}: "}],
            "message_id": user_message_id,
            "connection_id": connection_id,
        },
        traceparent=traceparent,
    )
