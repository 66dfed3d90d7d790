package vn.gov.noivu.pakn.notification.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.notification.channel.InAppChannel;
import vn.gov.noivu.pakn.notification.entity.Delivery;

import java.time.Instant;
import java.util.List;

/** A user's in-app notifications: the {@code IN_APP} deliveries addressed to them. */
@ApplicationScoped
public class Inbox {

    public static final int MAX_PAGE_SIZE = 100;

    public record PageOf(List<Delivery> items, int page, int size, long total, long unread) {
        public int pages() {
            return total == 0 ? 1 : (int) ((total + size - 1) / size);
        }
    }

    @Transactional
    public PageOf page(String username, int page, int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "phải là số không âm");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "phải từ 1 đến " + MAX_PAGE_SIZE);
        }
        io.quarkus.hibernate.orm.panache.PanacheQuery<Delivery> query = Delivery.find("recipient = ?1 and channel = ?2",
                Sort.descending("createdAt").and("id", Sort.Direction.Descending), username, InAppChannel.ID);
        List<Delivery> items = query.page(Page.of(page, size)).list();
        return new PageOf(items, page, size, query.count(), unread(username));
    }

    @Transactional
    public long unread(String username) {
        return Delivery.count("recipient = ?1 and channel = ?2 and readAt is null", username, InAppChannel.ID);
    }

    /** Marks one of the user's notifications read; another user's (or none) is "not found". */
    @Transactional
    public void markRead(String username, long id) {
        Delivery d = Delivery.findById(id);
        if (d == null || !d.recipient.equals(username) || !InAppChannel.ID.equals(d.channel)) {
            throw ProblemException.notFound("Thông báo");
        }
        if (d.readAt == null) {
            d.readAt = Instant.now();
        }
    }

    @Transactional
    public int markAllRead(String username) {
        return Delivery.update("readAt = ?1 where recipient = ?2 and channel = ?3 and readAt is null", Instant.now(),
                username, InAppChannel.ID);
    }
}
