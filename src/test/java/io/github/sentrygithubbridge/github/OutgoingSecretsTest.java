package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class OutgoingSecretsTest {

    final OutgoingSecrets secrets = new OutgoingSecrets(new MockEnvironment()
            .withProperty("github.token", "ghp_0123456789abcdef")
            .withProperty("bridge.webhook.secret", "old-sentry-secret, new-sentry-secret")
            .withProperty("bridge.admin-token", "admin-token-42")
            .withProperty("bridge.store.db-password", "short")
            .withProperty("github.app.private-key", "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\\n-----END RSA PRIVATE KEY-----"));

    @Test
    void namesTheVariableOfASecretATextHolds() {
        assertThat(secrets.foundIn("team:ghp_0123456789abcdef")).isEqualTo("GITHUB_TOKEN");
        assertThat(secrets.foundIn("new-sentry-secret")).as("each secret of a rotation list").isEqualTo("SENTRY_WEBHOOK_SECRET");
        assertThat(secrets.foundIn("x MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo")).isEqualTo("GITHUB_APP_PRIVATE_KEY");
        assertThat(secrets.foundIn("team:payments")).isNull();
        assertThat(secrets.foundIn("short")).as("too short to tell from a word").isNull();
    }

    @Test
    void masksEverySecretInAText() {
        assertThat(secrets.masked("token ghp_0123456789abcdef and admin-token-42")).isEqualTo("token **** and ****");
    }
}
