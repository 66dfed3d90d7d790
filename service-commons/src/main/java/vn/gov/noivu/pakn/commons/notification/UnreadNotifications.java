package vn.gov.noivu.pakn.commons.notification;

import io.quarkus.arc.Arc;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The "Thông báo" link of the shared layout with the signed-in user's unread count, asked server-side from
 * notification-service ({@code GET /api/v1/inbox/unread-count}) with the user's own access token. The count is a
 * courtesy: a short timeout, a circuit breaker and a fallback make a slow or stopped notification-service cost the
 * page at most {@code pakn.notification.read-timeout} (and nothing while the breaker is open); the page then shows the
 * link without a number, never an error.
 * <p>
 * Configuration: {@code pakn.notification.url} (notification-service's base URL; without it the layout shows no
 * link), {@code pakn.notification.inbox-page} (the link the browser follows, {@code <url>/thong-bao} by default; in
 * Kubernetes {@code /thong-bao} on the one host), {@code pakn.notification.connect-timeout} and {@code read-timeout}.
 * Used by {@code templates/pakn/layout.html} as {@code inject:paknNotifications.link}.
 */
@ApplicationScoped
@Named("paknNotifications")
public class UnreadNotifications {

    private static final Logger LOG = Logger.getLogger(UnreadNotifications.class);

    /** What the layout shows: the inbox link and the unread count (null when it could not be had). */
    public record Link(String href, Integer unread) {
        /** "3" or "99+" for the badge; null when there is nothing to show. */
        public String badge() {
            return unread == null || unread <= 0 ? null : unread > 99 ? "99+" : Integer.toString(unread);
        }
    }

    @ConfigProperty(name = "pakn.notification.url")
    Optional<String> url;

    @ConfigProperty(name = "pakn.notification.inbox-page")
    Optional<String> inboxPage;

    @ConfigProperty(name = "pakn.notification.connect-timeout", defaultValue = "PT0.5S")
    Duration connectTimeout;

    @ConfigProperty(name = "pakn.notification.read-timeout", defaultValue = "PT1S")
    Duration readTimeout;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    Counter counter;

    private volatile NotificationInboxClient client;

    /**
     * The link for the current request, or null when there is none to show: no notification-service configured,
     * nobody signed in (or no access token: the signed-out page, an error page of the HTTP layer).
     */
    public Link link() {
        if (url.isEmpty() || url.get().isBlank()) {
            return null;
        }
        String href = inboxPage.filter(s -> !s.isBlank()).orElse(url.get().replaceAll("/+$", "") + "/thong-bao");
        String token = accessToken();
        if (token == null) {
            return null;
        }
        return new Link(href, counter.unread(client(), token).orElse(null));
    }

    private String accessToken() {
        // never block the event loop (error pages of the HTTP layer render there) and only inside a request
        if (Context.isOnEventLoopThread() || !Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            SecurityIdentity identity = identities.getIdentity();
            if (identity == null || identity.isAnonymous()) {
                return null;
            }
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            return token == null ? null : token.getToken();
        } catch (RuntimeException e) {
            LOG.debugf("no identity for the notification link: %s", e.toString());
            return null;
        }
    }

    private NotificationInboxClient client() {
        NotificationInboxClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url.get()))
                            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .build(NotificationInboxClient.class);
                    client = c;
                }
            }
        }
        return c;
    }

    /** The guarded call (a separate bean so the fault-tolerance interceptors apply). */
    @ApplicationScoped
    public static class Counter {

        @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
        @Fallback(fallbackMethod = "unknown")
        public Optional<Integer> unread(NotificationInboxClient client, String accessToken) {
            try {
                NotificationInboxClient.UnreadCount c = client.unreadCount("Bearer " + accessToken);
                return Optional.ofNullable(c == null ? null : c.unread());
            } catch (jakarta.ws.rs.WebApplicationException e) {
                if (e.getResponse() != null && e.getResponse().getStatus() < 500) {
                    // this user's answer (an expired token: 401), not a failure of the service: no count, no breaker
                    LOG.debugf("unread count refused with %d", e.getResponse().getStatus());
                    return Optional.empty();
                }
                throw e;
            }
        }

        Optional<Integer> unknown(NotificationInboxClient client, String accessToken, Throwable failure) {
            LOG.debugf("unread count not available: %s", failure.toString());
            return Optional.empty();
        }
    }
}
