package vn.gov.noivu.pakn.stack.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo data set as a pure function of (seed, anchor time, communes, units, phrase bank): the same inputs give the
 * same cases, texts, dates and fates, so a second run finds every case again by its idempotency key. Case {@code n}
 * depends only on {@code n}, not on how many cases are asked for.
 */
public final class DemoPlan {

    public static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    /** History covered by the data set. */
    public static final int DAYS = 183;
    /** Cases younger than this are still in work; older ones are mostly settled. */
    static final int RECENT_DAYS = 12;

    public record Commune(int code, String name, int provinceCode, String provinceName) {
    }

    /** What happens to a case after it is routed. */
    public enum Fate {
        UNCLAIMED, CLAIMED, NEEDS_INFO, INFO_REPLIED, ESCALATED, ESCALATED_ANSWERED, ANSWERED, ACCEPTED, REOPENED
    }

    public record CaseSpec(int n, String key, Commune commune, String topic, String kind, String urgency,
            String title, String description, String contactName, String contactPhone,
            /** null: submitted live by the commune official (now); else imported by the admin with this time */
            Instant receivedAt, Fate fate, String problem, List<Commune> supporters, String escalationUnit,
            String answer, String question, String reply, String reopenReason, String escalationReason) {
    }

    private final long seed;
    private final Instant anchor;
    private final PhraseBank bank;
    private final List<Commune> pool;
    private final List<String> units;
    private final Map<String, Integer> peaks = new LinkedHashMap<>();
    private final int totalWeight;

    /**
     * @param communes every commune (any order); the plan uses a fixed share of each province's communes
     * @param units    codes of the ministry's units (escalation targets)
     */
    public DemoPlan(long seed, Instant anchor, PhraseBank bank, List<Commune> communes, List<String> units) {
        this.seed = seed;
        this.anchor = anchor;
        this.bank = bank;
        this.units = units.stream().sorted().toList();
        Map<Integer, List<Commune>> byProvince = new LinkedHashMap<>();
        communes.stream().sorted(Comparator.comparingInt(Commune::code))
                .forEach(c -> byProvince.computeIfAbsent(c.provinceCode(), k -> new ArrayList<>()).add(c));
        List<Commune> chosen = new ArrayList<>();
        byProvince.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            List<Commune> list = new ArrayList<>(e.getValue());
            Collections.shuffle(list, new Random(seed * 31 + e.getKey()));
            chosen.addAll(list.subList(0, Math.min(list.size(), Math.max(8, (list.size() + 3) / 4))));
        });
        this.pool = List.copyOf(chosen);
        int w = 0;
        for (PhraseBank.Problem p : bank.problems) {
            w += p.weight();
            peaks.put(p.key(), new Random(seed ^ p.key().hashCode()).nextInt(DAYS));
        }
        this.totalWeight = w;
        if (pool.isEmpty() || bank.problems.isEmpty() || this.units.isEmpty()) {
            throw new IllegalArgumentException("demo plan needs communes, problems and units");
        }
    }

    public List<Commune> pool() {
        return pool;
    }

    public CaseSpec spec(int n) {
        Random r = new Random(seed * 1_000_003L + n * 7_919L);
        Commune commune = pool.get(r.nextInt(pool.size()));
        boolean oneOff = r.nextDouble() < 0.07;
        String topic;
        String kind;
        String title;
        String body;
        String problem = null;
        int ageDays;
        if (oneOff) {
            PhraseBank.OneOff o = bank.oneOffs.get(r.nextInt(bank.oneOffs.size()));
            topic = o.topic();
            kind = o.kind();
            title = o.title();
            body = o.body();
            ageDays = rampAge(r);
        } else {
            PhraseBank.Problem p = weighted(r);
            problem = p.key();
            topic = p.topic();
            kind = p.kind().equals("DIFFICULTY") && r.nextDouble() < 0.2 ? "PROPOSAL" : p.kind();
            title = pick(r, p.titles());
            body = pick(r, p.bodies());
            ageDays = r.nextDouble() < 0.55 ? clamp((int) Math.round(peaks.get(p.key()) + r.nextGaussian() * 20))
                    : rampAge(r);
        }
        StringBuilder d = new StringBuilder();
        if (r.nextDouble() < 0.7) {
            d.append(pick(r, bank.list("openers"))).append(' ');
        }
        d.append(body);
        if (r.nextDouble() < 0.8) {
            d.append(' ').append(pick(r, bank.list("asks")));
        }
        String description = fill(d.toString(), commune);
        title = fill(title, commune);
        double u = r.nextDouble();
        String urgency = u < 0.75 ? "NORMAL" : u < 0.92 ? "URGENT" : u < 0.98 ? "VERY_URGENT" : "EXPRESS";
        String contact = pick(r, bank.list("contacts"));
        String phone = String.format("09%d%d %03d %03d", r.nextInt(10), r.nextInt(10), r.nextInt(1000),
                r.nextInt(1000));

        Instant received = receivedAt(r, ageDays);
        boolean live = ageDays == 0 && r.nextDouble() < 0.6;
        Fate fate = fate(r, ageDays);
        List<Commune> supporters = new ArrayList<>();
        if (!oneOff && r.nextDouble() < 0.18) {
            int k = 1 + r.nextInt(3);
            for (int i = 0; i < k; i++) {
                Commune s = pool.get(r.nextInt(pool.size()));
                if (s.code() != commune.code() && !supporters.contains(s)) {
                    supporters.add(s);
                }
            }
        }
        String unit = units.get(r.nextInt(units.size()));
        return new CaseSpec(n, "demo-" + seed + "-" + n, commune, topic, kind, urgency, title, description, contact,
                phone, live ? null : received, fate, problem, List.copyOf(supporters), unit,
                pick(r, bank.list("answers")), pick(r, bank.list("questions")), pick(r, bank.list("replies")),
                pick(r, bank.list("reopen")), pick(r, bank.list("escalate")));
    }

    private PhraseBank.Problem weighted(Random r) {
        int x = r.nextInt(totalWeight);
        for (PhraseBank.Problem p : bank.problems) {
            x -= p.weight();
            if (x < 0) {
                return p;
            }
        }
        throw new IllegalStateException();
    }

    /** More cases recently than six months ago (communes learn to use the system). */
    private static int rampAge(Random r) {
        return clamp((int) (DAYS * (1 - Math.sqrt(r.nextDouble()))));
    }

    private static int clamp(int age) {
        return Math.max(0, Math.min(DAYS - 1, age));
    }

    /** A working-hours time {@code ageDays} before the anchor, on a working day, never after anchor - 30 min. */
    private Instant receivedAt(Random r, int ageDays) {
        ZonedDateTime day = anchor.atZone(VN).minusDays(ageDays);
        if (r.nextDouble() < 0.93) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
                day = day.minusDays(1);
            } else if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.minusDays(2);
            }
        }
        ZonedDateTime t = day.with(LocalTime.of(7, 30)).plusMinutes(r.nextInt(9 * 60 + 30));
        Instant latest = anchor.minus(Duration.ofMinutes(30));
        Instant at = t.toInstant();
        if (at.isAfter(latest)) {
            at = latest.minus(Duration.ofMinutes(r.nextInt(600)));
        }
        return at;
    }

    private static Fate fate(Random r, int ageDays) {
        double x = r.nextDouble();
        if (ageDays < RECENT_DAYS) {
            return x < 0.25 ? Fate.UNCLAIMED : x < 0.43 ? Fate.CLAIMED : x < 0.51 ? Fate.NEEDS_INFO
                    : x < 0.58 ? Fate.INFO_REPLIED : x < 0.65 ? Fate.ESCALATED : x < 0.82 ? Fate.ANSWERED
                    : x < 0.95 ? Fate.ACCEPTED : Fate.REOPENED;
        }
        return x < 0.03 ? Fate.UNCLAIMED : x < 0.06 ? Fate.CLAIMED : x < 0.08 ? Fate.NEEDS_INFO
                : x < 0.13 ? Fate.ESCALATED : x < 0.17 ? Fate.ESCALATED_ANSWERED : x < 0.30 ? Fate.ANSWERED
                : x < 0.93 ? Fate.ACCEPTED : Fate.REOPENED;
    }

    private static String pick(Random r, List<String> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String fill(String text, Commune c) {
        return text.replace("{xa}", c.name()).replace("{tinh}", c.provinceName());
    }
}
