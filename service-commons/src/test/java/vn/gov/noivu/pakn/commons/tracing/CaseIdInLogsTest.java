package vn.gov.noivu.pakn.commons.tracing;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CaseIdInLogsTest {

    private static final String CASE = "0b7c6a52-93a4-4c55-9f7e-2f1b3c4d5e6f";

    private static List<PathSegment> path(String path) {
        return Arrays.stream(path.substring(1).split("/")).map(s -> (PathSegment) new PathSegment() {
            @Override
            public String getPath() {
                return s;
            }

            @Override
            public MultivaluedMap<String, String> getMatrixParameters() {
                return new MultivaluedHashMap<>();
            }
        }).toList();
    }

    @Test
    void aCaseOfTheApiOrOfAPageIsFound() {
        assertEquals(CASE, CaseIdInLogs.caseId(path("/api/v1/cases/" + CASE + "/accept"), null, CASE));
        assertEquals(CASE, CaseIdInLogs.caseId(path("/xa/ho-so/" + CASE), null, CASE));
        assertEquals(CASE, CaseIdInLogs.caseId(path("/can-bo/ho-so/" + CASE + "/tra-loi"), null, CASE));
        assertEquals(CASE, CaseIdInLogs.caseId(path("/api/v1/anything/" + CASE), CASE, null));
    }

    @Test
    void otherIdsAreNotCases() {
        assertNull(CaseIdInLogs.caseId(path("/api/v1/admin/liaisons/" + CASE), null, CASE));
        assertNull(CaseIdInLogs.caseId(path("/lanh-dao/van-de/" + CASE + "/gop"), null, CASE));
        assertNull(CaseIdInLogs.caseId(path("/api/v1/cases/not-a-uuid"), null, "not-a-uuid"));
        assertNull(CaseIdInLogs.caseId(path("/api/v1/cases"), null, null));
    }
}
