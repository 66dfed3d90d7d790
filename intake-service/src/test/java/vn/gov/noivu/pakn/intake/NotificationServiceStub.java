package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.HttpStub;

import java.util.Map;

/**
 * Stands in for notification-service's {@code GET /api/v1/inbox/unread-count} (another team's service) on a free
 * loopback port, for the header's "Thông báo" link. {@link #unread} is what it answers; {@link #status} another status;
 * {@link #delayMillis} makes it slow.
 */
public class NotificationServiceStub implements QuarkusTestResourceLifecycleManager {

    static volatile int unread;
    static volatile int status = 200;
    static volatile long delayMillis;
    static volatile String lastAuthorization;
    static volatile String base;
    private HttpStub stub;

    @Override
    public Map<String, String> start() {
        stub = HttpStub.start("/api/v1/inbox/unread-count", request -> {
            lastAuthorization = request.authorization();
            Thread.sleep(delayMillis);
            return HttpStub.Response.json(status, status == 200 ? "{\"unread\":" + unread + "}" : "{\"status\":503}");
        });
        base = stub.url();
        return Map.of("pakn.notification.url", base);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
