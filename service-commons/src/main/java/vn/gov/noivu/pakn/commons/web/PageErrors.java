package vn.gov.noivu.pakn.commons.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Vietnamese error pages for the pages of a service (template {@code pakn/error.html} in the shared layout).
 * {@link vn.gov.noivu.pakn.commons.problem.ProblemMappers} asks {@link #wanted(String)} for every failure: under the
 * pages' prefix ({@link PagesConfig#prefix()}), or for a browser (Accept text/html first) outside {@code /api},
 * {@code /open311} and {@code /q}, the answer is this page instead of problem+json. {@link PageRoutes} does the same
 * for what never reaches the REST layer (an unknown page path, a body over the limit).
 */
@ApplicationScoped
public class PageErrors {

    @Inject
    PagesConfig config;

    @Inject
    Engine engine;

    /** The bean, or null outside a running application (a mapper created with {@code new} in a unit test). */
    public static PageErrors current() {
        if (Arc.container() == null) {
            return null;
        }
        InstanceHandle<PageErrors> h = Arc.container().instance(PageErrors.class);
        return h.isAvailable() ? h.get() : null;
    }

    /** Whether the request being answered (path {@code path}) should get an HTML page rather than problem+json. */
    public boolean wanted(String path) {
        String accept = null;
        InstanceHandle<CurrentVertxRequest> h = Arc.container().instance(CurrentVertxRequest.class);
        if (h.isAvailable()) {
            RoutingContext ctx = h.get().getCurrent();
            if (ctx != null) {
                accept = ctx.request().getHeader("Accept");
                if (path == null) {
                    path = ctx.normalizedPath();
                }
            }
        }
        return wanted(path, accept);
    }

    public boolean wanted(String path, String accept) {
        if (path == null) {
            return false;
        }
        if (isPage(path)) {
            return true;
        }
        if (path.startsWith("/api/") || path.startsWith("/open311") || path.startsWith("/q/")) {
            return false;
        }
        return accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }

    public boolean isPage(String path) {
        return config.prefix().map(p -> path.equals(p) || path.startsWith(p + "/")).orElse(false);
    }

    public String home() {
        return config.home().orElse(config.prefix().orElse("/"));
    }

    /** The page for {@code status}; {@code heading} and {@code text} default to the status' Vietnamese wording. */
    public String render(int status, String heading, String text) {
        Template t = engine.getTemplate("pakn/error");
        return t.data("status", status)
                .data("heading", heading == null || heading.isBlank() ? heading(status) : heading)
                .data("text", text == null || text.isBlank() ? text(status) : text)
                .data("siteName", config.siteName())
                .data("home", home())
                .data("homeLabel", status == 401 ? "Đăng nhập" : "Về trang chính")
                .render();
    }

    public Response response(int status, String heading, String text) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").entity(render(status, heading, text)).build();
    }

    public static String heading(int status) {
        return switch (status) {
            case 400 -> "Yêu cầu không hợp lệ";
            case 401 -> "Cần đăng nhập lại";
            case 403 -> "Không có quyền";
            case 404 -> "Không tìm thấy trang";
            case 405 -> "Thao tác không được hỗ trợ";
            case 409 -> "Hồ sơ vừa thay đổi";
            case 413 -> "Nội dung gửi lên quá lớn";
            case 415 -> "Kiểu nội dung không được hỗ trợ";
            case 422 -> "Dữ liệu chưa hợp lệ";
            case 429 -> "Gửi quá nhiều trong thời gian ngắn";
            case 503 -> "Hệ thống tạm thời không sẵn sàng";
            default -> status >= 500 ? "Lỗi hệ thống" : "Không thực hiện được yêu cầu";
        };
    }

    public static String text(int status) {
        return switch (status) {
            case 400 -> "Trang nhận được dữ liệu không đúng. Vui lòng quay lại trang trước và thử lại.";
            case 401 -> "Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.";
            case 403 -> "Tài khoản của bạn không được dùng trang hoặc thao tác này.";
            case 404 -> "Trang hoặc hồ sơ bạn tìm không có, hoặc bạn không có quyền xem. Hãy kiểm tra lại địa chỉ.";
            case 405 -> "Trang này không nhận thao tác vừa gửi. Vui lòng quay lại trang trước.";
            case 409 -> "Hồ sơ vừa được người khác cập nhật. Vui lòng mở lại hồ sơ và thử lại.";
            case 413 -> "Nội dung hoặc tệp đính kèm vượt quá giới hạn cho phép. Hãy bấm nút Quay lại của trình duyệt"
                    + " (nội dung đã nhập vẫn còn), rút ngắn nội dung hoặc bớt tệp đính kèm rồi gửi lại.";
            case 415 -> "Trang không đọc được nội dung vừa gửi. Vui lòng quay lại trang trước và thử lại.";
            case 429 -> "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một lát rồi thử lại.";
            case 503 -> "Một thành phần của hệ thống đang tạm dừng. Vui lòng thử lại sau ít phút.";
            default -> status >= 500 ? "Đã ghi nhận lỗi; vui lòng thử lại sau ít phút."
                    : "Vui lòng quay lại trang trước và thử lại.";
        };
    }
}
