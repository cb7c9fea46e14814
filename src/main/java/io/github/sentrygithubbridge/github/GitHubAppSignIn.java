package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.sentrygithubbridge.InvalidSettingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs in as a GitHub App: a JWT (RS256, iss = the App's id, iat a minute back for clock drift, exp nine minutes
 * ahead) is exchanged for an installation token, which is reused until five minutes before it expires, or until
 * GitHub refuses it (401). The installation is GITHUB_APP_INSTALLATION_ID, or looked up once per repository (an App
 * may be installed on several organisations, each an installation with its own tokens). The key, the JWTs and the
 * tokens are never logged.
 */
public class GitHubAppSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubAppSignIn.class);
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration JWT_BACKDATE = Duration.ofSeconds(60);
    static final Duration JWT_LIFETIME = Duration.ofMinutes(9);

    private final String appId;
    private final RSASSASigner signer;
    private final String apiUrl;
    private final String repository;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final GitHubAccess access;
    /** GITHUB_APP_INSTALLATION_ID, or null: then looked up per repository. */
    private final String installationId;
    /** owner/name, lower case → installation id. */
    private final java.util.Map<String, String> installations = new java.util.HashMap<>();
    /** installation id → its token. */
    private final java.util.Map<String, Token> tokens = new java.util.HashMap<>();

    private record Token(String value, Instant expiresAt) {
    }

    GitHubAppSignIn(GitHubProperties github, Clock clock, GitHubAccess access) {
        this.access = access;
        GitHubProperties.App app = github.app();
        this.appId = app.id().strip();
        this.signer = new RSASSASigner(privateKey(app));
        this.apiUrl = github.apiUrl().replaceAll("/+$", "");
        this.repository = github.repository();
        this.timeout = github.timeout();
        this.clock = clock;
        this.installationId = app.installationId() == null || app.installationId().isBlank() ? null : app.installationId().strip();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The token for GITHUB_REPOSITORY. */
    String token() throws IOException {
        return token(repository);
    }

    /** An installation token for the repository, fetched when there is none or it expires within five minutes. */
    synchronized String token(String forRepository) throws IOException {
        String installation = installation(forRepository == null ? repository : forRepository);
        Token token = tokens.get(installation);
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            JsonNode answer = call("POST", "/app/installations/" + installation + "/access_tokens", 201);
            String fresh = answer.path("token").asText(null);
            if (fresh == null || fresh.isBlank()) {
                throw new IOException("GitHub's answer to the installation token request has no token");
            }
            token = new Token(fresh, expiry(answer.path("expires_at").asText(null)));
            tokens.put(installation, token);
            LOG.info("Signed in as GitHub App {} (installation {}); the token is good until {}", appId, installation, token.expiresAt());
        }
        return token.value();
    }

    /** The login the App writes as: {@code <slug>[bot]}. */
    String botLogin() throws IOException {
        String slug = call("GET", "/app", 200).path("slug").asText(null);
        if (slug == null || slug.isBlank()) {
            throw new IOException("GET /app answered no slug");
        }
        return slug + "[bot]";
    }

    /** GitHub refused a token (401): the next request gets a new one. */
    synchronized void refused() {
        if (!tokens.isEmpty()) {
            LOG.warn("GitHub refused the GitHub App's installation token: a new one is fetched for the next request");
        }
        tokens.clear();
    }

    /** The JWT that signs in as the App itself. */
    String jwt() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(appId)
                .issueTime(Date.from(now.minus(JWT_BACKDATE))).expirationTime(Date.from(now.plus(JWT_LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("The GitHub App's JWT could not be signed: " + e.getClass().getSimpleName(), e);
        }
        return jwt.serialize();
    }

    private String installation(String forRepository) throws IOException {
        if (installationId != null) {
            return installationId;
        }
        String key = forRepository.toLowerCase(java.util.Locale.ROOT);
        String found = installations.get(key);
        if (found == null) {
            found = call("GET", "/repos/" + forRepository + "/installation", 200).path("id").asText(null);
            if (found == null) {
                throw new IOException("GitHub's answer to GET /repos/" + forRepository + "/installation has no id");
            }
            installations.put(key, found);
            LOG.info("GitHub App {} is installed on {} as installation {}", appId, forRepository, found);
        }
        return found;
    }

    /**
     * A REST call outside the routes (signing in, the bridge's own login), with the headers GitHub asks of every
     * call and no body.
     */
    static HttpResponse<String> send(HttpClient http, String method, String url, String bearer, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "sentry-github-bridge")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling GitHub", e);
        }
    }

    private JsonNode call(String method, String path, int expected) throws IOException {
        HttpResponse<String> answer = send(http, method, apiUrl + path, jwt(), timeout);
        if (access != null) {
            access.answered(method + " " + path, answer.statusCode(), false);
        }
        if (answer.statusCode() == 404 && path.endsWith("/access_tokens")) {
            // the App was installed anew (a new installation id): look it up again next time
            installations.clear();
        }
        if (answer.statusCode() != expected) {
            throw new IOException("GitHub App sign-in: " + method + " " + path + " answered " + answer.statusCode()
                    + (answer.statusCode() == 401 ? " (check GITHUB_APP_ID and the private key)"
                    : answer.statusCode() == 404 ? " (is the App installed on the repository?)" : ""));
        }
        return json.readTree(answer.body());
    }

    private Instant expiry(String text) {
        try {
            return text == null ? clock.instant().plus(Duration.ofMinutes(10)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return clock.instant().plus(Duration.ofMinutes(10));
        }
    }

    /** The key as GitHub gives it (PKCS#1, "RSA PRIVATE KEY") or converted (PKCS#8, "PRIVATE KEY"). */
    static PrivateKey privateKey(GitHubProperties.App app) {
        String pem;
        String variable = app.privateKey() != null && !app.privateKey().isBlank() ? "GITHUB_APP_PRIVATE_KEY" : "GITHUB_APP_PRIVATE_KEY_FILE";
        if (variable.equals("GITHUB_APP_PRIVATE_KEY")) {
            // an environment variable often carries the line breaks as \n
            pem = app.privateKey().replace("\\n", "\n");
        } else {
            pem = readKeyFile(Path.of(app.privateKeyFile().strip()));
        }
        boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
        String base64 = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidSettingException(variable, variable.endsWith("FILE") ? app.privateKeyFile() : null,
                    "is not an RSA private key in PEM (the .pem file GitHub gives for the App, or its PKCS#8 form)",
                    variable.endsWith("FILE") ? "/etc/sentry-github-bridge/app.pem" : "\"$(cat app.pem)\"");
        }
    }

    /** An RSA key in PEM is about 2 KiB: a file many times larger is not one (or is /dev/zero). */
    static final int LARGEST_KEY_FILE = 64 * 1024;

    /** Reads at most {@link #LARGEST_KEY_FILE} bytes of the key file, and warns when other users can read it. */
    static String readKeyFile(Path file) {
        String variable = "GITHUB_APP_PRIVATE_KEY_FILE";
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(LARGEST_KEY_FILE + 1);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(variable, file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")",
                    "/etc/sentry-github-bridge/app.pem");
        }
        if (bytes.length > LARGEST_KEY_FILE) {
            throw new InvalidSettingException(variable, file.toString(), "is larger than " + LARGEST_KEY_FILE / 1024
                    + " KiB: not a private key (the App's .pem is about 2 KiB)", "/etc/sentry-github-bridge/app.pem");
        }
        if (readableByOthers(file)) {
            LOG.warn("GITHUB_APP_PRIVATE_KEY_FILE={} can be read by other users of this machine: make it readable by the bridge's "
                    + "user only (chmod 600)", file);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Whether the group or anyone else may read it; false where the file system has no POSIX permissions. */
    static boolean readableByOthers(Path file) {
        try {
            var permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Wraps a PKCS#1 RSA key in the PKCS#8 structure the JDK reads: version 0, the rsaEncryption algorithm, the key. */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(algorithm);
        content.writeBytes(der(0x04, pkcs1));
        return der(0x30, content.toByteArray());
    }

    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
