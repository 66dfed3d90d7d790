package vn.gov.noivu.pakn.intake.submission;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which submissions have their body read on the event loop (the rest take Quarkus REST's usual path). */
class SubmissionBodyRouteTest {

    @Test
    void smallJsonWithALengthIsReadEarly() {
        assertTrue(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json", "812"));
        assertTrue(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "Application/JSON; charset=UTF-8", "0"));
        assertTrue(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json",
                Long.toString(SubmissionBodyRoute.MAX_BYTES)));
    }

    @Test
    void everythingElseTakesTheUsualPath() {
        // bigger than a valid case, chunked (no length), a malformed length
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json",
                Long.toString(SubmissionBodyRoute.MAX_BYTES + 1)));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json", null));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json", "-1"));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json", "12 "));
        // multipart submissions (files), other types, other methods
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "multipart/form-data; boundary=x", "812"));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, "application/json-patch+json", "812"));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.POST, null, "812"));
        assertFalse(SubmissionBodyRoute.readsEarly(HttpMethod.GET, "application/json", "812"));
    }
}
