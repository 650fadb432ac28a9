package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes sender-email records for one instance. A record depends only on (seed, instance, id, workspace domains),
 * so it is the same whatever order accounts are created or added in.
 */
final class AccountGenerator {

    private static final String[] FIRST = {"Jason", "Maria", "Liam", "Sofia", "Noah", "Aisha", "Ethan", "Chloé",
        "Mateo", "Priya", "Lucas", "Zoë", "Oliver", "Hannah", "José", "Emma", "Kenji", "Fatima", "Ryan", "Grace",
        "Daniel", "Olivia", "Arjun", "Mia", "Samuel", "Léa", "David", "Nora", "Isaac", "Ava"};
    private static final String[] LAST = {"Binyon", "Garcia", "O'Brien", "Smith", "Nguyen", "D'Angelo", "Patel",
        "Müller", "Johnson", "O'Neill", "Kim", "Rossi", "Brown", "Silva", "Cohen", "Williams", "Novak", "Jones",
        "Tanaka", "Martin", "Dubois", "Clarke", "Khan", "Lopez", "Schmidt", "Walsh", "Baker", "Singh"};
    private static final String[] TYPES = {"gmail", "gmail", "gmail", "outlook", "outlook", "custom", "custom",
        "Inbox"};
    private static final int[] DAILY_LIMITS = {10, 15, 20, 25, 30, 30, 40, 50};
    private static final long FIRST_CREATED = 1_704_067_200L; // 2024-01-01T00:00:00Z
    private static final int DAY = 86_400;

    private final long seed;
    private final String slug;
    private final AtomicLong nextId;
    private final ArrayNode tagPool;

    AccountGenerator(long seed, String slug, long firstId) {
        this.seed = seed;
        this.slug = slug;
        this.nextId = new AtomicLong(firstId);
        this.tagPool = tagPool(Seeds.random(seed, slug, "tags"));
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    ObjectNode create(long id, List<String> domains) {
        Random r = Seeds.random(seed, slug, "account", id);
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        // a few senders decorate their display name, as real ones do
        String name = first + " " + last + (r.nextInt(40) == 0 ? " 🚀" : "");
        String domain = domains.get(r.nextInt(domains.size()));
        String email = ascii(first) + "." + ascii(last) + id + "@" + domain;
        String type = pick(r, TYPES);
        long created = FIRST_CREATED + r.nextInt(500 * DAY);
        long updated = created + r.nextInt(120 * DAY);

        ObjectNode a = Json.object();
        a.put("id", id);
        a.put("name", name);
        a.put("email", email);
        a.put("email_signature", r.nextInt(5) == 0 ? null : signature(name, domain));
        a.put("imap_server", imapServer(type, domain));
        a.put("imap_port", 993);
        a.put("smtp_server", smtpServer(type, domain));
        a.put("smtp_port", r.nextBoolean() ? 587 : 465);
        a.put("daily_limit", DAILY_LIMITS[r.nextInt(DAILY_LIMITS.length)]);
        a.put("type", type);
        a.put("status", r.nextInt(10) == 0 ? "Not connected" : "Connected");
        a.put("warmup_enabled", r.nextInt(10) < 7);
        putCounters(a, r);
        a.put("created_at", Json.timestamp(created));
        a.put("updated_at", Json.timestamp(updated));
        a.set("tags", tags(r));
        if (r.nextInt(10) < 6) {
            a.put("domain", domain);
        }
        return a;
    }

    private static void putCounters(ObjectNode a, Random r) {
        int sent = r.nextInt(20_000);
        int contacted = sent == 0 ? 0 : sent / 2 + r.nextInt(sent / 2 + 1);
        int opened = sent * (20 + r.nextInt(40)) / 100;
        int replied = sent * r.nextInt(6) / 100;
        int uniqueReplied = replied * (60 + r.nextInt(41)) / 100;
        a.put("emails_sent_count", sent);
        a.put("total_replied_count", replied);
        a.put("total_opened_count", opened);
        a.put("unsubscribed_count", sent * r.nextInt(3) / 200);
        a.put("bounced_count", sent * r.nextInt(4) / 100);
        a.put("unique_replied_count", uniqueReplied);
        a.put("unique_opened_count", opened * (50 + r.nextInt(51)) / 100);
        a.put("total_leads_contacted_count", contacted);
        a.put("interested_leads_count", uniqueReplied * r.nextInt(50) / 100);
    }

    private ArrayNode tags(Random r) {
        ArrayNode tags = Json.MAPPER.createArrayNode();
        int count = r.nextInt(4);
        int start = r.nextInt(tagPool.size());
        for (int i = 0; i < count; i++) {
            tags.add(tagPool.get((start + i) % tagPool.size()).deepCopy());
        }
        return tags;
    }

    private static ArrayNode tagPool(Random r) {
        String[] names = {"Google", "Outlook", "Warmup", "Reserve", "High volume", "New", "Client-owned", "Q3 push"};
        ArrayNode pool = Json.MAPPER.createArrayNode();
        int id = 1 + r.nextInt(50);
        for (String name : names) {
            pool.addObject().put("id", id).put("name", name).put("default", name.equals("Google")
                    || name.equals("Outlook"));
            id += 1 + r.nextInt(3);
        }
        return pool;
    }

    private static String imapServer(String type, String domain) {
        return switch (type) {
            case "gmail" -> "imap.gmail.com";
            case "outlook" -> "outlook.office365.com";
            case "custom" -> "mail." + domain;
            default -> null; // "Inbox" accounts are hosted by Email Bison itself
        };
    }

    private static String smtpServer(String type, String domain) {
        return switch (type) {
            case "gmail" -> "smtp.gmail.com";
            case "outlook" -> "smtp.office365.com";
            case "custom" -> "smtp." + domain;
            default -> null;
        };
    }

    private static String signature(String name, String domain) {
        String safe = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<p>Best,<br>" + safe + "</p><p><a href=\"https://" + domain + "\">" + domain + "</a></p>";
    }

    /** "Zoë O'Brien" becomes "zoe" / "obrien" in an address. */
    static String ascii(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
