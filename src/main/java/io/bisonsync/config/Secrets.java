package io.bisonsync.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction point: every configured secret by value (each API key, the ops and read tokens, the database
 * password, the webhook URL, the user:password of any URL), each with a label that names it without revealing it.
 * {@link #redact(String)} replaces a secret wherever it stands in a text (whole, after "Bearer ", inside a longer
 * string, URL-encoded) by its label, e.g. {@code <api-user key #2 of long-run>}. Applied to any text before it is
 * logged, stored, served or posted: an API that echoes a key in an error body cannot carry it any further.
 *
 * <p>{@link #remember(Secrets)} adds a process's secrets to the set {@link #scrub(String)} uses, for the places that
 * have no configuration at hand: {@code ApiResponses} (an API's error text, before it becomes an exception message
 * that Camel may log), {@code Errors.redact} (every stored or served error) and the webhook posts. Remembering is
 * additive: redacting a secret of another context in the same JVM (tests run several) is harmless.
 */
public final class Secrets {

    /** Shorter values are not secrets worth the name, and would redact ordinary words. */
    static final int MIN_LENGTH = 4;

    private static final Secrets NONE = new Secrets(Map.of());
    private static volatile Secrets known = NONE;

    private final Map<String, String> labels;
    private final Pattern pattern;

    private Secrets(Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
        List<String> values = new ArrayList<>(labels.keySet());
        // longest first: a key that contains another secret is replaced whole
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.pattern = values.isEmpty() ? null
                : Pattern.compile(String.join("|", values.stream().map(Pattern::quote).toList()));
    }

    /** Every secret of a configuration. */
    public static Secrets of(BisonSettings settings, BisonSettings.Ops ops) {
        Builder b = new Builder();
        for (InstanceSettings instance : settings.instances()) {
            b.add(instance.superAdminKey(), "super-admin key of " + instance.id());
            for (int i = 0; i < instance.apiUserKeys().size(); i++) {
                b.add(instance.apiUserKeys().get(i), "api-user key #" + (i + 1) + " of " + instance.id());
            }
            b.userInfo(instance.baseUrl(), "bison.instance." + instance.id() + ".base-url");
        }
        if (ops != null) {
            b.add(ops.token(), "bison.ops.token");
            b.add(ops.readToken(), "bison.ops.read-token");
            b.add(ops.webhookUrl(), "bison.alerts.webhook-url");
            if (ops.webhookUrl() != null) {
                b.userInfo(ops.webhookUrl().reveal(), "bison.alerts.webhook-url");
            }
        }
        BisonSettings.Database db = settings.database();
        if (db != null) {
            b.add(db.password(), "bison.db.password");
            b.userInfo(db.url(), "bison.db.url");
        }
        return b.build();
    }

    /** Secrets from value to label (for tests and one-off texts). */
    public static Secrets of(Map<String, String> valueToLabel) {
        Builder b = new Builder();
        valueToLabel.forEach(b::add);
        return b.build();
    }

    /** The text with every secret replaced by its label; null stays null. */
    public String redact(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement("<" + labels.get(m.group()) + ">"));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Adds these secrets to those {@link #scrub(String)} removes. */
    public static void remember(Secrets secrets) {
        synchronized (Secrets.class) {
            Map<String, String> all = new LinkedHashMap<>(known.labels);
            all.putAll(secrets.labels);
            known = new Secrets(all);
        }
    }

    /** The text without any secret {@link #remember(Secrets) remembered} in this process. */
    public static String scrub(String text) {
        return known.redact(text);
    }

    public int size() {
        return labels.size();
    }

    @Override
    public String toString() {
        return "Secrets[" + labels.size() + " values]";
    }

    private static final class Builder {
        private final Map<String, String> labels = new LinkedHashMap<>();

        void add(Secret secret, String label) {
            if (secret != null) {
                add(secret.reveal(), label);
            }
        }

        void add(String value, String label) {
            if (value == null || value.strip().length() < MIN_LENGTH) {
                return;
            }
            String v = value.strip();
            labels.putIfAbsent(v, label);
            String encoded = URLEncoder.encode(v, StandardCharsets.UTF_8);
            if (!encoded.equals(v)) {
                labels.putIfAbsent(encoded, label);
            }
            // a Sanctum token "<id>|<secret>": the part after the bar is the secret, and may be quoted alone
            int bar = v.indexOf('|');
            if (bar >= 0 && v.length() - bar - 1 >= MIN_LENGTH) {
                add(v.substring(bar + 1), label);
            }
        }

        /** The user:password of a URL (which the configuration refuses for base URLs, but a JDBC URL may carry). */
        void userInfo(String url, String key) {
            if (url == null) {
                return;
            }
            Matcher m = USER_INFO.matcher(url);
            while (m.find()) {
                add(m.group(1), "user:password of " + key);
                int colon = m.group(1).indexOf(':');
                if (colon >= 0) {
                    add(m.group(1).substring(colon + 1), "password of " + key);
                }
            }
        }

        Secrets build() {
            return labels.isEmpty() ? NONE : new Secrets(labels);
        }
    }

    private static final Pattern USER_INFO = Pattern.compile("//([^/@?#\\s]+)@");
}
