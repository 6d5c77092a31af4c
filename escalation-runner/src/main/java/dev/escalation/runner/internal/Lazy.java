package dev.escalation.runner.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use and kept: a setting read so that {@code --help} works whatever the
 * environment says, a part only some commands need. A failure is not kept; the next use tries again.
 *
 * <p>Thread-safe. Example: {@code Lazy<RunnerConfig> config = new Lazy<>(() -> RunnerConfig.fromEnvironment(env));}.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
        this.make = Objects.requireNonNull(make, "make");
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = Objects.requireNonNull(make.get(), "a lazy value");
        }
        return value;
    }
}
