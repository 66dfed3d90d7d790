package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points quarkus-mailer at the test JVM's real mail server ({@link TestServers#greenmail()}). */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MailServer mail = TestServers.greenmail();
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(mail.smtpPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // stopped when the test JVM exits
    }
}
