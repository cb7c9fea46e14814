package io.github.sentrygithubbridge;

/**
 * A request refused for what it is (too large, unsigned, malformed, unauthorised): answered with its HTTP status and
 * outcome (web/Replies). An answer, not a fault: no stack trace, which a flood of bad requests would otherwise pay
 * for every time.
 */
public class RefusedRequestException extends RuntimeException {

    private final int httpStatus;
    private final String outcome;

    public RefusedRequestException(int httpStatus, String outcome, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
        this.outcome = outcome;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The reply's status: rejected (who sent it) or invalid (what was sent). */
    public String outcome() {
        return outcome;
    }
}
