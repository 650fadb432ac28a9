package io.bisonsync.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A strict check of Kubernetes objects against {@code src/test/resources/kubernetes/schema.yaml}, the fields of the
 * API that config/kubernetes uses: an unknown field, a wrong type or another apiVersion is a problem, named by its
 * path ({@code Deployment.spec.template.spec.securityContext.runAsNonRooot: unknown field}).
 */
final class ManifestSchema {

    private final Map<String, Object> kinds;
    private final Map<String, Object> types;

    @SuppressWarnings("unchecked")
    ManifestSchema() {
        try (InputStream in = ManifestSchema.class.getResourceAsStream("/kubernetes/schema.yaml")) {
            Map<String, Object> schema = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            kinds = (Map<String, Object>) schema.get("kinds");
            types = (Map<String, Object>) schema.get("types");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one object (empty when it passes). */
    List<String> problems(Map<String, Object> object) {
        List<String> problems = new ArrayList<>();
        Object kind = object.get("kind");
        if (!kinds.containsKey(kind)) {
            problems.add("kind " + kind + ": not in the schema");
            return problems;
        }
        if (!kinds.get(kind).equals(object.get("apiVersion"))) {
            problems.add(kind + ".apiVersion: " + object.get("apiVersion") + ", expected " + kinds.get(kind));
        }
        check(String.valueOf(kind), object, kind, problems);
        return problems;
    }

    private void check(String path, Object value, Object type, List<String> problems) {
        if (type instanceof Map<?, ?> fields) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected an object, was " + value);
                return;
            }
            map.forEach((field, child) -> {
                if (!fields.containsKey(field)) {
                    problems.add(path + "." + field + ": unknown field");
                } else {
                    check(path + "." + field, child, fields.get(field), problems);
                }
            });
        } else if (type instanceof List<?> item) {
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": expected a list, was " + value);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", list.get(i), item.get(0), problems);
            }
        } else if (types.containsKey(type)) {
            check(path, value, types.get(type), problems);
        } else if (!scalar(String.valueOf(type), value)) {
            problems.add(path + ": expected " + type + ", was " + value);
        }
    }

    private static boolean scalar(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "boolean" -> value instanceof Boolean;
            case "intOrString" -> value instanceof String || value instanceof Integer;
            case "labels" -> value instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v instanceof String);
            default -> throw new IllegalArgumentException("schema.yaml: unknown type " + type);
        };
    }
}
