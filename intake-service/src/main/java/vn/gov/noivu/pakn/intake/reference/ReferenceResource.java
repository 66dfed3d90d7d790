package vn.gov.noivu.pakn.intake.reference;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;

import java.util.List;

/**
 * Reference data: provinces, communes, topics. Public (no token): it is published administrative data and the
 * forms need it before sign-in.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference", description = "Đơn vị hành chính và chuyên đề")
public class ReferenceResource {

    public record ProvinceDto(int code, String name, String type) {
    }

    public record CommuneDto(int code, String name, String type, int provinceCode) {
    }

    public record TopicDto(String code, String name, String description) {
    }

    @Inject
    ReferenceRepository reference;

    @GET
    @Path("/provinces")
    @Transactional
    @Operation(summary = "34 tỉnh, thành phố")
    public List<ProvinceDto> provinces() {
        return reference.provinces().stream().map(p -> new ProvinceDto(p.code, p.name, p.type)).toList();
    }

    @GET
    @Path("/communes")
    @Transactional
    @Operation(summary = "Các xã, phường, đặc khu của một tỉnh")
    public List<CommuneDto> communes(@QueryParam("province") Integer province) {
        if (province == null) {
            throw ProblemException.invalid("province", "bắt buộc (mã tỉnh)");
        }
        if (reference.province(province).isEmpty()) {
            throw ProblemException.notFound("tỉnh " + province);
        }
        return reference.communes(province).stream()
                .map(c -> new CommuneDto(c.code, c.name, c.type, c.provinceCode)).toList();
    }

    @GET
    @Path("/topics")
    @Transactional
    @Operation(summary = "Chuyên đề, lĩnh vực đang dùng")
    public List<TopicDto> topics() {
        return reference.activeTopics().stream().map(t -> new TopicDto(t.code, t.name, t.description)).toList();
    }
}
