package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.support.AppKeys;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in as a GitHub App against a GitHub stand-in that checks the JWT as GitHub does. */
class GitHubAppSignInTest {

    static final AppKeys KEYS = new AppKeys();

    final GitHubStandIn github = GitHubStandIn.start("no-personal-token");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void signsAJwtAsGitHubAsksAndReusesTheInstallationTokenUntilFiveMinutesBeforeItExpires() throws Exception {
        github.enableApp("4242", KEYS.publicKey(), 77, GitHubAppSignIn.RENEW_BEFORE_EXPIRY.plusSeconds(3));
        GitHubAppSignIn app = signIn(KEYS.pkcs1Pem(), null, null);

        SignedJWT jwt = SignedJWT.parse(app.jwt());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(KEYS.publicKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("4242");
        Instant issued = jwt.getJWTClaimsSet().getIssueTime().toInstant();
        assertThat(issued).isBetween(Instant.now().minusSeconds(62), Instant.now().minusSeconds(58));
        assertThat(Duration.between(issued, jwt.getJWTClaimsSet().getExpirationTime().toInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10));

        String first = app.token();
        assertThat(first).startsWith("ghs_");
        assertThat(app.token()).as("reused").isEqualTo(first);
        assertThat(github.appTokenRequests()).isEqualTo(1);
        assertThat(github.appInstallationLookups()).as("looked up from the repository, once").isEqualTo(1);

        // three seconds later it is within five minutes of its expiry: a new one
        String renewed = await().atMost(Duration.ofSeconds(10)).until(app::token, token -> !token.equals(first));
        assertThat(github.appTokenRequests()).isEqualTo(2);
        assertThat(github.appInstallationLookups()).isEqualTo(1);

        app.refused();
        assertThat(app.token()).as("a refused token is replaced").isNotEqualTo(renewed);
        assertThat(github.appTokenRequests()).isEqualTo(3);
    }

    @Test
    void looksTheInstallationUpOncePerRepositoryAndSharesATokenWithinOneInstallation() throws Exception {
        github.enableApp("4242", KEYS.publicKey(), 77, Duration.ofHours(1));
        GitHubAppSignIn app = signIn(KEYS.pkcs1Pem(), null, null);

        String shop = app.token("acme/shop");
        assertThat(app.token("acme/payments")).as("the same installation: the same token").isEqualTo(shop);
        assertThat(app.token("acme/payments")).isEqualTo(shop);
        assertThat(github.appInstallationLookups()).isEqualTo(2);
        assertThat(github.appTokenRequests()).isEqualTo(1);
    }

    @Test
    void readsTheKeyInEitherPemFormFromTextOrFileAndSkipsTheLookupWithAnInstallationId() throws Exception {
        github.enableApp("4242", KEYS.publicKey(), 77, Duration.ofHours(1));
        Path file = Files.writeString(dir.resolve("app.pem"), KEYS.pkcs8Pem());

        assertThat(signIn(KEYS.pkcs8Pem(), null, "77").token()).startsWith("ghs_");
        // the way an environment file often carries a PEM: on one line with \n
        assertThat(signIn(KEYS.pkcs1Pem().replace("\n", "\\n"), null, "77").token()).startsWith("ghs_");
        assertThat(signIn(null, file.toString(), "77").token()).startsWith("ghs_");
        assertThat(github.appInstallationLookups()).isZero();
    }

    @Test
    void aKeyFileIsReadOnlyUpToItsLimitAndOneOthersCanReadIsNamed() throws Exception {
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[GitHubAppSignIn.LARGEST_KEY_FILE + 1]);
        assertThatThrownBy(() -> GitHubAppSignIn.readKeyFile(huge)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("GITHUB_APP_PRIVATE_KEY_FILE=" + huge + ": is larger than 64 KiB");
        assertThatThrownBy(() -> GitHubAppSignIn.readKeyFile(Path.of("/dev/zero"))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("is larger than 64 KiB");

        Path key = dir.resolve("shared.pem");
        Files.writeString(key, KEYS.pkcs1Pem());
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(GitHubAppSignIn.readableByOthers(key)).isTrue();
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(GitHubAppSignIn.readableByOthers(key)).isFalse();
    }

    @Test
    void aKeyThatIsNoRsaKeyStopsStartupWithoutShowingIt() {
        assertThatThrownBy(() -> signIn("-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----", null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("GITHUB_APP_PRIVATE_KEY: is not an RSA private key in PEM")
                .hasMessageNotContaining("not a key");
        assertThatThrownBy(() -> signIn(null, dir.resolve("missing.pem").toString(), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("GITHUB_APP_PRIVATE_KEY_FILE=").hasMessageContaining("cannot be read");
    }

    @Test
    void aWrongKeyOrAMissingInstallationIsRefusedByGitHubAndHealthSaysWhy() {
        github.enableApp("4242", new AppKeys().publicKey(), 77, Duration.ofHours(1));
        GitHubProperties properties = properties("", new GitHubProperties.App("4242", KEYS.pkcs1Pem(), null, null));
        GitHubAccess access = new GitHubAccess(properties, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        assertThatThrownBy(() -> new GitHubAppSignIn(properties, Clock.systemUTC(), access).token())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("answered 401 (check GITHUB_APP_ID and the private key)");
        assertThat(access.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(access.health().getStatus().getDescription()).isEqualTo(
                "bad credentials: GitHub refused the App's JWT (check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY)");

        github.enableApp("4242", KEYS.publicKey(), 77, Duration.ofHours(1));
        GitHubProperties elsewhere = properties("", new GitHubProperties.App("4242", KEYS.pkcs1Pem(), null, "78"));
        assertThatThrownBy(() -> new GitHubAppSignIn(elsewhere, Clock.systemUTC(), access).token()).isInstanceOf(java.io.IOException.class);
        assertThat(access.health().getStatus().getDescription()).isEqualTo(
                "the GitHub App 4242 is not installed on acme/shop (or GITHUB_APP_INSTALLATION_ID is wrong)");
    }

    @Test
    void aTokenAndAnAppAtOnceStopStartupNamingBoth() {
        assertThatThrownBy(() -> properties("ghp_x", new GitHubProperties.App("4242", KEYS.pkcs1Pem(), null, null)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("GITHUB_APP_ID").hasMessageContaining("GITHUB_TOKEN");
        assertThatThrownBy(() -> properties("", new GitHubProperties.App("4242", null, null, null)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("GITHUB_APP_PRIVATE_KEY");
        assertThatThrownBy(() -> properties("", new GitHubProperties.App("my-app", KEYS.pkcs1Pem(), null, null)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("GITHUB_APP_ID=my-app: must be the App's numeric id");
        assertThat(properties("", new GitHubProperties.App("", null, null, null)).dryRun()).as("neither: the dry run").isTrue();
    }

    private GitHubAppSignIn signIn(String pem, String file, String installation) {
        return new GitHubAppSignIn(properties("", new GitHubProperties.App("4242", pem, file, installation)), Clock.systemUTC(), null);
    }

    private GitHubProperties properties(String token, GitHubProperties.App app) {
        return new GitHubProperties(token, "acme/shop", github.apiUrl(), "agent:builder", Duration.ofSeconds(1), 20, 3,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), app, null, null);
    }
}
