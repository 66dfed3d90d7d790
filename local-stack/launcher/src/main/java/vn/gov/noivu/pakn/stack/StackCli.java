package vn.gov.noivu.pakn.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code ./stack up | down | status | reset | token ROLE [SCOPE] | demo [--cases N] [--seed S] | logpath PART
 * | mail [--to ADDRESS] [--last N] [--body]}.
 */
public final class StackCli {

    private final StackLayout layout;
    private final long t0 = System.nanoTime();
    private final Supervisor supervisor;

    private StackCli(StackLayout layout) {
        this.layout = layout;
        this.supervisor = new Supervisor(layout.runDir(), this::say);
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("pakn.root", "."));
        StackLayout layout = new StackLayout(root, Path.of(System.getProperty("java.home")));
        String cmd = args.length == 0 ? "help" : args[0];
        StackCli cli = new StackCli(layout);
        try {
            int code = switch (cmd) {
                case "up" -> cli.up(args.length > 1 && args[1].equals("--infra"));
                case "down" -> cli.down();
                case "status" -> cli.status();
                case "reset" -> cli.reset();
                case "token" -> cli.token(args);
                case "demo" -> new DemoCommand(layout, cli::say).run(args);
                case "logpath" -> cli.logPath(args);
                case "mail" -> cli.mail(args);
                default -> {
                    System.err.println("usage: ./stack up [--infra] | down | status | logs [PART] | reset | token ROLE [SCOPE]"
                            + " | demo [--cases N] [--seed S] | mail [--to ADDRESS] [--last N] [--body]");
                    yield cmd.equals("help") ? 0 : 2;
                }
            };
            System.exit(code);
        } catch (IllegalArgumentException e) {
            System.err.println("stack: " + e.getMessage());
            System.exit(2);
        } catch (Supervisor.StartFailure e) {
            System.err.println("stack: FAILED: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("stack: " + e);
            System.exit(1);
        }
    }

    private void say(String line) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
        System.out.flush();
    }

    private int up(boolean infraOnly) throws Exception {
        say("starting PostgreSQL, Kafka, Elasticsearch, Keycloak, the mail server and Zipkin (state in " + layout.state + ")");
        List<ServerSpec> startedNow = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (ServerSpec spec : layout.infrastructure()) {
                starts.add(CompletableFuture.runAsync(() -> startOne(spec, startedNow)));
            }
            join(starts);
            if (!infraOnly) {
                List<CompletableFuture<Void>> svc = new ArrayList<>();
                for (QuarkusServiceSpec spec : layout.services()) {
                    if (!spec.isBuilt()) {
                        throw new Supervisor.StartFailure(spec.name() + " is not built (./stack up builds what is "
                                + "missing; or ./mvnw -pl " + spec.name() + " -am install -DskipTests)");
                    }
                    say("starting " + spec.name() + " on " + spec.url());
                    svc.add(CompletableFuture.runAsync(() -> startOne(spec, startedNow)));
                }
                join(svc);
            }
        } catch (Supervisor.StartFailure e) {
            System.err.println("stack: FAILED: " + e.getMessage());
            stopStarted(startedNow);
            return 1;
        }
        say("stack is up in " + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s");
        status();
        return 0;
    }

    /** After a failed {@code up}: stops what this run started (servers that were already running stay up). */
    private void stopStarted(List<ServerSpec> startedNow) {
        List<ServerSpec> toStop = new ArrayList<>(layout.all());
        java.util.Collections.reverse(toStop);
        List<String> stopped = new ArrayList<>();
        for (ServerSpec spec : toStop) {
            boolean ours = startedNow.stream().anyMatch(s -> s.name().equals(spec.name()));
            if (ours && supervisor.stop(spec, Duration.ofSeconds(30))) {
                stopped.add(spec.name());
            }
        }
        List<String> left = new ArrayList<>();
        for (ServerSpec spec : layout.all()) {
            supervisor.running(spec.name()).ifPresent(p -> left.add(spec.name()));
        }
        System.err.println("stack: stopped what this run started" + (stopped.isEmpty() ? " (nothing)" : ": "
                + String.join(", ", stopped)) + (left.isEmpty() ? "; nothing is running"
                : "; left running (they were up before): " + String.join(", ", left) + " - ./stack down stops them"));
    }

    private void startOne(ServerSpec spec, List<ServerSpec> startedNow) {
        long start = System.nanoTime();
        boolean wasRunning = supervisor.running(spec.name()).isPresent();
        if (!wasRunning) {
            startedNow.add(spec); // recorded before the start, so a server that fails half-way is stopped too
        }
        long pid = supervisor.start(spec);
        say(String.format("%-15s ready on port %d (pid %d) after %.1f s", spec.name(), spec.port(), pid,
                (System.nanoTime() - start) / 1e9));
    }

    private static void join(List<CompletableFuture<Void>> futures) {
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.add(cause instanceof Supervisor.StartFailure ? cause.getMessage() : cause.toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new Supervisor.StartFailure(String.join("\n", failures));
        }
    }

    private int down() {
        List<ServerSpec> all = new ArrayList<>(layout.all());
        java.util.Collections.reverse(all);
        boolean any = false;
        for (ServerSpec spec : all) {
            if (supervisor.stop(spec, Duration.ofSeconds(30))) {
                say("stopped " + spec.name());
                any = true;
            }
        }
        if (!any) {
            say("nothing was running");
        }
        return 0;
    }

    private int status() {
        System.out.printf("%-15s %-6s %-8s %-9s %s%n", "PART", "PORT", "PID", "HEALTH", "LOG");
        int notUp = 0;
        for (ServerSpec spec : layout.all()) {
            Optional<ProcessHandle> p = supervisor.running(spec.name());
            String health = p.isEmpty() ? "stopped" : spec.ready() ? "healthy" : "starting";
            if (!health.equals("healthy")) {
                notUp++;
            }
            System.out.printf("%-15s %-6d %-8s %-9s %s%n", spec.name(), spec.port(),
                    p.map(h -> Long.toString(h.pid())).orElse("-"), health, spec.logFile());
        }
        System.out.println("traces: " + layout.zipkin().url() + " (Zipkin: search by trace id or by tag pakn.case.id;"
                + " docs/tracing.md)");
        return notUp == 0 ? 0 : 3;
    }

    private int reset() throws IOException {
        down();
        Path es = layout.state.resolve("elasticsearch");
        if (Files.isSymbolicLink(es)) {
            Path target = Files.readSymbolicLink(es);
            deleteTree(es.getParent().resolve(target));
        }
        deleteTree(layout.state);
        say("removed " + layout.state);
        return 0;
    }

    private int token(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ./stack token ROLE [SCOPE], roles: "
                    + String.join(", ", vn.gov.noivu.pakn.contract.Identity.ROLES));
        }
        String role = args[1];
        String scope = args.length > 2 ? args[2] : null;
        vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens.userFor(role, scope); // validates before any network call
        if (!layout.keycloak().ready()) {
            throw new IllegalArgumentException("Keycloak is not running: start the stack first (./stack up)");
        }
        System.out.println(layout.token(role, scope));
        return 0;
    }

    /**
     * {@code ./stack mail [--to ADDRESS] [--last N] [--body]}: the last N (default 20) messages the local mail server
     * received, oldest first: date, recipient, subject, and with {@code --body} the plain text.
     */
    private int mail(String[] args) throws Exception {
        String to = null;
        int last = 20;
        boolean body = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> to = value(args, ++i, "--to");
                case "--last", "-n" -> {
                    String v = value(args, ++i, "--last");
                    try {
                        last = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--last needs a number, was '" + v + "'");
                    }
                }
                case "--body" -> body = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: ./stack mail [--to ADDRESS] [--last N] [--body]");
            }
        }
        GreenMailSpec server = layout.mail();
        if (supervisor.running(server.name()).isEmpty() || !server.ready()) {
            throw new IllegalArgumentException("the mail server (greenmail) is not running: start the stack first (./stack up)");
        }
        Mailboxes boxes = new Mailboxes(server);
        List<Mailboxes.Mail> mails;
        if (to != null) {
            mails = boxes.addresses().stream().anyMatch(to::equalsIgnoreCase) ? boxes.inbox(to) : List.of();
        } else {
            mails = boxes.all();
        }
        List<Mailboxes.Mail> shown = mails.subList(Math.max(0, mails.size() - last), mails.size());
        System.out.println(mails.size() + (to == null ? " message(s) received" : " message(s) to " + to)
                + (shown.size() < mails.size() ? ", the last " + shown.size() + ":" : ""));
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault());
        for (Mailboxes.Mail m : shown) {
            System.out.printf("%s  %-32s  %s%n", f.format(m.received()), m.to(), m.subject());
            if (body) {
                System.out.println("    from: " + m.from());
                m.text().lines().forEach(l -> System.out.println("    | " + l));
                System.out.println();
            }
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private int logPath(String[] args) {
        for (ServerSpec spec : layout.all()) {
            if (args.length < 2 || spec.name().equals(args[1])) {
                System.out.println(spec.logFile());
            }
        }
        return 0;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
