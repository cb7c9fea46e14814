package io.github.sentrygithubbridge.web;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Reads the raw request bytes, which the signature covers, and stops at BRIDGE_MAX_BODY. */
@Component("webhookBody")
public class WebhookBody {

    private final long limit;

    public WebhookBody(WebhookProperties properties) {
        this.limit = properties.maxBody().toBytes();
    }

    public byte[] read(@Body InputStream body, @Header("Content-Length") Long declaredLength) throws IOException {
        if (declaredLength != null && declaredLength > limit) {
            throw new PayloadTooLargeException(limit);
        }
        if (body == null) {
            return new byte[0];
        }
        // read one byte past the limit to tell "exactly the limit" from "more"
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return bytes;
    }
}
