import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub for the benchmark: answers every write at once, counts issue creations per Sentry issue (by the
 * bridge's marker), and tells its counts at GET /stats. Run: java bench/GitHubStandIn.java PORT
 */
public class GitHubStandIn {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger comments = new AtomicInteger();
        AtomicInteger labels = new AtomicInteger();
        Set<String> keys = ConcurrentHashMap.newKeySet();
        Pattern marker = Pattern.compile("sentry-github-bridge: (\\S+) ");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 201;
            String answer = "{}";
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/issues")) {
                // the bridge reads the issues already there at startup: none
                status = 200;
                answer = "[]";
            } else if (path.equals("/stats")) {
                status = 200;
                answer = "{\"creates\":" + creates.get() + ",\"distinct\":" + keys.size() + ",\"comments\":" + comments.get()
                        + ",\"labels\":" + labels.get() + "}";
            } else if (path.endsWith("/issues")) {
                int number = creates.incrementAndGet();
                Matcher m = marker.matcher(body);
                if (m.find()) {
                    keys.add(m.group(1));
                }
                answer = "{\"number\":" + number + "}";
            } else if (path.endsWith("/comments")) {
                comments.incrementAndGet();
            } else if (path.endsWith("/labels")) {
                labels.incrementAndGet();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-ratelimit-remaining", "4999");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("GitHub stand-in on 127.0.0.1:" + port);
    }
}
