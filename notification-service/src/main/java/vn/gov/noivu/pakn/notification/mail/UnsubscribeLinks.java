package vn.gov.noivu.pakn.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.rules.Kind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The unsubscribe links of the e-mails: they work without signing in, so they carry who and what, signed with
 * HMAC-SHA256 (key {@code pakn.notification.unsubscribe.key}) and an expiry. Token:
 * {@code base64url(username \n kind \n expiry-epoch-seconds) "." base64url(hmac)}.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    public record Request(String username, Kind kind, Instant expiresAt) {
    }

    @Inject
    NotificationConfig config;

    public String token(String username, Kind kind, Instant now) {
        Instant expires = now.plus(config.unsubscribe().validity());
        String payload = username + "\n" + kind.name() + "\n" + expires.getEpochSecond();
        String p = b64(payload.getBytes(StandardCharsets.UTF_8));
        return p + "." + b64(mac(p));
    }

    public String url(String username, Kind kind, Instant now) {
        return config.links().self() + "/huy-dang-ky?t=" + URLEncoder.encode(token(username, kind, now),
                StandardCharsets.UTF_8);
    }

    /** The request a token stands for: empty when it is malformed, forged or expired. */
    public Optional<Request> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String p = token.substring(0, dot);
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sig, mac(p))) {
            return Optional.empty();
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.parse(parts[1]);
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (kind.isEmpty() || !expires.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Request(parts[0], kind.get(), expires));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.unsubscribe().key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
