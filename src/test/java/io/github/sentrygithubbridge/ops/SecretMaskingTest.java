package io.github.sentrygithubbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    final SecretMasking masking = new SecretMasking(List.of("webhook-secret-value", "admin-token-value", "ab"));

    @Test
    void masksConfiguredSecretsWhereverTheyAppear() {
        assertThat(masking.mask("secret is webhook-secret-value, admin is admin-token-value."))
                .isEqualTo("secret is ****, admin is ****.");
    }

    @Test
    void ignoresSecretsTooShortToMaskSafely() {
        assertThat(masking.mask("about tabs")).isEqualTo("about tabs");
    }

    @Test
    void masksBearerHeadersAndGitHubTokenShapes() {
        assertThat(masking.mask("Authorization: Bearer abcdefghijklmnop")).isEqualTo("Authorization: Bearer ****");
        assertThat(masking.mask("token ghp_0123456789abcdefghij0123456789abcdef")).doesNotContain("ghp_0123");
        assertThat(masking.mask("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz")).isEqualTo("****");
    }

    @Test
    void masksSignaturesAndTheKeyOfASentryDsn() {
        String signature = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assertThat(masking.mask("Sentry-Hook-Signature=" + signature)).isEqualTo("Sentry-Hook-Signature=****");
        assertThat(masking.mask("dsn https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42"))
                .isEqualTo("dsn https://****@o1.ingest.sentry.io/42");
    }

    @Test
    void leavesOrdinaryTextAndSentryIdsAlone() {
        String line = "Opened GitHub issue #12 for Sentry issue 1117540176 (event e4874d664c3540c1a32eab185f12c5ab)";
        assertThat(masking.mask(line)).isEqualTo(line);
    }
}
