package vn.gov.noivu.pakn.notification.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.notification.service.Inbox;

/** The caller's in-app notifications (every signed-in role has an inbox). */
@Path("/api/v1/inbox")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbox", description = "Hộp thông báo của người dùng")
public class InboxResource {

    @Inject
    Caller caller;

    @Inject
    Inbox inbox;

    @GET
    @Operation(summary = "Thông báo của người gọi, mới nhất trước (page từ 0, size 1-100)")
    public Views.InboxPage list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Inbox.PageOf p = inbox.page(caller.id(), page, size);
        return new Views.InboxPage(p.items().stream().map(Views.Notification::of).toList(), p.page(), p.size(),
                p.total(), p.unread());
    }

    @GET
    @Path("/unread-count")
    @Operation(summary = "Số thông báo chưa đọc: {\"unread\": n}")
    public Views.Unread unreadCount() {
        return new Views.Unread(inbox.unread(caller.id()));
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Đánh dấu một thông báo đã đọc; thông báo của người khác: 404")
    public Views.Unread read(@PathParam("id") long id) {
        inbox.markRead(caller.id(), id);
        return new Views.Unread(inbox.unread(caller.id()));
    }

    @POST
    @Path("/read-all")
    @Operation(summary = "Đánh dấu mọi thông báo đã đọc")
    public Views.Marked readAll() {
        return new Views.Marked(inbox.markAllRead(caller.id()));
    }
}
