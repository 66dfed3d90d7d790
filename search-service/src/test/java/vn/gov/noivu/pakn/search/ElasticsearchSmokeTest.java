package vn.gov.noivu.pakn.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The real Elasticsearch, through the Java client the service uses, with the Vietnamese analyzer. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class ElasticsearchSmokeTest {

    static final String SETTINGS = """
            {"analysis": {"analyzer": {"vi_folded": {"type": "custom", "tokenizer": "standard",
                                                       "filter": ["lowercase", "asciifolding"]}}}}
            """;
    static final String MAPPINGS = """
            {"properties": {"title": {"type": "text", "analyzer": "vi_folded"}}}
            """;

    @Inject
    ElasticsearchClient client;

    record Doc(String title) {
    }

    @Test
    void diacriticInsensitiveSearchBothWays() throws Exception {
        assertNotEquals(HealthStatus.Red, client.cluster().health().status());
        String index = "smoke-" + UUID.randomUUID();
        client.indices().create(c -> c.index(index)
                .settings(s -> s.withJson(new StringReader(SETTINGS)))
                .mappings(m -> m.withJson(new StringReader(MAPPINGS))));
        client.index(i -> i.index(index).id("1").document(new Doc("Thủ tục hành chính cấp xã chậm")));
        client.index(i -> i.index(index).id("2").document(new Doc("Đăng ký đất đai sau sáp nhập")));
        client.index(i -> i.index(index).id("3").document(new Doc("Biên chế công chức")));
        client.indices().refresh(r -> r.index(index));

        assertEquals(List.of("1"), ids(index, "thu tuc hanh chinh"));
        assertEquals(List.of("1"), ids(index, "thủ tục"));
        assertEquals(List.of("2"), ids(index, "dang ky dat dai"));
        assertEquals(List.of("2"), ids(index, "ĐĂNG KÝ"));
        assertEquals(List.of("3"), ids(index, "bien che"));
        assertEquals(List.of(), ids(index, "tuyen dung"));
        client.indices().delete(d -> d.index(index));
    }

    @Test
    void analyzerFoldsDToD() throws Exception {
        String index = "smoke-an-" + UUID.randomUUID();
        client.indices().create(c -> c.index(index).settings(s -> s.withJson(new StringReader(SETTINGS))));
        var tokens = client.indices().analyze(a -> a.index(index).analyzer("vi_folded").text("Đường đê Đồng Tháp"))
                .tokens().stream().map(t -> t.token()).toList();
        assertEquals(List.of("duong", "de", "dong", "thap"), tokens);
        client.indices().delete(d -> d.index(index));
    }

    private List<String> ids(String index, String query) throws Exception {
        SearchResponse<Map> r = client.search(s -> s.index(index)
                .query(q -> q.match(m -> m.field("title").query(query).operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And))),
                Map.class);
        return r.hits().hits().stream().map(h -> h.id()).sorted().toList();
    }
}
