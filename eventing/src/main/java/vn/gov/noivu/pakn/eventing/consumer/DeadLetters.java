package vn.gov.noivu.pakn.eventing.consumer;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import vn.gov.noivu.pakn.events.CaseEventCodec;

/**
 * The one dead-letter scheme of every PAKN consumer. A parked record keeps its key, value and headers and gains:
 * <ul>
 *   <li>{@value #REASON_HEADER}: why it can never be processed (UTF-8, at most 1000 characters);</li>
 *   <li>{@value #ORIGIN_HEADER}: where it came from, {@code <topic>/<partition>/<offset>}.</li>
 * </ul>
 * It goes to the consuming service's topic {@code pakn.<service>.dead-letter}.
 */
public final class DeadLetters {

    public static final String REASON_HEADER = CaseEventCodec.DLQ_REASON_HEADER;
    public static final String ORIGIN_HEADER = CaseEventCodec.DLQ_ORIGIN_HEADER;

    private DeadLetters() {
    }

    public static String origin(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "/" + r.offset();
    }

    public static ProducerRecord<String, byte[]> park(ConsumerRecord<String, byte[]> r, String deadLetterTopic,
            String reason) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(deadLetterTopic, r.key(), r.value());
        for (Header h : r.headers()) {
            if (!h.key().equals(REASON_HEADER) && !h.key().equals(ORIGIN_HEADER)) {
                out.headers().add(h);
            }
        }
        String why = reason == null || reason.isBlank() ? "unknown" : reason;
        if (why.length() > 1000) {
            why = why.substring(0, 1000);
        }
        out.headers().add(REASON_HEADER, why.getBytes(StandardCharsets.UTF_8));
        out.headers().add(ORIGIN_HEADER, origin(r).getBytes(StandardCharsets.UTF_8));
        return out;
    }
}
