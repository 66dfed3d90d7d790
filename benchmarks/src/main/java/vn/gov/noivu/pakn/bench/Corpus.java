package vn.gov.noivu.pakn.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic Vietnamese cases from the reference data and the 12 topics. Most cases are paraphrases of a few hundred
 * recurring problems (12 topics x 6 subjects x 5 kinds of difficulty, popularity Zipf-like), written the many ways
 * communes would write them; the rest is a long tail of unique, specific cases. Used for the intake load (request
 * bodies) and for the 1,000,000-case search corpus (documents shaped like search-service's CaseDocument, with
 * plausible lifecycle status, SLA and dates).
 */
public final class Corpus {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Subjects per topic T01..T12 (noun phrases a commune writes about). */
    static final String[][] SUBJECTS = {
        { // T01
            "việc ban hành văn bản quy phạm pháp luật của chính quyền cấp xã",
            "tổ chức chính quyền địa phương ở đặc khu",
            "phân định nhiệm vụ giữa chính quyền cấp tỉnh và cấp xã",
            "cơ chế ủy quyền cho Chủ tịch Ủy ban nhân dân cấp xã",
            "việc lấy ý kiến nhân dân về sắp xếp đơn vị hành chính",
            "chế độ họp và làm việc của chính quyền địa phương cấp xã"},
        { // T02
            "thẩm quyền của Chủ tịch Hội đồng nhân dân xã",
            "hoạt động của các Ban của Hội đồng nhân dân xã",
            "chế độ đối với đại biểu Hội đồng nhân dân hoạt động chuyên trách",
            "việc tổ chức kỳ họp thứ nhất của Hội đồng nhân dân xã mới",
            "hoạt động chất vấn và giám sát của Hội đồng nhân dân cấp xã",
            "bố trí Phó Trưởng ban Hội đồng nhân dân hoạt động chuyên trách"},
        { // T03
            "phân công nhiệm vụ của Phó Chủ tịch Ủy ban nhân dân xã",
            "thẩm quyền ký văn bản của trưởng phòng chuyên môn thuộc Ủy ban nhân dân xã",
            "quy chế làm việc của Ủy ban nhân dân xã sau sắp xếp",
            "ủy quyền ký chứng thực cho công chức Tư pháp - hộ tịch",
            "việc cấp và sử dụng con dấu của Ủy ban nhân dân xã mới",
            "trách nhiệm tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã"},
        { // T04
            "việc thành lập Phòng Kinh tế thuộc Ủy ban nhân dân xã",
            "chức năng, nhiệm vụ của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
            "số lượng phó trưởng phòng chuyên môn cấp xã",
            "tổ chức Phòng Văn hóa - Xã hội ở xã miền núi",
            "bố trí trụ sở làm việc của các phòng chuyên môn",
            "quan hệ công tác giữa phòng chuyên môn của xã và các sở, ngành của tỉnh"},
        { // T05
            "trạm y tế xã sau khi sáp nhập",
            "trung tâm dịch vụ tổng hợp cấp xã",
            "trường mầm non và trường tiểu học do xã quản lý",
            "cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập cấp xã",
            "việc chuyển giao đơn vị sự nghiệp từ cấp huyện về cấp xã",
            "ban quản lý dự án đầu tư xây dựng khu vực"},
        { // T06
            "danh mục vị trí việc làm của công chức cấp xã",
            "bản mô tả công việc và khung năng lực của công chức xã",
            "việc xếp ngạch công chức cấp xã theo vị trí việc làm mới",
            "vị trí việc làm kế toán - tài chính ở cấp xã",
            "vị trí việc làm công nghệ thông tin, chuyển đổi số ở cấp xã",
            "cơ cấu ngạch công chức của phường"},
        { // T07
            "phân cấp quản lý cán bộ, công chức cấp xã",
            "thẩm quyền quyết định thành lập, sáp nhập thôn, tổ dân phố",
            "phân quyền trong công tác thi đua, khen thưởng",
            "thẩm quyền công nhận ban vận động thành lập hội",
            "phân cấp quản lý hồ sơ lưu trữ của cấp huyện cũ",
            "phân định thẩm quyền quản lý nhà nước về tín ngưỡng, tôn giáo ở cấp xã"},
        { // T08
            "tài khoản phần mềm một cửa điện tử của công chức xã",
            "việc tiếp nhận hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia",
            "thủ tục đăng ký hộ tịch tại Trung tâm phục vụ hành chính công xã",
            "chứng thực bản sao từ bản chính và chứng thực chữ ký tại cấp xã",
            "chữ ký số của lãnh đạo Ủy ban nhân dân xã",
            "bố trí nhân sự cho Trung tâm phục vụ hành chính công cấp xã"},
        { // T09
            "phụ cấp cho người hoạt động không chuyên trách",
            "cán bộ, công chức dôi dư sau sắp xếp",
            "chế độ nghỉ hưu trước tuổi theo Nghị định 178",
            "việc điều động công chức từ cấp huyện về cấp xã",
            "tuyển dụng công chức cấp xã năm 2026",
            "xếp lương cán bộ cấp xã giữ chức vụ lãnh đạo sau sáp nhập"},
        { // T10
            "trụ sở làm việc của xã mới",
            "trang thiết bị công nghệ thông tin cho xã",
            "phần mềm quản lý văn bản và hồ sơ công việc",
            "xe ô tô phục vụ công tác chung của xã",
            "trụ sở dôi dư của các xã cũ",
            "đường truyền mạng và hệ thống hội nghị trực tuyến cấp xã"},
        { // T11
            "bồi dưỡng kỹ năng cho công chức được điều động từ huyện về xã",
            "kinh phí đào tạo, bồi dưỡng cán bộ, công chức xã",
            "tập huấn nghiệp vụ quản lý đất đai cho công chức xã",
            "bồi dưỡng lý luận chính trị cho cán bộ cấp xã",
            "đào tạo kỹ năng chuyển đổi số cho cán bộ, công chức xã",
            "tập huấn nghiệp vụ hộ tịch cho công chức Tư pháp - hộ tịch"},
        { // T12
            "lưu trữ hồ sơ, tài liệu của các xã cũ",
            "đổi tên đường, tổ dân phố trùng tên sau sáp nhập",
            "giấy tờ của công dân còn ghi địa chỉ hành chính cũ",
            "công tác dân vận ở địa bàn mới sau hợp nhất",
            "thông tin nơi cư trú trên thẻ căn cước sau sắp xếp",
            "quản lý các hội quần chúng hoạt động ở cấp xã"},
    };

    /** Five kinds of difficulty, each with its own vocabulary: title templates and problem sentences ({S} = subject). */
    static final String[][] KIND_TITLES = {
        {"Chưa có hướng dẫn về {S}", "Xin hướng dẫn về {S}", "Đề nghị hướng dẫn thực hiện {S}",
            "Vướng mắc do thiếu hướng dẫn về {S}", "Cần văn bản hướng dẫn {S}"},
        {"Chưa rõ thẩm quyền quyết định {S}", "Cơ quan nào có thẩm quyền đối với {S}",
            "Xác định thẩm quyền giải quyết {S}", "Vướng mắc về thẩm quyền trong {S}", "Thẩm quyền về {S} sau sắp xếp"},
        {"Chậm giải quyết {S}", "{S} bị chậm so với kế hoạch", "{S} đến nay chưa được thực hiện",
            "Ách tắc trong {S}", "Tồn đọng kéo dài về {S}"},
        {"Thiếu kinh phí cho {S}", "Chưa bố trí kinh phí thực hiện {S}", "Ngân sách xã không đủ cho {S}",
            "Nguồn kinh phí bảo đảm {S}", "Đề nghị hỗ trợ kinh phí cho {S}"},
        {"Quy định về {S} chưa thống nhất", "Văn bản về {S} mâu thuẫn nhau", "Chồng chéo quy định về {S}",
            "Hướng dẫn của tỉnh và của Bộ về {S} khác nhau", "Không thống nhất cách hiểu về {S}"},
    };

    static final String[][] KIND_SENTENCES = {
        {"{U} chưa nhận được văn bản hướng dẫn cụ thể về {S}, nên cán bộ, công chức còn lúng túng khi triển khai.",
            "Các văn bản hiện hành chưa quy định rõ về {S}; {u} không biết áp dụng thế nào cho đúng.",
            "Đến nay chưa có hướng dẫn thống nhất về {S}, mỗi nơi làm một cách.",
            "{U} đã hỏi Sở Nội vụ nhưng chưa nhận được hướng dẫn về {S}."},
        {"Chưa rõ cơ quan nào có thẩm quyền quyết định đối với {S}: Ủy ban nhân dân cấp xã hay cấp tỉnh.",
            "Sở Nội vụ và Ủy ban nhân dân {u} có ý kiến khác nhau về thẩm quyền giải quyết {S}.",
            "Sau khi kết thúc hoạt động của cấp huyện, thẩm quyền đối với {S} chưa được xác định rõ.",
            "Việc {S} trước đây do huyện quyết định, nay chưa rõ cấp nào có thẩm quyền."},
        {"Việc {S} bị chậm khoảng {N} tháng so với kế hoạch, ảnh hưởng đến người dân và doanh nghiệp.",
            "{S} đến nay vẫn chưa được giải quyết dứt điểm, gây ách tắc công việc của {u}.",
            "Đã {N} tháng trôi qua nhưng {S} vẫn chưa được thực hiện, hồ sơ tồn đọng nhiều.",
            "Do chờ ý kiến của nhiều cơ quan, {S} bị kéo dài, {u} bị người dân phản ánh."},
        {"Ngân sách {u} không đủ để bảo đảm {S}, tỉnh chưa bố trí kinh phí bổ sung.",
            "Chưa có nguồn kinh phí thực hiện {S} trong dự toán năm 2026 của {u}.",
            "Kinh phí cho {S} ước khoảng {M} triệu đồng nhưng {u} chưa được cấp.",
            "{U} đã đề xuất kinh phí cho {S} nhưng chưa được phê duyệt."},
        {"Hướng dẫn của tỉnh về {S} chưa thống nhất với văn bản của Bộ, {u} không biết thực hiện theo văn bản nào.",
            "Các quy định về {S} còn chồng chéo, mâu thuẫn giữa luật và nghị định hướng dẫn.",
            "Mỗi sở, ngành hướng dẫn về {S} một cách khác nhau, gây khó khăn cho {u}.",
            "Quy định mới và quy định cũ về {S} chưa được bãi bỏ, dẫn đến cách hiểu không thống nhất."},
    };

    static final String[] CONTEXTS = {
        "Sau khi sắp xếp đơn vị hành chính, ",
        "Từ ngày 01/7/2025, khi chính quyền địa phương hai cấp đi vào hoạt động, ",
        "Sau khi sáp nhập {K} xã thành {u} mới, ",
        "Trong quá trình triển khai Luật Tổ chức chính quyền địa phương năm 2025, ",
        "Từ khi kết thúc hoạt động của cấp huyện, ",
        "Sau khi hợp nhất các đơn vị hành chính, ",
        "",
    };

    static final String[] REQUESTS = {
        "Đề nghị Bộ Nội vụ hướng dẫn.",
        "Kính đề nghị Bộ xem xét, trả lời.",
        "Xin Bộ cho ý kiến để {u} thực hiện.",
        "Đề nghị Bộ có văn bản hướng dẫn thống nhất trên toàn quốc.",
        "Kính mong Bộ sớm có ý kiến chỉ đạo.",
        "Đề nghị Bộ phối hợp với các bộ, ngành liên quan tháo gỡ.",
    };

    static final String[] EXTRA = {
        "Hiện {u} có {P} cán bộ, công chức, trong đó {Q} người được điều động từ huyện về.",
        "Vấn đề này đã được nêu tại hội nghị giao ban của tỉnh nhưng chưa được giải quyết.",
        "Nhiều xã khác trong tỉnh cũng gặp khó khăn tương tự.",
        "Người dân đã nhiều lần phản ánh tại buổi tiếp công dân.",
        "{U} đã có văn bản số {R}/UBND gửi Sở Nội vụ nhưng chưa nhận được trả lời.",
        "Dân số của {u} sau sắp xếp khoảng {D} nghìn người.",
    };

    /** Long tail: specific, rarely repeated matters. */
    static final String[] TAIL_OBJECTS = {
        "nhà văn hóa thôn", "nghĩa trang nhân dân", "chợ tạm", "bến đò ngang", "cầu treo dân sinh", "kênh mương nội đồng",
        "điểm trường lẻ", "sân vận động cũ", "đài truyền thanh cơ sở", "hệ thống camera an ninh", "trạm bơm tiêu úng",
        "quỹ phòng, chống thiên tai", "hợp tác xã nông nghiệp", "lễ hội truyền thống", "di tích cấp tỉnh",
        "làng nghề gốm", "bãi tập kết rác", "nhà công vụ giáo viên", "tủ sách pháp luật", "đội dân phòng",
        "tổ hòa giải cơ sở", "đoàn thanh niên xung kích", "câu lạc bộ người cao tuổi", "hội nông dân thôn",
        "bảo tàng làng", "rừng phòng hộ ven biển", "trạm kiểm lâm", "tuyến đê bao", "đường giao thông nông thôn",
        "khu tái định cư", "điểm bưu điện văn hóa", "nhà bia tưởng niệm", "công viên cây xanh", "chốt dân quân",
        "bãi đỗ xe du lịch", "khu neo đậu tàu thuyền", "mỏ cát lòng sông", "trang trại chăn nuôi", "lò giết mổ",
        "ký túc xá công nhân"};
    static final String[] TAIL_ACTIONS = {
        "bàn giao", "sửa chữa", "thanh lý", "cấp phép", "kiểm kê", "quản lý", "di dời", "nâng cấp", "cho thuê",
        "xử lý vi phạm", "thu phí", "đặt tên", "quy hoạch lại", "cải tạo", "bảo trì", "thành lập ban quản lý",
        "quyết toán", "chuyển mục đích sử dụng", "lập hồ sơ", "giải thể"};
    static final String[] TAIL_DETAILS = {
        "do hồ sơ gốc bị thất lạc khi bàn giao", "vì ranh giới giữa hai thôn chưa được xác định",
        "khi có tranh chấp giữa các hộ dân", "do nguồn vốn từ chương trình mục tiêu đã kết thúc",
        "vì đơn vị thi công đã giải thể", "khi mùa mưa bão sắp đến", "do chưa có người chịu trách nhiệm quản lý",
        "vì quyết định cũ của huyện chưa được thu hồi", "do chênh lệch số liệu giữa các xã cũ",
        "khi hợp đồng với doanh nghiệp đã hết hạn", "vì công trình nằm trên địa bàn hai xã",
        "do người dân kiến nghị nhiều lần", "sau đợt kiểm tra của thanh tra tỉnh"};

    static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Hà", "Đinh", "Mai"};
    static final String[] MIDDLE = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Kim", "Xuân"};
    static final String[] GIVEN = {"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Lan",
        "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn",
        "Vân", "Yến"};

    static final String[] ANSWERS = {
        "Bộ Nội vụ trả lời: nội dung {S} thực hiện theo hướng dẫn tại văn bản của Bộ ban hành tháng 8 năm 2025; đề nghị xã phối hợp với Sở Nội vụ để triển khai.",
        "Về {S}: thẩm quyền thuộc Ủy ban nhân dân cấp tỉnh; Bộ đã có văn bản đề nghị các tỉnh hướng dẫn thống nhất.",
        "Bộ ghi nhận kiến nghị về {S} và đã tổng hợp để báo cáo cấp có thẩm quyền sửa đổi quy định.",
        "Đề nghị xã căn cứ Luật Tổ chức chính quyền địa phương năm 2025 và nghị định hướng dẫn để thực hiện {S}.",
    };

    static final int KINDS = KIND_TITLES.length;

    private final ReferenceData ref;
    private final double[] problemCdf;
    private final int problems;
    private final Instant now;
    private final Instant start = LocalDate.of(2025, 7, 1).atStartOfDay(VN).toInstant();
    private final Instant busyEnd = LocalDate.of(2025, 10, 1).atStartOfDay(VN).toInstant();
    private static final JsonFactory JSON = new JsonFactory();

    /** Share of cases that paraphrase one of the recurring problems (the rest is the long tail). */
    static final double RECURRING_SHARE = 0.75;

    public Corpus(ReferenceData ref, Instant now) {
        this.ref = ref;
        this.now = now;
        this.problems = SUBJECTS.length * SUBJECTS[0].length * KINDS;
        // Zipf-like popularity (s = 0.8) over a fixed shuffled order of the problems
        double[] w = new double[problems];
        int[] order = new int[problems];
        for (int i = 0; i < problems; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(20250701L);
        for (int i = problems - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double sum = 0;
        for (int rank = 0; rank < problems; rank++) {
            w[order[rank]] = 1.0 / Math.pow(rank + 1, 0.8);
            sum += w[order[rank]];
        }
        problemCdf = new double[problems];
        double acc = 0;
        for (int i = 0; i < problems; i++) {
            acc += w[i] / sum;
            problemCdf[i] = acc;
        }
    }

    public int problemCount() {
        return problems;
    }

    /** A generated case: what a commune submits. {@code problem} is -1 for a long-tail case. */
    public record Case(int problem, ReferenceData.Commune commune, ReferenceData.Topic topic, String kind,
            String urgency, String title, String description, String contactName, String contactPhone,
            String contactEmail) {
    }

    public Case next(SplittableRandom r) {
        return next(r, ref.communes.get(r.nextInt(ref.communes.size())));
    }

    public Case next(SplittableRandom r, ReferenceData.Commune commune) {
        String unit = commune.type(); // xã, phường, đặc khu
        String title;
        String description;
        int problem;
        ReferenceData.Topic topic;
        if (r.nextDouble() < RECURRING_SHARE) {
            problem = pickProblem(r);
            int t = problem / (SUBJECTS[0].length * KINDS);
            int s = (problem / KINDS) % SUBJECTS[0].length;
            int k = problem % KINDS;
            topic = ref.topics.get(t);
            String subject = SUBJECTS[t][s];
            title = capitalize(fill(pick(r, KIND_TITLES[k]), subject, unit, r));
            StringBuilder d = new StringBuilder();
            String ctx = fill(pick(r, CONTEXTS), subject, unit, r);
            String problemSentence = fill(pick(r, KIND_SENTENCES[k]), subject, unit, r);
            d.append(ctx.isEmpty() ? problemSentence : ctx + lowerFirst(problemSentence));
            if (r.nextDouble() < 0.5) {
                d.append(' ').append(fill(pick(r, KIND_SENTENCES[k]), subject, unit, r));
            }
            if (r.nextDouble() < 0.6) {
                d.append(' ').append(fill(pick(r, EXTRA), subject, unit, r));
            }
            d.append(' ').append(fill(pick(r, REQUESTS), subject, unit, r));
            description = d.toString();
        } else {
            problem = -1;
            topic = ref.topics.get(r.nextInt(ref.topics.size()));
            String object = pick(r, TAIL_OBJECTS);
            String action = pick(r, TAIL_ACTIONS);
            ReferenceData.Commune other = ref.communes.get(r.nextInt(ref.communes.size()));
            title = capitalize(action + " " + object + " " + pick(r, TAIL_DETAILS));
            description = "Về việc " + action + " " + object + " tại khu vực giáp ranh với " + other.name() + ", "
                    + unit + " gặp vướng mắc " + pick(r, TAIL_DETAILS) + ". Tổng diện tích khoảng "
                    + (1 + r.nextInt(90)) * 100 + " m2, liên quan đến " + (2 + r.nextInt(60)) + " hộ dân. "
                    + fill(pick(r, EXTRA), object, unit, r) + " " + fill(pick(r, REQUESTS), object, unit, r);
        }
        String kind = switch (r.nextInt(10)) {
            case 0, 1 -> "QUESTION";
            case 2, 3, 4 -> "PROPOSAL";
            default -> "DIFFICULTY";
        };
        int u = r.nextInt(100);
        String urgency = u < 85 ? "NORMAL" : u < 95 ? "URGENT" : u < 99 ? "VERY_URGENT" : "EXPRESS";
        String name = pick(r, FAMILY) + " " + pick(r, MIDDLE) + " " + pick(r, GIVEN);
        String phone = "09" + (10_000_000 + r.nextInt(89_999_999));
        String email = r.nextBoolean() ? null : "vanthu." + commune.code() + "@" + "xa" + commune.code() + ".gov.vn";
        return new Case(problem, commune, topic, kind, urgency, truncate(title, 200), description, name, phone, email);
    }

    private int pickProblem(SplittableRandom r) {
        double x = r.nextDouble();
        int lo = 0;
        int hi = problems - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (problemCdf[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String fill(String template, String subject, String unit, SplittableRandom r) {
        String u = unit;
        String cap = capitalize(unit);
        return template.replace("{S}", subject).replace("{u}", u).replace("{U}", cap)
                .replace("{N}", Integer.toString(2 + r.nextInt(8))).replace("{M}", Integer.toString(50 + r.nextInt(950)))
                .replace("{K}", Integer.toString(2 + r.nextInt(3))).replace("{P}", Integer.toString(25 + r.nextInt(40)))
                .replace("{Q}", Integer.toString(3 + r.nextInt(15))).replace("{R}", Integer.toString(100 + r.nextInt(900)))
                .replace("{D}", Integer.toString(8 + r.nextInt(60)));
    }

    static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String lowerFirst(String s) {
        // keep proper nouns (Ủy ban, Sở, Hội đồng...) as written; lower only the common first words
        for (String w : List.of("Các ", "Chưa ", "Đến ", "Việc ", "Sau ", "Đã ", "Do ", "Mỗi ", "Quy ", "Ngân ", "Kinh ",
                "Hướng ")) {
            if (s.startsWith(w)) {
                return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
            }
        }
        return s;
    }

    static String truncate(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    /** Lower case, no tones, đ → d: what a leader types without diacritics. */
    public static String fold(String s) {
        String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return n.replace('đ', 'd');
    }

    /** Queries a leader types: the key words of recurring subjects, without diacritics. */
    public List<String> leaderQueries() {
        List<String> out = new ArrayList<>();
        for (String[] topic : SUBJECTS) {
            for (String s : topic) {
                String[] words = s.replace(",", "").split(" ");
                // a 2-4 word slice from the middle: the distinctive part of the subject
                int len = Math.min(words.length, 3 + (s.length() % 2));
                int from = Math.max(0, (words.length - len) / 2);
                out.add(fold(String.join(" ", java.util.Arrays.copyOfRange(words, from, from + len))));
            }
        }
        return out;
    }

    /** Topic code of leaderQueries().get(i). */
    public String topicOfQuery(int i) {
        return ref.topics.get(i / SUBJECTS[0].length).code();
    }

    // ------------------------------------------------------------------------------------------ request bodies

    public String submitJson(Case c) {
        try {
            StringWriter w = new StringWriter(1024);
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartObject();
                g.writeNumberField("commune", c.commune().code());
                g.writeStringField("topic", c.topic().code());
                g.writeStringField("kind", c.kind());
                g.writeStringField("title", c.title());
                g.writeStringField("description", c.description());
                g.writeStringField("urgency", c.urgency());
                g.writeObjectFieldStart("contact");
                g.writeStringField("name", c.contactName());
                g.writeStringField("phone", c.contactPhone());
                if (c.contactEmail() != null) {
                    g.writeStringField("email", c.contactEmail());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ search documents

    /** Counters of the generated corpus, for the report. */
    public static final class Stats {
        public final long[] status = new long[STATUSES.length];
        public long recurring;
        public long overdue;
        public long answered;

        synchronized void add(Stats o) {
            for (int i = 0; i < status.length; i++) {
                status[i] += o.status[i];
            }
            recurring += o.recurring;
            overdue += o.overdue;
            answered += o.answered;
        }
    }

    static final String[] STATUSES = {"SUBMITTED", "ROUTED", "CLAIMED", "NEEDS_INFO", "ESCALATED", "ANSWERED", "REOPENED",
        "CLOSED"};

    /** Status mix by age of the case: rows = age bands (< 2 d, < 14 d, < 60 d, older), cumulative per mille. */
    static final int[][] STATUS_MIX = {
        {50, 650, 950, 1000, 1000, 1000, 1000, 1000},
        {0, 150, 550, 650, 700, 900, 900, 1000},
        {0, 30, 180, 230, 280, 480, 500, 1000},
        {0, 0, 30, 40, 60, 160, 170, 1000},
    };

    /** Submission time: 30 % in the first busy quarter after 1 July 2025, the rest evenly until now. */
    Instant submittedAt(SplittableRandom r) {
        if (r.nextDouble() < 0.3) {
            return start.plusSeconds((long) (r.nextDouble() * Duration.between(start, busyEnd).toSeconds()));
        }
        return busyEnd.plusSeconds((long) (r.nextDouble() * Duration.between(busyEnd, now).toSeconds()));
    }

    /**
     * The Elasticsearch document of a generated case, with exactly the fields of search-service's mapping (dynamic:
     * strict) and CaseDocumentMapper's conventions. {@code seq} makes id and code unique.
     */
    public String document(Case c, String caseId, long seq, SplittableRandom r, Stats stats) {
        Instant submitted = submittedAt(r);
        long ageDays = Duration.between(submitted, now).toDays();
        int band = ageDays < 2 ? 0 : ageDays < 14 ? 1 : ageDays < 60 ? 2 : 3;
        int x = r.nextInt(1000);
        int si = 0;
        while (STATUS_MIX[band][si] <= x) {
            si++;
        }
        String status = STATUSES[si];
        stats.status[si]++;
        int workingDays = switch (c.urgency()) {
            case "URGENT" -> 5;
            case "VERY_URGENT" -> 3;
            case "EXPRESS" -> 1;
            default -> 10;
        };
        Instant routedAt = submitted.plusSeconds(1 + r.nextInt(30));
        Instant due = routedAt.plus(Duration.ofHours(workingDays * 24L * 7 / 5 + 8));
        boolean routed = si >= 1;
        boolean claimed = si >= 2;
        boolean answered = si == 5 || si == 7 && r.nextInt(10) < 9;
        Instant claimedAt = claimed ? routedAt.plus(Duration.ofMinutes(30 + r.nextInt(60 * 24 * 3))) : null;
        if (claimedAt != null && !claimedAt.isBefore(now.minusSeconds(7200))) {
            claimedAt = routedAt.plusSeconds(Math.max(60, Duration.between(routedAt, now).toSeconds() / 4));
        }
        Instant answeredAt = null;
        if (answered) {
            long span = Math.max(3600, Duration.between(claimedAt, now).toSeconds());
            long took = (long) (Math.min(span, Duration.between(routedAt, due).toSeconds() * (0.15 + 0.95 * r.nextDouble())));
            answeredAt = claimedAt.plusSeconds(Math.max(60, Math.min(took, span - 60)));
            if (answeredAt.isAfter(now)) {
                answeredAt = now;
            }
        }
        boolean open = !(si == 5 || si == 7);
        String sla;
        boolean overdue;
        if (!routed) {
            sla = null;
            overdue = false;
        } else if (!open) {
            sla = "STOPPED";
            overdue = answeredAt != null && answeredAt.isAfter(due);
        } else if (si == 3) {
            sla = "PAUSED";
            overdue = false;
        } else if (now.isAfter(due)) {
            sla = "OVERDUE";
            overdue = true;
        } else if (Duration.between(now, due).toHours() < 24) {
            sla = "AT_RISK";
            overdue = false;
        } else {
            sla = "ON_TRACK";
            overdue = false;
        }
        if (overdue) {
            stats.overdue++;
        }
        if (answered) {
            stats.answered++;
        }
        if (c.problem() >= 0) {
            stats.recurring++;
        }
        int year = submitted.atZone(VN).getYear();
        String code = "PAKN-%d-%06d".formatted(year, 100_000 + (seq % 900_000));
        int supporters = c.problem() >= 0 && r.nextInt(10) == 0 ? 1 + r.nextInt(5) : 0;
        int handovers = r.nextInt(100) < 8 ? 1 + r.nextInt(3) : 0;
        int releases = r.nextInt(100) < 4 ? 1 : 0;
        boolean escalated = si == 4 || (claimed && r.nextInt(100) < 3);
        Instant updated = answeredAt != null ? answeredAt : claimedAt != null ? claimedAt : routed ? routedAt : submitted;
        if (si == 7) {
            updated = updated.plus(Duration.ofDays(1 + r.nextInt(7)));
            if (updated.isAfter(now)) {
                updated = now;
            }
        }
        ReferenceData.Province p = c.commune().province();
        try {
            StringWriter w = new StringWriter(2048);
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartObject();
                g.writeStringField("caseId", caseId);
                g.writeStringField("code", code);
                g.writeNumberField("intakeVersion", 1 + (supporters > 0 ? 1 : 0));
                g.writeNumberField("triageVersion", routed ? 1 + si + handovers : 0);
                g.writeStringField("title", c.title());
                g.writeStringField("description", c.description());
                if (answered) {
                    String subject = c.problem() >= 0
                            ? SUBJECTS[c.problem() / (SUBJECTS[0].length * KINDS)][(c.problem() / KINDS) % SUBJECTS[0].length]
                            : "nội dung phản ánh";
                    g.writeStringField("answerText", pick(r, ANSWERS).replace("{S}", subject));
                    g.writeStringField("answeredAt", answeredAt.toString());
                }
                g.writeNumberField("provinceCode", p.code());
                g.writeStringField("provinceName", p.name());
                g.writeNumberField("communeCode", c.commune().code());
                g.writeStringField("communeName", c.commune().name());
                g.writeStringField("topicCode", c.topic().code());
                g.writeStringField("topicName", c.topic().name());
                g.writeStringField("kind", c.kind());
                g.writeStringField("urgency", c.urgency());
                g.writeNumberField("supporters", supporters);
                g.writeNumberField("attachmentCount", r.nextInt(10) < 7 ? 0 : 1 + r.nextInt(3));
                g.writeStringField("submittedAt", submitted.toString());
                g.writeStringField("status", status);
                if (routed) {
                    g.writeStringField("authorityLevel", escalated ? "MINISTRY" : c.topic().authority());
                    g.writeStringField("liaisonId", "liaison-" + p.code());
                    g.writeStringField("liaisonName", "Cán bộ lãnh đạo cấp Vụ phụ trách " + p.name());
                    g.writeStringField("responsibleUnitCode", c.topic().unitCode());
                    g.writeStringField("responsibleUnitName", c.topic().unitName());
                    g.writeStringField("slaState", sla);
                    g.writeBooleanField("overdue", overdue);
                    g.writeStringField("dueAt", due.toString());
                    g.writeNumberField("handoverCount", handovers);
                    g.writeNumberField("releaseCount", releases);
                    g.writeNumberField("escalationCount", escalated ? 1 : 0);
                    if (escalated) {
                        g.writeStringField("escalationTarget", r.nextInt(4) == 0 ? "OTHER_MINISTRY" : "MINISTRY");
                    }
                }
                if (claimedAt != null) {
                    g.writeStringField("claimedAt", claimedAt.toString());
                }
                g.writeBooleanField("answered", answered);
                // as search-service stores it: every indexed case has an issue id; a paraphrase of a recurring
                // problem that problem's issue, a long-tail case its own single-case candidate ri-<caseId>, so the
                // recurring-issue list aggregates over as many distinct ids as the real index has
                g.writeStringField("recurringIssueId", c.problem() >= 0 ? "ri-p" + c.problem() : "ri-" + caseId);
                g.writeStringField("updatedAt", updated.toString());
                g.writeEndObject();
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
