package io.github.sentrygithubbridge.routes;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;

/** The calls a route made to GitHub, as a mock in its place received them: method and path. */
final class GitHubCalls {

    private GitHubCalls() {
    }

    /**
     * Takes every call to GitHub out to {@code mock:github}. camel-http sends a toD to the API's one endpoint with the
     * path as a header, and an intercept of an endpoint holds for the whole context once made: every route test
     * sends GitHub's calls to this one mock.
     */
    static void takeOut(org.apache.camel.builder.AdviceWithRouteBuilder route) {
        route.interceptSendToEndpoint("http://127.0.0.1:9*").skipSendToOriginalEndpoint().to("mock:github");
    }

    static List<String> of(MockEndpoint github) {
        return github.getReceivedExchanges().stream().map(e -> method(e) + " " + e.getMessage().getHeader(Exchange.HTTP_PATH, String.class)).toList();
    }

    /** The verb camel-http would send: the endpoint's httpMethod, which no header overrides, else the header. */
    static String method(Exchange call) {
        Matcher option = HTTP_METHOD_OPTION.matcher(call.getProperty(Exchange.INTERCEPTED_ENDPOINT, "", String.class));
        return option.find() ? option.group(1) : call.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    }

    private static final Pattern HTTP_METHOD_OPTION = Pattern.compile("[?&]httpMethod=([A-Z]+)");

    /** Answers as GitHub does: the status and the JSON body. */
    static void answer(Exchange exchange, int status, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(json);
    }
}
