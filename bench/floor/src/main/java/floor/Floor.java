package floor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** The framework's floor: a Camel platform-http YAML route on Spring Boot + Tomcat doing the ceiling's work. */
@SpringBootApplication
public class Floor {

    public static void main(String[] args) {
        SpringApplication.run(Floor.class, args);
    }

    /** HMAC-SHA256 over the exact bytes, as Ceiling.java and the bridge check it. */
    @Component("signature")
    public static class Signature {

        private final SecretKeySpec key;

        public Signature(@Value("${floor.secret}") String secret) {
            this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }

        public boolean valid(@Body byte[] body, @Header("Sentry-Hook-Signature") String signature) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                byte[] given = HexFormat.of().parseHex(signature == null ? "" : signature);
                return MessageDigest.isEqual(mac.doFinal(body), given);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
