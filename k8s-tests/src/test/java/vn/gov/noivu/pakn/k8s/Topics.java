package vn.gov.noivu.pakn.k8s;

import vn.gov.noivu.pakn.contract.Identity;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The event contract of case-events (a test dependency): topics and partitions, roles, the scope claims. */
final class Topics {

    private Topics() {
    }

    /** Topic name -> partitions: {@code vn.gov.noivu.pakn.events.Topics.ALL}. */
    static Map<String, Integer> read(Path repo) {
        return new TreeMap<>(vn.gov.noivu.pakn.events.Topics.ALL);
    }

    /** {@link Identity#ROLES}. */
    static Set<String> roles(Path repo) {
        return new LinkedHashSet<>(Identity.ROLES);
    }

    /** The scope claims of Identity (CLAIM_* constants) except the display name, which every OIDC profile carries. */
    static Set<String> claims(Path repo) {
        Set<String> out = new LinkedHashSet<>();
        for (Field f : Identity.class.getFields()) {
            if (f.getName().startsWith("CLAIM_") && !f.getName().equals("CLAIM_NAME")
                    && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
