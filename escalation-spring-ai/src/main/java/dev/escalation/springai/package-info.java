/**
 * Spring AI in and out: {@link dev.escalation.springai.SpringAiLanguageModel} adapts any Spring AI
 * {@code ChatModel} to the escalation agent's {@code LanguageModel} port, and
 * {@link dev.escalation.springai.EscalationToolCallbacks} offers the hand-over to a Spring AI agent
 * as {@code ToolCallback}s.
 */
package dev.escalation.springai;
