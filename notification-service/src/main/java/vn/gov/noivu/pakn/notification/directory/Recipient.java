package vn.gov.noivu.pakn.notification.directory;

import java.util.Set;

/**
 * A user of the directory who is to be told something: the username (the {@code upn} of their tokens), display
 * name, e-mail address (may be null) and realm roles.
 */
public record Recipient(String username, String name, String email, Set<String> roles) {
}
