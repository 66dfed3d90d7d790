package vn.gov.noivu.pakn.notification.mail;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.rules.Kind;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;

import java.time.Instant;
import java.util.List;

/**
 * Renders what a recipient is told: the e-mail (HTML and plain text from the Vietnamese templates
 * {@code templates/mail/notification.*}, dates dd/MM/yyyy HH:mm in Vietnam time, a link to the case page of the
 * recipient's role and a signed unsubscribe link) and the shorter inbox item.
 */
@ApplicationScoped
public class Messages {

    /** An entry of a list in a digest. */
    @io.quarkus.qute.TemplateData
    public record Item(String text, String note, String link) {
    }

    /** A rendered e-mail. */
    public record Email(String subject, String text, String html) {
    }

    @Location("mail/notification.html")
    Template html;

    @Location("mail/notification.txt")
    Template text;

    @Inject
    NotificationConfig config;

    @Inject
    UnsubscribeLinks unsubscribe;

    @Inject
    NotificationRules rules;

    /** The subject of a case notice, e.g. "[PAKN] Bộ Nội vụ đã trả lời: hồ sơ PAKN-2026-000012". */
    public static String subject(NotificationRules.Notice n) {
        return "[PAKN] " + n.headline() + ": hồ sơ " + n.caseCode();
    }

    public Email email(NotificationRules.Notice n, Recipient r, Instant now) {
        return render(n.kind(), subject(n), n.headline(), r, n.intro(), n.caseCode(), n.caseTitle(), n.details(),
                List.of(), n.link(), n.linkLabel(), n.at(), now);
    }

    /** An e-mail of a digest (a list of items instead of one case). */
    public Email digest(Kind kind, String subject, String headline, Recipient r, String intro,
            List<NotificationRules.Detail> details, List<Item> items, String link, String linkLabel, Instant now) {
        return render(kind, subject, headline, r, intro, null, null, details, items, link, linkLabel, now, now);
    }

    /** The inbox item's text: the intro and the first detail, short. */
    public static String inboxText(NotificationRules.Notice n) {
        StringBuilder sb = new StringBuilder(n.intro());
        if (!n.details().isEmpty()) {
            NotificationRules.Detail d = n.details().get(0);
            sb.append(' ').append(d.label()).append(": ").append(shorten(d.value(), 300));
        }
        return sb.toString();
    }

    private Email render(Kind kind, String subject, String headline, Recipient r, String intro, String caseCode,
            String caseTitle, List<NotificationRules.Detail> details, List<Item> items, String link, String linkLabel,
            Instant at, Instant now) {
        String unsubscribeUrl = unsubscribe.url(r.username(), kind, now);
        String preferencesUrl = config.links().self() + "/thong-bao/cai-dat";
        String formattedAt = rules.format(at);
        TemplateInstance h = data(html.instance(), subject, headline, r, intro, caseCode, caseTitle, details, items,
                link, linkLabel, formattedAt, unsubscribeUrl, preferencesUrl);
        TemplateInstance t = data(text.instance(), subject, headline, r, intro, caseCode, caseTitle, details, items,
                link, linkLabel, formattedAt, unsubscribeUrl, preferencesUrl);
        return new Email(subject, t.render(), h.render());
    }

    private static TemplateInstance data(TemplateInstance t, String subject, String headline, Recipient r,
            String intro, String caseCode, String caseTitle, List<NotificationRules.Detail> details, List<Item> items,
            String link, String linkLabel, String at, String unsubscribeUrl, String preferencesUrl) {
        return t.data("subject", subject).data("headline", headline).data("recipientName", r.name())
                .data("intro", intro).data("caseCode", caseCode).data("caseTitle", caseTitle)
                .data("details", details).data("items", items).data("link", link).data("linkLabel", linkLabel)
                .data("at", at).data("unsubscribeUrl", unsubscribeUrl).data("preferencesUrl", preferencesUrl);
    }

    static String shorten(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1).stripTrailing() + "…";
    }
}
