package vn.gov.noivu.pakn.search.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.instrumentation.OpenTelemetryForElasticsearch;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch client of search-service: Quarkus's (the same low-level {@link RestClient} from
 * {@code quarkus.elasticsearch.*}, the same Jackson mapper) plus the client's native OpenTelemetry instrumentation
 * bound to Quarkus's {@link OpenTelemetry}: every request (index, bulk, search, ...) is a client span in the current
 * trace, e.g. under the span of the event being indexed. Without this the client would use {@code GlobalOpenTelemetry},
 * which Quarkus does not set, and trace nothing. Request bodies are not recorded (they hold the cases' text).
 * No disposer: the transport holds nothing but the {@link RestClient}, which Quarkus closes.
 */
public class TracedElasticsearchClient {

    @Produces
    @Singleton
    @Alternative
    @Priority(1) // wins over quarkus-elasticsearch-java-client's untraced producer
    ElasticsearchClient elasticsearchClient(RestClient restClient, ObjectMapper objectMapper, OpenTelemetry openTelemetry) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper), null,
                new OpenTelemetryForElasticsearch(openTelemetry, false)));
    }
}
