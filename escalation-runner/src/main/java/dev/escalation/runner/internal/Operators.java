package dev.escalation.runner.internal;

/**
 * Who an operator's change to a ticket is recorded as, the same for {@code tickets update} and the
 * console: a bare name means {@code operator:NAME}, and no name means the login name ({@code $USER}).
 *
 * <p>Stateless and thread-safe. Not a published API. Example: {@code Operators.actor("ann", "root")}.
 */
public final class Operators {

    private Operators() {}

    /**
     * The audit trail's actor for a change made by {@code given}, or by {@code user} when none is given.
     *
     * @param given the name the operator gave, or null
     * @param user the login name, or null (then {@code operator})
     * @throws IllegalArgumentException if {@code given} is blank
     */
    public static String actor(String given, String user) {
        String name = given != null ? given.strip() : user == null || user.isBlank() ? "operator" : user.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the actor must not be blank");
        }
        // Audit entries name the kind of actor; an operator typing their name should not have to.
        return name.contains(":") ? name : "operator:" + name;
    }
}
