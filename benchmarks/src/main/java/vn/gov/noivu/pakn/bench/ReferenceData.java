package vn.gov.noivu.pakn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 34 provinces and 3,321 commune-level units from the project's copy of the statistics-office list
 * ({@code intake-service/src/main/resources/reference/vn-admin-units-2025.csv}, provenance in the README beside it),
 * and the 12 topics with their routing (triage-service's seed data).
 */
public final class ReferenceData {

    public record Province(int code, String name, String type) {
    }

    public record Commune(int code, String name, String type, Province province) {
    }

    public record Topic(String code, String name, String unitCode, String unitName, String authority) {
    }

    public final List<Commune> communes;
    public final Map<Integer, Province> provinces;
    public final List<Topic> topics;

    private ReferenceData(List<Commune> communes, Map<Integer, Province> provinces, List<Topic> topics) {
        this.communes = List.copyOf(communes);
        this.provinces = Map.copyOf(provinces);
        this.topics = List.copyOf(topics);
    }

    public static ReferenceData load(Path repoRoot) throws IOException {
        Path csv = repoRoot.resolve("intake-service/src/main/resources/reference/vn-admin-units-2025.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("ward_code,ward_name,ward_type,province_code")) {
            throw new IOException("unexpected header in " + csv);
        }
        Map<Integer, Province> provinces = new LinkedHashMap<>();
        List<Commune> communes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            int pCode = Integer.parseInt(f[3].trim());
            Province p = provinces.computeIfAbsent(pCode, c -> new Province(c, nfc(f[4]), nfc(f[5])));
            communes.add(new Commune(Integer.parseInt(f[0].trim()), nfc(f[1]), nfc(f[2]), p));
        }
        return new ReferenceData(communes, provinces, TOPICS);
    }

    static String nfc(String s) {
        return Normalizer.normalize(s.trim(), Normalizer.Form.NFC);
    }

    public Topic topic(String code) {
        return topics.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    /** Topic names as in intake-service's V3__topics.sql; units and authority as in triage-service's routing seed. */
    static final List<Topic> TOPICS = List.of(
            new Topic("T01", "Luật Tổ chức chính quyền địa phương năm 2025", "VU-CQDP", "Vụ Chính quyền địa phương", "MINISTRY"),
            new Topic("T02", "Hội đồng nhân dân cấp xã", "VU-CQDP", "Vụ Chính quyền địa phương", "MINISTRY"),
            new Topic("T03", "Ủy ban nhân dân cấp xã", "VU-CQDP", "Vụ Chính quyền địa phương", "MINISTRY"),
            new Topic("T04", "Tổ chức bộ máy các cơ quan chuyên môn thuộc UBND cấp xã", "VU-TCBC", "Vụ Tổ chức - Biên chế", "MINISTRY"),
            new Topic("T05", "Đơn vị sự nghiệp công lập cấp xã", "VU-TCBC", "Vụ Tổ chức - Biên chế", "MINISTRY"),
            new Topic("T06", "Vị trí việc làm của công chức cấp xã", "VU-CCVC", "Vụ Công chức - Viên chức", "MINISTRY"),
            new Topic("T07", "Phân cấp, phân quyền, phân định thẩm quyền trong lĩnh vực Nội vụ", "VU-PC", "Vụ Pháp chế", "MINISTRY"),
            new Topic("T08", "Thủ tục hành chính cấp xã lĩnh vực Nội vụ; Trung tâm phục vụ hành chính công cấp xã", "VP-BO", "Văn phòng Bộ", "MINISTRY"),
            new Topic("T09", "Biên chế: thừa, thiếu, điều động, tuyển dụng, phân loại", "VU-TCBC", "Vụ Tổ chức - Biên chế", "PROVINCE_HOME_AFFAIRS"),
            new Topic("T10", "Cơ sở vật chất, trang thiết bị, phần mềm sau sắp xếp", "VU-KHTC", "Vụ Kế hoạch - Tài chính", "PROVINCE_PEOPLES_COMMITTEE"),
            new Topic("T11", "Đào tạo, bồi dưỡng", "VU-DTBD", "Vụ Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "MINISTRY"),
            new Topic("T12", "Khác", "VP-BO", "Văn phòng Bộ", "MINISTRY"));
}
