/**
 * Language model adapters for the escalation engine: {@link dev.escalation.llm.OpenAiCompatibleModel}
 * talks to LM Studio, OpenAI, Ollama or any OpenAI-compatible server; {@link dev.escalation.llm.LanguageModels}
 * creates the model a {@link dev.escalation.llm.LanguageModelConfig} describes (the offline model for
 * {@code offline}). Everything in {@code dev.escalation.llm.internal} is an implementation detail. Nothing
 * here is null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.escalation.llm;

import org.jspecify.annotations.NullMarked;
