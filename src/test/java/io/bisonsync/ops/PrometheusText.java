package io.bisonsync.ops;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, looked up by name and labels in any order. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples = new TreeMap<>();
    private final String text;

    PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            samples.put(key(m.group(1), labels(m.group(2))), Double.parseDouble(m.group(3)));
        }
    }

    /** The value of the sample, e.g. value("bison_sync_runs_total", "status", "success"). */
    Optional<Double> value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return Optional.ofNullable(samples.get(key(name, labels)));
    }

    double get(String name, String... labelPairs) {
        return value(name, labelPairs).orElseThrow(() -> new AssertionError("no sample " + name + " " + String.join(",", labelPairs)
                + " in /observe/metrics; bison samples: " + samples.keySet().stream().filter(k -> k.startsWith("bison")).toList()));
    }

    /** The sum over every sample of the name whose labels include the given ones (others may differ); 0 if none. */
    double sum(String name, String... labelPairs) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            if (!key.equals(name) && !key.startsWith(name + "{")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                matches &= key.contains(labelPairs[i] + "=" + labelPairs[i + 1] + ",") || key.contains(labelPairs[i] + "=" + labelPairs[i + 1] + "}");
            }
            if (matches) {
                total += e.getValue();
            }
        }
        return total;
    }

    String text() {
        return text;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }
}
