package vn.gov.noivu.pakn.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the checks read what a service serves (its @Path annotations) (the HTTPRoutes are checked against them). */
class ServedPathsTest {

    @Test
    void resourceMethodsOfARootResource() {
        List<String> paths = ServedPaths.fromSource("""
                package x;
                /** @Path("/not/this") in a comment */
                @Path("/api/v1")
                @Produces("application/json")
                public class Demo {
                    @GET
                    @Path("/cases/{id: [0-9]+}")
                    public String one(@PathParam("id") long id) { return "{}"; }

                    @Path("cases/{id}/accept")
                    @POST
                    public void accept(@PathParam("id") long id) { }

                    @GET
                    public String root() { return "a}b"; }

                    String helper() { return "@Path(\\"/nope\\")"; }
                }
                """);
        assertEquals(List.of("/api/v1/cases/{id}", "/api/v1/cases/{id}/accept", "/api/v1"), paths);
        assertEquals(List.of(), ServedPaths.fromSource("""
                @RegisterRestClient(configKey = "search")
                @Path("/api/v1/search")
                public interface SearchClient { @GET @Path("/similar") String similar(); }
                """), "a REST client is another service's API");
        assertEquals(List.of(), ServedPaths.fromSource("@Path(\"/api/v1\") public class OnlyARoot { }"));
    }

    @Test
    void prefixesAreMatchedBySegment() {
        List<String> served = List.of("/api/v1/cases/{id}/claim", "/api/v1/search.csv", "/open311/v2/requests.{format}");
        assertTrue(ServedPaths.servesPrefix(served, "/api/v1/cases"));
        assertTrue(ServedPaths.servesPrefix(served, "/api/v1/cases/17"));
        assertTrue(ServedPaths.servesPrefix(served, "/api/v1/search.csv"));
        assertTrue(ServedPaths.servesPrefix(served, "/open311"));
        assertFalse(ServedPaths.servesPrefix(served, "/api/v1/search"));
        assertFalse(ServedPaths.servesPrefix(served, "/api/v1/ca"));
        assertFalse(ServedPaths.servesPrefix(served, "/api/v1/cases/17/claim/x"));
    }

    @Test
    void theRealServicesServeTheirDocumentedRoots() {
        List<String> intake = ServedPaths.of(Repo.ROOT, "intake-service");
        List<String> triage = ServedPaths.of(Repo.ROOT, "triage-service");
        List<String> search = ServedPaths.of(Repo.ROOT, "search-service");
        for (String p : List.of("/api/v1/cases", "/api/v1/provinces", "/xa", "/open311", "/api/v1/me")) {
            assertTrue(ServedPaths.servesPrefix(intake, p), "intake " + p + " in " + intake);
        }
        for (String p : List.of("/api/v1/cases", "/api/v1/queue", "/can-bo", "/api/v1/me")) {
            assertTrue(ServedPaths.servesPrefix(triage, p), "triage " + p + " in " + triage);
        }
        for (String p : List.of("/api/v1/search", "/api/v1/trends", "/lanh-dao", "/api/v1/me")) {
            assertTrue(ServedPaths.servesPrefix(search, p), "search " + p + " in " + search);
        }
        assertFalse(ServedPaths.servesPrefix(intake, "/api/v1/search"), "intake's SearchClient is not served by intake");
    }
}
