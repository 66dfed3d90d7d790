package vn.gov.noivu.pakn.notification.rest;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.notification.entity.Delivery;

/** The mail queue and every delivery's state, for administrators (e.g. what FAILED and why). */
@Path("/api/v1/admin/deliveries")
@RolesAllowed(Identity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Quản trị: trạng thái gửi thông báo")
public class AdminDeliveriesResource {

    @GET
    @Transactional
    @Operation(summary = "Các lượt gửi, mới nhất trước; lọc theo state (PENDING, DIGEST, SENT, DIGESTED, FAILED) "
            + "và channel (EMAIL, IN_APP)")
    public Views.DeliveryPage list(@QueryParam("state") String state, @QueryParam("channel") String channel,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "phải là số không âm");
        }
        if (size < 1 || size > 500) {
            throw ProblemException.invalid("size", "phải từ 1 đến 500");
        }
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (state != null && !state.isBlank()) {
            try {
                params.put("state", Delivery.State.valueOf(state));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "phải là PENDING, DIGEST, SENT, DIGESTED hoặc FAILED");
            }
            q.append(" and state = :state");
        }
        if (channel != null && !channel.isBlank()) {
            params.put("channel", channel);
            q.append(" and channel = :channel");
        }
        io.quarkus.hibernate.orm.panache.PanacheQuery<Delivery> query = Delivery.find(q.toString(),
                Sort.descending("createdAt").and("id", Sort.Direction.Descending), params);
        java.util.List<Delivery> items = query.page(Page.of(page, size)).list();
        return new Views.DeliveryPage(items.stream().map(Views.DeliveryView::of).toList(), page, size, query.count());
    }
}
