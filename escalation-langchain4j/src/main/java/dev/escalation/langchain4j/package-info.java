/**
 * LangChain4j in and out: {@link dev.escalation.langchain4j.LangChain4jLanguageModel} adapts any
 * LangChain4j {@code ChatModel} (and {@code StreamingChatModel}) to the escalation agent's
 * {@code LanguageModel} port, and {@link dev.escalation.langchain4j.EscalationTool} offers the
 * hand-over to a LangChain4j agent as {@code @Tool} methods.
 */
package dev.escalation.langchain4j;
