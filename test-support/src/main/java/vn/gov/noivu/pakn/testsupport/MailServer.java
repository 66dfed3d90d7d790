package vn.gov.noivu.pakn.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports of 127.0.0.1, started by {@link TestServers#greenmail()}.
 * Authentication is off: it accepts mail for any address and keeps it in a mailbox whose IMAP login and password are
 * both the address. Tests read what was sent over IMAP ({@link #inbox}) like a mail client would, and can
 * {@link #stop()} and {@link #restart()} the server (same ports) to simulate an SMTP outage.
 */
public final class MailServer {

    /** One received message as an IMAP client reads it. */
    public record Mail(String from, List<String> to, String subject, String text, String html) {
    }

    private final ServerSetup smtp;
    private final ServerSetup imap;
    private GreenMail greenMail;

    MailServer(int smtpPort, int imapPort) {
        this.smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        this.imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        start();
    }

    private synchronized void start() {
        greenMail = new GreenMail(new ServerSetup[] {smtp, imap});
        greenMail.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                .withDisabledAuthentication());
        greenMail.start();
    }

    public int smtpPort() {
        return smtp.getPort();
    }

    public int imapPort() {
        return imap.getPort();
    }

    public synchronized boolean running() {
        return greenMail != null;
    }

    /** Stops SMTP and IMAP (connections are refused until {@link #restart()}); received mail is kept. */
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /**
     * Starts again on the same ports. GreenMail keeps mailboxes in memory: mail received before the stop is gone after
     * it, which a test of an outage does not need (it counts what arrives after the restart).
     */
    public synchronized void restart() {
        if (greenMail == null) {
            start();
        }
    }

    /** Forgets every mailbox and message. */
    public synchronized void reset() throws Exception {
        if (greenMail != null) {
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    /** The messages in {@code address}'s INBOX, read over IMAP, oldest first. */
    public List<Mail> inbox(String address) throws MessagingException, IOException {
        Properties props = new Properties();
        props.setProperty("mail.imap.host", "127.0.0.1");
        props.setProperty("mail.imap.port", Integer.toString(imapPort()));
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "10000");
        Session session = Session.getInstance(props);
        List<Mail> out = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort(), address, address);
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return out;
            }
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                collect(m, text, html);
                List<String> to = new ArrayList<>();
                for (var a : m.getAllRecipients() == null ? new jakarta.mail.Address[0] : m.getAllRecipients()) {
                    to.add(a.toString());
                }
                out.add(new Mail(m.getFrom() == null || m.getFrom().length == 0 ? null : m.getFrom()[0].toString(), to,
                        m.getSubject(), text.toString(), html.toString()));
            }
            inbox.close(false);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return out; // no mailbox yet: nothing was delivered to this address
        }
        return out;
    }

    /** Waits up to {@code timeout} until {@code address} has at least {@code count} messages; returns them. */
    public List<Mail> await(String address, int count, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<Mail> mails = inbox(address);
        while (mails.size() < count && System.nanoTime() < end) {
            Thread.sleep(250);
            mails = inbox(address);
        }
        return mails;
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                collect(mp.getBodyPart(i), text, html);
            }
        }
    }
}
