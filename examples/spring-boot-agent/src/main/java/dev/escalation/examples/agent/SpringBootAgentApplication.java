package dev.escalation.examples.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that escalates customer conversations over REST: the starter builds the
 * engine on the application's DataSource and its Spring AI chat model.
 *
 * <p>Example: {@code java -jar spring-boot-agent-example.jar --spring.datasource.url=jdbc:postgresql://...}.
 */
@SpringBootApplication
public class SpringBootAgentApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootAgentApplication.class, args);
    }
}
