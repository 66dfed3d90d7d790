package vn.gov.noivu.pakn.notification.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.notification.service.Preferences;

import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's notification preferences: per kind, IMMEDIATE, DAILY_DIGEST or OFF. */
@Path("/api/v1/preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "preferences", description = "Cài đặt nhận thông báo")
public class PreferencesResource {

    @Inject
    Caller caller;

    @Inject
    Preferences preferences;

    @GET
    @Operation(summary = "Các loại thông báo của vai trò người gọi và chế độ nhận của từng loại")
    public Views.PreferencesView get() {
        return view();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Đổi chế độ nhận (IMMEDIATE, DAILY_DIGEST, OFF) của một hoặc nhiều loại thông báo")
    public Views.PreferencesView put(Views.PreferencesChange change) {
        if (change == null || change.preferences() == null) {
            throw ProblemException.invalid("preferences", "bắt buộc");
        }
        Map<String, String> modes = new LinkedHashMap<>();
        for (Views.PreferenceChange c : change.preferences()) {
            if (c == null || c.kind() == null) {
                throw ProblemException.invalid("kind", "bắt buộc");
            }
            modes.put(c.kind(), c.mode());
        }
        preferences.set(caller.id(), caller.roles(), modes);
        return view();
    }

    private Views.PreferencesView view() {
        return new Views.PreferencesView(preferences.of(caller.id(), caller.roles()).entrySet().stream()
                .map(e -> new Views.PreferenceView(e.getKey().name(), e.getKey().label, e.getValue().name()))
                .toList());
    }
}
