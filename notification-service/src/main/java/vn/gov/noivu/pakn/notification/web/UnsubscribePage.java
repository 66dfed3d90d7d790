package vn.gov.noivu.pakn.notification.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import vn.gov.noivu.pakn.notification.entity.Preference;
import vn.gov.noivu.pakn.notification.mail.UnsubscribeLinks;
import vn.gov.noivu.pakn.notification.service.Preferences;

import java.time.Instant;
import java.util.Optional;

/**
 * The unsubscribe link of every e-mail, without sign-in: {@code GET /huy-dang-ky?t=...} shows what the signed token
 * asks and a button; {@code POST} turns that kind of notification off for that user. A forged, damaged or expired
 * link gets a Vietnamese page (400) pointing to the signed-in preferences page. GET changes nothing, so a mail
 * scanner that opens links does not unsubscribe anyone.
 */
@Path("/huy-dang-ky")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribePage {

    @Inject
    UnsubscribeLinks links;

    @Inject
    Preferences preferences;

    @Inject
    @Location("thong-bao/trang.html")
    Template page;

    @GET
    public Response confirm(@QueryParam("t") String token) {
        Optional<UnsubscribeLinks.Request> request = links.verify(token, Instant.now());
        if (request.isEmpty()) {
            return invalid();
        }
        return ok(page.data("heading", "Hủy nhận thư thông báo").data("error", null)
                .data("text", "Tài khoản " + request.get().username() + " sẽ không nhận thư và thông báo loại \""
                        + request.get().kind().label + "\" nữa. Có thể bật lại bất cứ lúc nào trong trang cài đặt.")
                .data("confirm", true).data("token", token).render());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@RestForm("t") String token) {
        Optional<UnsubscribeLinks.Request> request = links.verify(token, Instant.now());
        if (request.isEmpty()) {
            return invalid();
        }
        preferences.set(request.get().username(), request.get().kind(), Preference.Mode.OFF);
        return ok(page.data("heading", "Đã hủy nhận thư").data("error", null)
                .data("text", "Tài khoản " + request.get().username() + " sẽ không nhận thông báo loại \""
                        + request.get().kind().label + "\" nữa.")
                .data("confirm", false).data("token", null).render());
    }

    private Response invalid() {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.data("heading", "Liên kết không dùng được")
                        .data("error", "Liên kết hủy nhận thư không hợp lệ hoặc đã hết hạn.")
                        .data("text", "Hãy dùng liên kết trong thư mới nhất, hoặc đăng nhập để đổi cài đặt nhận thông báo.")
                        .data("confirm", false).data("token", null).render())
                .build();
    }

    private static Response ok(String html) {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .build();
    }
}
