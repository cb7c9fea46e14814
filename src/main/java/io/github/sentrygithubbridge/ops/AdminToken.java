package io.github.sentrygithubbridge.ops;

import io.github.sentrygithubbridge.RefusedRequestException;
import io.github.sentrygithubbridge.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Guards /internal/*: without BRIDGE_ADMIN_TOKEN they do not exist; with it they need it as a Bearer token. */
@Component("adminToken")
public class AdminToken {

    /** The endpoint is switched off: answered as if it did not exist. */
    public static class NotEnabledException extends RuntimeException {
        public NotEnabledException() {
            super("not found");
        }
    }

    /** A request without the right Bearer token. */
    public static class UnauthorizedException extends RefusedRequestException {
        public UnauthorizedException() {
            super(401, "rejected", "missing or wrong Authorization: Bearer token");
        }
    }

    private final byte[] token;

    public AdminToken(@Value("${bridge.admin-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the request's own Authorization header (never a query parameter or form field of that name). */
    public void checkRequest(Message request) {
        check(RequestHeaders.header(request, "Authorization"));
    }

    public void check(String authorization) {
        if (token == null) {
            throw new NotEnabledException();
        }
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException();
        }
    }

    @Override
    public String toString() {
        return "AdminToken[" + (token == null ? "off" : "****") + "]";
    }
}
