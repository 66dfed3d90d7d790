package vn.gov.noivu.pakn.stack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import vn.gov.noivu.pakn.contract.Identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Issues the local stack's bearer tokens: RS256 JWTs signed with a key pair generated at first start and kept in
 * {@code keys/}. The services verify signature, issuer, audience and expiry with the public key
 * ({@link #publicKeyBase64()} as quarkus-oidc's {@code public-key}).
 */
public final class Tokens {

    private final Path keyDir;

    public Tokens(Path keyDir) {
        this.keyDir = keyDir;
    }

    public Path publicKeyPem() {
        return keyDir.resolve("jwt-public.pem");
    }

    /** The public key as base64 DER without the PEM armour, the form of quarkus-oidc's {@code public-key}. */
    public String publicKeyBase64() throws IOException {
        ensureKeys();
        return Files.readString(publicKeyPem()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private Path privateKeyPem() {
        return keyDir.resolve("jwt-private.pem");
    }

    /** Generates the key pair once. */
    public synchronized void ensureKeys() throws IOException {
        if (Files.exists(privateKeyPem()) && Files.exists(publicKeyPem())) {
            return;
        }
        try {
            Files.createDirectories(keyDir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            Path priv = privateKeyPem();
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(publicKeyPem(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private PrivateKey privateKey() throws IOException {
        String text = Files.readString(privateKeyPem()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("bad private key " + privateKeyPem(), e);
        }
    }

    /**
     * A token for a role. Scope: commune code for commune-official, comma-separated province codes for liaison, unit
     * code for department-head; none for leader and admin.
     */
    public String issue(String role, String scope, long ttlSeconds) throws IOException {
        if (!Identity.ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles: " + String.join(", ", Identity.ROLES));
        }
        ensureKeys();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Identity.LOCAL_ISSUER);
        claims.setAudience(Identity.AUDIENCE);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttlSeconds / 60f);
        claims.setGeneratedJwtId();
        List<String> groups = new ArrayList<>(List.of(role));
        String subject;
        switch (role) {
            case Identity.COMMUNE_OFFICIAL -> {
                int commune = parseCode(scope, "a commune code, e.g. `token commune-official 4`");
                claims.setClaim(Identity.CLAIM_COMMUNE, commune);
                subject = "commune-" + commune;
                claims.setClaim(Identity.CLAIM_NAME, "Cán bộ xã " + commune);
            }
            case Identity.LIAISON -> {
                if (scope == null || scope.isBlank()) {
                    throw new IllegalArgumentException("liaison needs province codes, e.g. `token liaison 1` or `1,79`");
                }
                List<Integer> provinces = Arrays.stream(scope.split(",")).map(String::trim)
                        .map(s -> parseCode(s, "province codes")).toList();
                claims.setClaim(Identity.CLAIM_PROVINCES, provinces);
                subject = "liaison-" + provinces.get(0);
                claims.setClaim(Identity.CLAIM_NAME, "Cán bộ phụ trách tỉnh " + provinces.get(0));
            }
            case Identity.DEPARTMENT_HEAD -> {
                if (scope == null || scope.isBlank()) {
                    throw new IllegalArgumentException("department-head needs a unit code, e.g. `token department-head VU-CQDP`");
                }
                claims.setClaim(Identity.CLAIM_UNIT, scope.trim());
                subject = "head-" + scope.trim();
                claims.setClaim(Identity.CLAIM_NAME, "Lãnh đạo " + scope.trim());
            }
            default -> {
                subject = role;
                claims.setClaim(Identity.CLAIM_NAME, role.equals(Identity.LEADER) ? "Lãnh đạo Bộ" : "Quản trị hệ thống");
            }
        }
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", groups);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IOException(e);
        }
    }

    private static int parseCode(String s, String what) {
        try {
            return Integer.parseInt(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + ", got '" + s + "'");
        }
    }
}
