package vn.gov.noivu.pakn.search.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV export of a whole result set, paged internally with search_after. UTF-8 with a byte-order mark so Excel shows
 * Vietnamese; every cell quoted; cells starting with = + - @ are prefixed with ' so spreadsheets never run them.
 */
@ApplicationScoped
public class CsvExporter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(SearchService.VN);

    @Inject
    SearchService search;

    @Inject
    SearchConfig config;

    public void write(SearchCriteria criteria, Scope scope, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        boolean anon = scope.anonymised();
        List<String> header = new ArrayList<>(List.of("Mã hồ sơ", "Tiêu đề", "Chuyên đề"));
        if (!anon) {
            header.addAll(List.of("Tỉnh/thành phố", "Xã/phường/đặc khu"));
        }
        header.addAll(List.of("Loại", "Độ khẩn", "Trạng thái", "Thẩm quyền"));
        if (!anon) {
            header.add("Cán bộ phụ trách");
        }
        header.addAll(List.of("Ngày gửi", "Hạn xử lý", "Quá hạn", "Số lần chuyển giao", "Số lần chuyển cấp",
                "Số xã cùng phản ánh", "Đã trả lời"));
        row(w, header);
        int written = 0;
        String cursor = null;
        int pageSize = 500;
        while (written < config.export().maxRows()) {
            SearchPage page = search.search(criteria.withPage(pageSize, cursor), scope, false);
            for (SearchPage.Item i : page.items()) {
                List<String> r = new ArrayList<>(List.of(s(i.code()), s(i.title()), s(i.topicName() != null
                        ? i.topicName() : i.topicCode())));
                if (!anon) {
                    r.addAll(List.of(s(i.provinceName()), s(i.communeName())));
                }
                r.addAll(List.of(SearchService.label("kind", s(i.kind())), SearchService.label("urgency", s(i.urgency())),
                        s(i.statusLabel()), SearchService.label("authority", s(i.authorityLevel()))));
                if (!anon) {
                    r.add(s(i.liaisonName()));
                }
                r.addAll(List.of(date(i.submittedAt()), date(i.dueAt()), Boolean.TRUE.equals(i.overdue()) ? "Có" : "Không",
                        n(i.handoverCount()), n(i.escalationCount()), n(i.supporters()),
                        Boolean.TRUE.equals(i.answered()) ? "Có" : "Không"));
                row(w, r);
                if (++written >= config.export().maxRows()) {
                    break;
                }
            }
            if (page.nextCursor() == null) {
                break;
            }
            cursor = page.nextCursor();
        }
        w.flush();
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static String n(Integer v) {
        return v == null ? "0" : v.toString();
    }

    private static String date(Instant i) {
        return i == null ? "" : DATE.format(i);
    }

    static void row(Writer w, List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(c)));
        }
        w.write("\r\n");
    }

    static String cell(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
