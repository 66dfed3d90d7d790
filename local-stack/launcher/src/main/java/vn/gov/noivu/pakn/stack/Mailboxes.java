package vn.gov.noivu.pakn.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What the local mail server received: the mailboxes from GreenMail's API, their messages over IMAP (GreenMail runs
 * without authentication: the address is the login, any password is accepted). Used by {@code ./stack mail} and the
 * end-to-end tests.
 */
public final class Mailboxes {

    /** One received message; {@code text} is the plain-text part (or the HTML part without tags). */
    public record Mail(String to, String from, String subject, Instant received, String text, String html) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMailSpec server;

    public Mailboxes(GreenMailSpec server) {
        this.server = server;
    }

    /** The addresses that received mail since the server started. */
    public List<String> addresses() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/api/user"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GreenMail's API answered " + r.statusCode() + " to GET /api/user");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode u : JSON.readTree(r.body())) {
            out.add(u.path("email").asText());
        }
        return out;
    }

    /** The messages in the INBOX of one address, oldest first, read over IMAP; empty if it received nothing. */
    public List<Mail> inbox(String address) throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(server.imapPort()));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> out = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    out.add(read(address, m));
                }
                return out;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** Every message the server holds, oldest first. */
    public List<Mail> all() throws IOException, InterruptedException, MessagingException {
        List<Mail> out = new ArrayList<>();
        for (String a : addresses()) {
            out.addAll(inbox(a));
        }
        out.sort(java.util.Comparator.comparing(Mail::received));
        return out;
    }

    private static Mail read(String to, Message m) throws MessagingException, IOException {
        String from = m.getFrom() == null ? "" : Arrays.stream(m.getFrom())
                .map(a -> a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
                .collect(Collectors.joining(", "));
        Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.EPOCH;
        String text = part(m, "text/plain");
        String html = part(m, "text/html");
        if (text == null && html != null) {
            text = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "").replaceAll("<[^>]+>", " ")
                    .replaceAll("[ \\t]+", " ").trim();
        }
        return new Mail(to, from, m.getSubject() == null ? "" : m.getSubject(), received,
                text == null ? "" : text, html);
    }

    private static String part(Part p, String type) throws MessagingException, IOException {
        if (p.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return p.getContent().toString();
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                String found = part(bp, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
