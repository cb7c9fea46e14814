package io.github.sentrygithubbridge.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** A GitHub App's key pair for tests, made at runtime, with its private key in both PEM forms. */
public final class AppKeys {

    private final KeyPair pair;

    public AppKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    /** "BEGIN PRIVATE KEY": what openssl pkcs8 makes. */
    public String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** "BEGIN RSA PRIVATE KEY": the .pem file GitHub gives for an App. */
    public String pkcs1Pem() {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING { the PKCS#1 key } }
        int at = headerLength(pkcs8, 0) + 3 + 15;
        int content = at + headerLength(pkcs8, at);
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, content, pkcs8.length));
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
