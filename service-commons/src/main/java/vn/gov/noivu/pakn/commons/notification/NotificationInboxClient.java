package vn.gov.noivu.pakn.commons.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The one call of notification-service's inbox API the pages make. {@link UnreadNotifications} builds it with the base
 * URL and timeouts of {@code pakn.notification.*} (so the services need no quarkus.rest-client.* keys).
 */
@RegisterRestClient(configKey = "pakn-notification")
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
