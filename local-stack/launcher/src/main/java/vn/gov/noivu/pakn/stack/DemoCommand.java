package vn.gov.noivu.pakn.stack;

import vn.gov.noivu.pakn.stack.demo.DemoLoader;
import vn.gov.noivu.pakn.stack.demo.DemoPlan;
import vn.gov.noivu.pakn.stack.demo.PhraseBank;
import vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./stack demo [--cases N] [--seed S] [--threads T]}: loads the demo data set into the running stack through
 * the services' APIs ({@link DemoLoader}). The time the data set is anchored to is kept in
 * {@code .stack/demo/anchor} on the first run, so later runs plan exactly the same cases and add nothing.
 */
final class DemoCommand {

    static final int DEFAULT_CASES = 3000;
    static final long DEFAULT_SEED = 20250701L;

    private final StackLayout layout;
    private final Consumer<String> say;

    DemoCommand(StackLayout layout, Consumer<String> say) {
        this.layout = layout;
        this.say = say;
    }

    int run(String[] args) throws Exception {
        int cases = DEFAULT_CASES;
        long seed = DEFAULT_SEED;
        int threads = 12;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--cases" -> cases = positive(args[i], value, 100_000);
                case "--seed" -> seed = positive(args[i], value, Integer.MAX_VALUE);
                case "--threads" -> threads = positive(args[i], value, 64);
                default -> throw new IllegalArgumentException("usage: ./stack demo [--cases N] [--seed S] [--threads T]");
            }
            i++;
        }
        QuarkusServiceSpec intake = service("intake-service");
        QuarkusServiceSpec triage = service("triage-service");
        QuarkusServiceSpec search = service("search-service");
        if (!ready(layout.keycloak())) {
            throw new IllegalArgumentException("Keycloak is not running: start the stack first (./stack up)");
        }
        Instant anchor = anchor(seed);
        KeycloakTokens keycloak = new KeycloakTokens(layout.keycloak());
        DemoLoader loader = new DemoLoader(new DemoLoader.Stack() {
            public String intakeUrl() {
                return intake.url();
            }

            public String triageUrl() {
                return triage.url();
            }

            public String searchUrl() {
                return search.url();
            }

            public String token(String role, String scope) throws IOException, InterruptedException {
                return keycloak.issue(role, scope);
            }
        }, say);
        try {
            long t0 = System.nanoTime();
            List<DemoPlan.Commune> communes = loader.communes();
            DemoPlan plan = new DemoPlan(seed, anchor, PhraseBank.load(), communes, loader.units());
            say.accept(String.format("dữ liệu mẫu: %d hồ sơ, hạt giống %d, 6 tháng đến %s, %d xã/phường của 34 tỉnh, "
                    + "%d luồng", cases, seed, anchor.atZone(DemoPlan.VN).toLocalDate(), plan.pool().size(), threads));
            DemoLoader.Result r = loader.load(plan, cases, threads);
            double secs = (System.nanoTime() - t0) / 1e9;
            say.accept(String.format("xong trong %.0f s: %d hồ sơ mới, %d đã có từ trước (bỏ qua), %d thao tác, "
                    + "%d thao tác đã làm (bỏ qua), %d lỗi", secs, r.submitted(), r.replayed(), r.actions(),
                    r.skipped(), r.failed()));
            say.accept("kế hoạch theo kết cục: " + r.fates());
            long indexed = loader.awaitIndexed(cases);
            say.accept("search-service đã lập chỉ mục " + indexed + " hồ sơ");
            Instant from = anchor.minus(DemoPlan.DAYS, ChronoUnit.DAYS);
            for (Map.Entry<String, Map<String, Long>> e : loader.summary(from, anchor.plus(1, ChronoUnit.DAYS))
                    .entrySet()) {
                say.accept(e.getKey() + ": " + e.getValue());
            }
            String fromDate = from.atZone(DemoPlan.VN).toLocalDate().toString();
            System.out.println();
            System.out.println("Mở (mật khẩu của mọi người dùng mẫu: pakn-demo):");
            System.out.println("  lãnh đạo Bộ   leader        " + search.url() + "/lanh-dao/xu-huong?from=" + fromDate
                    + "&interval=month");
            System.out.println("                              " + search.url() + "/lanh-dao/van-de-lap-lai");
            System.out.println("                              " + search.url() + "/lanh-dao/tim-kiem");
            System.out.println("  cán bộ phụ trách tỉnh  liaison-1 (Hà Nội), liaison-79 (TP Hồ Chí Minh), liaison-P "
                    + "cho mọi tỉnh   " + triage.url() + "/can-bo/hang-cho");
            System.out.println("  lãnh đạo Vụ   head-vu-tcbc, head-vu-cqdp, ...   " + triage.url()
                    + "/can-bo/hang-cho?loc=chuyen-cap");
            DemoPlan.Commune sample = plan.spec(1).commune();
            System.out.println("  cán bộ xã     commune-" + sample.code() + " (" + sample.name() + "), commune-CODE "
                    + "của các xã có hồ sơ   " + intake.url() + "/xa/ho-so");
            return r.failed() == 0 ? 0 : 1;
        } finally {
            loader.close();
        }
    }

    private QuarkusServiceSpec service(String name) {
        QuarkusServiceSpec spec = layout.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not built: run ./stack up first"));
        if (!ready(spec)) {
            throw new IllegalArgumentException(name + " is not running on " + spec.url()
                    + ": start the stack first (./stack up)");
        }
        return spec;
    }

    /** Ready now or within half a minute (a busy machine answers health checks slowly). */
    private static boolean ready(ServerSpec spec) {
        for (int i = 0; i < 10; i++) {
            if (spec.ready()) {
                return true;
            }
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The data set's "now": written on the first run of a seed, read on every later one. */
    private Instant anchor(long seed) throws IOException {
        Path file = layout.state.resolve("demo").resolve("anchor-" + seed);
        if (Files.isRegularFile(file)) {
            return Instant.parse(Files.readString(file).trim());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, now + "\n");
        return now;
    }

    private static int positive(String flag, String value, int max) {
        try {
            int v = Integer.parseInt(value == null ? "" : value.trim());
            if (v < 1 || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number from 1 to " + max + ", got '" + value + "'");
        }
    }
}
