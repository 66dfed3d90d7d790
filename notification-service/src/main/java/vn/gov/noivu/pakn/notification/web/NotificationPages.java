package vn.gov.noivu.pakn.notification.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.entity.Delivery;
import vn.gov.noivu.pakn.notification.rules.Kind;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;
import vn.gov.noivu.pakn.notification.service.Inbox;
import vn.gov.noivu.pakn.notification.service.Preferences;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox page {@code /thong-bao} (paging, mark read, mark all read) and the preferences page
 * {@code /thong-bao/cai-dat}, in Vietnamese, phone first, in the shared layout; every signed-in role has them.
 * Forms post back here (CSRF-protected by quarkus-rest-csrf) and redirect (post/redirect/get).
 */
@Path("/thong-bao")
@Produces(MediaType.TEXT_HTML)
public class NotificationPages {

    static final int PAGE_SIZE = 20;

    @TemplateData
    public record Item(long id, String subject, String text, String link, String at, boolean read) {
    }

    @TemplateData
    public record KindChoice(String kind, String label, String mode) {
    }

    @TemplateData
    public record ModeChoice(String value, String label) {
    }

    static final List<ModeChoice> MODES = List.of(new ModeChoice("IMMEDIATE", "Ngay"),
            new ModeChoice("DAILY_DIGEST", "Tổng hợp hằng ngày"), new ModeChoice("OFF", "Không nhận"));

    @Inject
    Caller caller;

    @Inject
    Inbox inbox;

    @Inject
    Preferences preferences;

    @Inject
    NotificationRules rules;

    @Inject
    NotificationConfig config;

    @Inject
    @Location("thong-bao/hop-thu.html")
    Template inboxPage;

    @Inject
    @Location("thong-bao/cai-dat.html")
    Template settingsPage;

    @Inject
    @Location("thong-bao/trang.html")
    Template messagePage;

    @GET
    @Authenticated
    public String list(@QueryParam("trang") @DefaultValue("1") String pageParam,
            @QueryParam("da-doc") String marked) {
        int page = pageNumber(pageParam);
        Inbox.PageOf p = inbox.page(caller.id(), page, PAGE_SIZE);
        if (page > 0 && page >= p.pages()) {
            p = inbox.page(caller.id(), Math.max(0, p.pages() - 1), PAGE_SIZE);
        }
        List<Item> items = p.items().stream().map(this::item).toList();
        String notice = marked == null ? null : "tat-ca".equals(marked) ? "Đã đánh dấu tất cả là đã đọc."
                : "Đã đánh dấu đã đọc.";
        return user(inboxPage.data("page", p).data("items", items).data("notice", notice)).render();
    }

    private static int pageNumber(String s) {
        try {
            return Math.max(0, Integer.parseInt(s.trim()) - 1);
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }

    private Item item(Delivery d) {
        return new Item(d.id, d.subject, d.bodyText, d.link, rules.format(d.createdAt), d.readAt != null);
    }

    @POST
    @Path("{id}/da-doc")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markRead(@PathParam("id") long id, @QueryParam("trang") @DefaultValue("1") String page) {
        inbox.markRead(caller.id(), id);
        return Response.seeOther(URI.create("/thong-bao?trang=" + (pageNumber(page) + 1) + "&da-doc=1")).build();
    }

    @POST
    @Path("da-doc-tat-ca")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markAllRead() {
        inbox.markAllRead(caller.id());
        return Response.seeOther(URI.create("/thong-bao?da-doc=tat-ca")).build();
    }

    @GET
    @Path("cai-dat")
    @Authenticated
    public String settings(@QueryParam("da-luu") String saved) {
        return settingsView(saved != null ? "Đã lưu cài đặt nhận thông báo." : null);
    }

    private String settingsView(String notice) {
        List<KindChoice> kinds = preferences.of(caller.id(), caller.roles()).entrySet().stream()
                .map(e -> new KindChoice(e.getKey().name(), e.getKey().label, e.getValue().name())).toList();
        return user(settingsPage.data("kinds", kinds).data("modes", MODES).data("notice", notice)).render();
    }

    @POST
    @Path("cai-dat")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveSettings(MultivaluedMap<String, String> form) {
        Map<String, String> modes = new LinkedHashMap<>();
        for (Kind k : Kind.forRoles(caller.roles())) {
            String v = form.getFirst(k.name());
            if (v != null) {
                modes.put(k.name(), v);
            }
        }
        preferences.set(caller.id(), caller.roles(), modes);
        return Response.seeOther(URI.create("/thong-bao/cai-dat?da-luu=1")).build();
    }

    /**
     * Sign-out: with a session, quarkus-oidc answers this path (its logout path) by ending it and the provider's;
     * without one, straight to the signed-out page.
     */
    @GET
    @Path("dang-xuat")
    public Response signOut() {
        caller.authenticated();
        return Response.seeOther(URI.create("/thong-bao/da-dang-xuat")).build();
    }

    @GET
    @Path("da-dang-xuat")
    public String signedOut() {
        return messagePage.data("heading", "Đã đăng xuất").data("error", null)
                .data("text", "Ông/bà đã đăng xuất khỏi trang thông báo.").data("confirm", false)
                .data("token", null).render();
    }

    private io.quarkus.qute.TemplateInstance user(io.quarkus.qute.TemplateInstance t) {
        String work;
        String label;
        if (caller.is(Identity.COMMUNE_OFFICIAL)) {
            work = config.links().intake() + "/xa/ho-so";
            label = "Hồ sơ của xã";
        } else if (caller.is(Identity.LEADER)) {
            work = config.links().search() + "/lanh-dao/tim-kiem";
            label = "Trang lãnh đạo";
        } else {
            work = config.links().triage() + "/can-bo/hang-cho";
            label = "Hàng chờ hồ sơ";
        }
        return t.data("me", caller.name()).data("workUrl", work).data("workLabel", label);
    }
}
