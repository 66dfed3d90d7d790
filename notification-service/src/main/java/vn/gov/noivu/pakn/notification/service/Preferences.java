package vn.gov.noivu.pakn.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.notification.entity.Preference;
import vn.gov.noivu.pakn.notification.rules.Kind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What each user wants per kind of notification (default: immediately). */
@ApplicationScoped
public class Preferences {

    public static final Preference.Mode DEFAULT = Preference.Mode.IMMEDIATE;

    /** The mode of one kind for one user. */
    @Transactional
    public Preference.Mode mode(String username, Kind kind) {
        Preference p = Preference.findById(new Preference.Key(username, kind.name()));
        return p == null ? DEFAULT : p.mode;
    }

    /** Every kind the user's roles receive, with its mode. */
    @Transactional
    public Map<Kind, Preference.Mode> of(String username, Set<String> roles) {
        Map<Kind, Preference.Mode> out = new LinkedHashMap<>();
        List<Kind> kinds = Kind.forRoles(roles);
        kinds.forEach(k -> out.put(k, DEFAULT));
        List<Preference> saved = Preference.list("id.username", username);
        for (Preference p : saved) {
            Kind.parse(p.id.kind).filter(out::containsKey).ifPresent(k -> out.put(k, p.mode));
        }
        return out;
    }

    /** Sets modes; a kind the user does not receive, or an unknown one, is refused (422) and nothing is changed. */
    @Transactional
    public void set(String username, Set<String> roles, Map<String, String> modes) {
        List<Kind> allowed = Kind.forRoles(roles);
        Map<Kind, Preference.Mode> parsed = new LinkedHashMap<>();
        for (var e : modes.entrySet()) {
            Kind kind = Kind.parse(e.getKey()).filter(allowed::contains).orElseThrow(() -> ProblemException.invalid(
                    "kind", "loại thông báo '" + e.getKey() + "' không áp dụng cho tài khoản này"));
            Preference.Mode mode;
            try {
                mode = Preference.Mode.valueOf(e.getValue() == null ? "" : e.getValue());
            } catch (IllegalArgumentException ex) {
                throw ProblemException.invalid("mode", "chế độ phải là IMMEDIATE, DAILY_DIGEST hoặc OFF");
            }
            parsed.put(kind, mode);
        }
        parsed.forEach((kind, mode) -> set(username, kind, mode));
    }

    @Transactional
    public void set(String username, Kind kind, Preference.Mode mode) {
        Preference p = Preference.findById(new Preference.Key(username, kind.name()));
        if (p == null) {
            p = new Preference();
            p.id = new Preference.Key(username, kind.name());
            p.mode = mode;
            p.updatedAt = Instant.now();
            p.persist();
        } else {
            p.mode = mode;
            p.updatedAt = Instant.now();
        }
    }
}
