package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webhook is public and unauthenticated: a huge body is refused unread, a chunked one is cut off at the limit, and
 * a crowd of clients that send headers and then stall neither holds up genuine deliveries nor stays connected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "bridge.webhook.max-body=64KB",
        "bridge.webhook.body-timeout=PT2S",
        "server.tomcat.connection-timeout=2s",
        "github.token=",
        "bridge.data-dir=${java.io.tmpdir}/bridge-hostile-${random.uuid}"
})
class HostileClientsTest {

    @LocalServerPort
    int port;

    @Test
    void aDeclaredBodyOverTheLimitGets413BeforeAByteOfItIsRead() throws IOException {
        try (Socket socket = connect()) {
            // 200 MB announced, none sent: the answer must come without waiting for it
            send(socket, head("Content-Length: 209715200"));

            String answer = readAnswer(socket, Duration.ofSeconds(3));

            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close").contains("\"status\":\"rejected\"");
        }
    }

    @Test
    void anOddSpellingOfAPathThatTakesABodyGetsTheSameGate() throws IOException {
        for (String path : List.of("/%77ebhooks/sentry", "/webhooks/%73entry", "/internal/%70review")) {
            try (Socket socket = connect()) {
                send(socket, head("Content-Length: 209715200").replace("POST /webhooks/sentry ", "POST " + path + " "));

                assertThat(readAnswer(socket, Duration.ofSeconds(3))).as(path).startsWith("HTTP/1.1 413");
            }
        }
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitAndTheConnectionClosed() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("Transfer-Encoding: chunked"));
            byte[] chunk = ("1000\r\n" + "x".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                // up to 1 MB in 4 KB chunks; the bridge stops reading at 64 KB
                for (int i = 0; i < 256; i++) {
                    socket.getOutputStream().write(chunk);
                }
            } catch (IOException closed) {
                // the bridge closed the connection: what it answered is still to be read
            }
            assertThat(readAnswer(socket, Duration.ofSeconds(3))).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void stalledClientsDoNotHoldUpGenuineDeliveriesAndAreDropped() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Socket socket = connect();
                send(socket, head("Content-Length: 1000") + "{");
                stalled.add(socket);
            }
            SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                byte[] body = eventAlert(Integer.toString(7400 + i));
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sentry"))
                        .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET).forEach(request::header);

                // within the second Sentry waits, whatever the stalled clients do
                HttpResponse<String> answer = sentry.send(request.build());

                assertThat(answer.statusCode()).isEqualTo(202);
            }
            // and the stalled ones are sent away once their body is overdue
            for (Socket socket : stalled) {
                await().atMost(Duration.ofSeconds(15)).until(() -> closedOrAnswered(socket));
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return socket;
    }

    private String head(String lengthHeader) {
        return "POST /webhooks/sentry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Sentry-Hook-Resource: event_alert\r\n" + lengthHeader + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAnswer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (answer.indexOf("}") > 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what came so far is the answer
        } catch (IOException reset) {
            // the connection was reset after the answer
        }
        return answer.toString();
    }

    private static boolean closedOrAnswered(Socket socket) {
        try {
            socket.setSoTimeout(200);
            // a byte of an answer (408), or the end of the stream
            socket.getInputStream().read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
