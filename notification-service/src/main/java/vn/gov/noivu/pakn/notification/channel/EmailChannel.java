package vn.gov.noivu.pakn.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.Delivery;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * E-mail through the SMTP relay (quarkus-mailer), HTML with a plain-text alternative. A 5xx answer of the relay (the
 * address is refused, the message rejected) or an address that is not one is permanent; everything else (relay
 * down, 4xx, timeouts) is retried by {@link MailSender} with backoff.
 */
@ApplicationScoped
@io.quarkus.arc.Unremovable
public class EmailChannel implements NotificationChannel {

    public static final String ID = "EMAIL";

    /** Good enough to refuse what no relay would take; the relay decides the rest. */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+$");

    @Inject
    Mailer mailer;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> address(Recipient recipient) {
        return Optional.ofNullable(recipient.email()).filter(s -> !s.isBlank());
    }

    @Override
    public boolean queued() {
        return true;
    }

    @Override
    public void send(Delivery d) throws Exception {
        if (d.address == null || !ADDRESS.matcher(d.address).matches()) {
            throw new PermanentFailure("địa chỉ thư không hợp lệ: " + d.address, null);
        }
        Mail mail = Mail.withText(d.address, d.subject, d.bodyText);
        if (d.bodyHtml != null) {
            mail.setHtml(d.bodyHtml);
        }
        mail.addHeader("X-PAKN-Delivery", Long.toString(d.id));
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            SMTPException smtp = smtp(e);
            if (smtp != null && smtp.isPermanent()) {
                throw new PermanentFailure("máy chủ thư từ chối (" + smtp.getReplyCode() + "): " + smtp.getMessage(), e);
            }
            throw e;
        }
    }

    private static SMTPException smtp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException s) {
                return s;
            }
        }
        return null;
    }
}
