package io.github.sentrygithubbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebhookBodyTest {

    final WebhookBody body = new WebhookBody(new WebhookProperties("s", DataSize.ofBytes(10), Duration.ofMinutes(5)));

    @Test
    void readsTheExactBytesUpToTheLimit() throws IOException {
        byte[] ten = "0123456789".getBytes();
        assertThat(body.read(new ByteArrayInputStream(ten), 10L)).isEqualTo(ten);
        assertThat(body.read(new ByteArrayInputStream(ten), null)).isEqualTo(ten);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[5]);
        assertThatThrownBy(() -> body.read(in, 11L)).isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("10 bytes");
        assertThat(in.available()).isEqualTo(5);
    }

    @Test
    void refusesAnUndeclaredBodyOverTheLimit() {
        assertThatThrownBy(() -> body.read(new ByteArrayInputStream(new byte[11]), null)).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void readsAMissingBodyAsEmpty() throws IOException {
        assertThat(body.read(null, null)).isEmpty();
    }
}
