package vn.gov.noivu.pakn.commons.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one call of notification-service's inbox API the pages make (built by {@link UnreadNotifications}). */
@Path("/api/v1/inbox")
public interface NotificationInboxClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UnreadCount(Integer unread) {
    }

    @GET
    @Path("/unread-count")
    @Produces(MediaType.APPLICATION_JSON)
    UnreadCount unreadCount(@HeaderParam("Authorization") String authorization);
}
