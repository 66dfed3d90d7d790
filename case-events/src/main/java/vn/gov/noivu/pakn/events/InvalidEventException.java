package vn.gov.noivu.pakn.events;

/** A record that is not a valid case event of this contract: it is parked on a dead-letter topic, never retried. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
