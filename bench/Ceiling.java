import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ceiling this machine allows: the least a webhook receiver must do — verify the HMAC over the raw
 * bytes, parse the JSON with Jackson, answer 202 — on the JDK's own HTTP server, nothing else.
 * Run: java -cp JACKSON_JARS bench/Ceiling.java PORT SECRET
 */
public class Ceiling {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        SecretKeySpec key = new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        ObjectMapper json = new ObjectMapper();
        byte[] accepted = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
        byte[] rejected = "{\"status\":\"rejected\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/webhooks/sentry", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("Sentry-Hook-Signature");
            boolean valid = false;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                byte[] given = HexFormat.of().parseHex(signature == null ? "" : signature);
                valid = MessageDigest.isEqual(mac.doFinal(body), given);
            } catch (Exception e) {
                valid = false;
            }
            int status = 401;
            byte[] answer = rejected;
            if (valid) {
                JsonNode node = json.readTree(body);
                if (node.isObject()) {
                    status = 202;
                    answer = accepted;
                } else {
                    status = 400;
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // as many threads as Tomcat's default acceptor setup would keep busy on two cores
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.start();
        System.out.println("ceiling on 127.0.0.1:" + port);
    }
}
