/**
 * Spring Boot auto-configuration of the escalation agent: {@link dev.escalation.spring.boot.EscalationAutoConfiguration}
 * builds the engine, its stores on the application's {@code DataSource}, its language model (the
 * application's own model bean when there is one), Micrometer metrics and an Actuator health
 * indicator, from {@link dev.escalation.spring.boot.EscalationProperties}; each bean backs off when
 * the application defines its own.
 */
package dev.escalation.spring.boot;
