package io.github.sentrygithubbridge;

/**
 * A setting that can't work. Startup stops with one line naming the variable, what is wrong with its value, and a
 * good value ({@link InvalidSettingFailureAnalyzer}); secrets are never repeated back.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String variable;
    private final String example;

    /**
     * @param variable the environment variable, e.g. BRIDGE_GITHUB_TIMEOUT
     * @param shown    the value as it may be shown (null for a secret), or null when unset
     * @param problem  what is wrong with it, e.g. "must be a positive duration"
     * @param example  a good value, e.g. PT30S
     */
    public InvalidSettingException(String variable, String shown, String problem, String example) {
        super(variable + (shown == null ? "" : "=" + shown) + ": " + problem + "; for example " + variable + "=" + example);
        this.variable = variable;
        this.example = example;
    }

    public String variable() {
        return variable;
    }

    public String example() {
        return example;
    }
}
