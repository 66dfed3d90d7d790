package vn.gov.noivu.pakn.notification.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** What one user wants for one kind of notification; no row means the default, {@link Mode#IMMEDIATE}. */
@Entity
@Table(name = "preference")
public class Preference extends PanacheEntityBase {

    public enum Mode {
        /** e-mail at once, and in the inbox */
        IMMEDIATE,
        /** in the inbox at once, by e-mail once a day in one digest */
        DAILY_DIGEST,
        /** neither */
        OFF
    }

    @Embeddable
    public static class Key implements Serializable {
        public String username;
        public String kind;

        public Key() {
        }

        public Key(String username, String kind) {
            this.username = username;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(username, k.username) && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, kind);
        }
    }

    @EmbeddedId
    public Key id;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
