package vn.gov.noivu.pakn.events;

/**
 * Who did something: the subject of the verified token (or {@code system} for automatic steps), the role they acted
 * in and a display name.
 */
public record Actor(String id, String role, String name) {

    public static final Actor SYSTEM = new Actor("system", "system", "Hệ thống");
}
