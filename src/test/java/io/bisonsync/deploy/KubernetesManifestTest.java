package io.bisonsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * config/kubernetes/bison-sync.yaml is valid YAML of the objects docs/replicas.md describes, its configuration passes the
 * application's own validation, and its probes point at paths the running application serves.
 */
class KubernetesManifestTest extends SyncTestSupport {

    private static final Path MANIFEST = Path.of("config/kubernetes/bison-sync.yaml");
    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
    }

    @Test
    void theManifestIsAConfigMapAndADeploymentOfTwoReplicasMountingRoutesConfigAndKeys() throws IOException {
        Map<String, Object> deployment = object("Deployment");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
        List<Map<String, Object>> volumes = list(pod.get("volumes"));
        assertThat(volumes).anySatisfy(v -> assertThat(at(v, "configMap", "name")).isEqualTo("bison-sync-config"));
        assertThat(volumes).anySatisfy(v -> assertThat(at(v, "configMap", "name")).isEqualTo("bison-sync-routes"));
        assertThat(volumes).anySatisfy(v -> assertThat(at(v, "secret", "secretName")).isEqualTo("bison-sync-keys"));
        Map<String, Object> container = list(pod.get("containers")).get(0);
        assertThat(list(container.get("volumeMounts"))).extracting(m -> m.get("mountPath"))
                .contains("/etc/bison-sync/routes", "/run/secrets/bison-sync");
        assertThat(String.valueOf(container.get("command"))).contains("--config, /etc/bison-sync/application.properties");
        assertThat(managedProperties().getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:/etc/bison-sync/routes/*.camel.yaml");
    }

    @Test
    void theManifestsConfigurationPassesValidationReadsKeysFromSecretFilesAndKeepsEveryCamelKeyOfTheShippedFile() throws IOException {
        Properties managed = managedProperties();
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        for (String key : shipped.stringPropertyNames()) {
            if (key.startsWith("camel.")) {
                assertThat(managed.getProperty(key)).as("camel key %s of config/application.properties", key).isNotNull();
            }
        }
        assertThat(managed.getProperty("camel.server.host")).isEqualTo("{{bison.ops.host}}");
        assertThat(managed.getProperty("bison.ops.host")).isEqualTo("0.0.0.0");
        assertThat(managed.getProperty("camel.management.host")).isEqualTo("0.0.0.0");
        assertThat(managed.stringPropertyNames()).noneMatch(k -> k.endsWith("-key") || k.endsWith("-keys"));

        // the Secret's files, as Kubernetes mounts them, in a folder of the test's
        Path secrets = Files.createTempDirectory("bison-secrets");
        Files.writeString(secrets.resolve("maverick-super-admin.key"), "42|maverickSuperAdminKey");
        Files.writeString(secrets.resolve("long-run-1.key"), "43|longRunKeyOne");
        List<String> bisonKeys = managed.stringPropertyNames().stream().filter(k -> k.startsWith("bison.")).toList();
        BisonSettings settings = BisonSettings.load(new java.util.HashSet<>(bisonKeys), key -> Optional.ofNullable(managed.getProperty(key))
                .map(v -> v.replace("/run/secrets/bison-sync", secrets.toString()).replaceAll("\\{\\{env:[A-Z_]+:?}}", "")));
        assertThat(settings.instances()).hasSize(2);
        assertThat(settings.sync().scheduleEnabled()).isTrue();
        assertThat(settings.database().embedded()).isFalse();
    }

    @Test
    void theProbesPointAtThePathsTheApplicationServesOnItsManagementPort() throws Exception {
        Map<String, Object> container = list(at(object("Deployment"), "spec", "template", "spec", "containers")).get(0);
        Map<String, Object> readiness = map(at(container, "readinessProbe", "httpGet"));
        Map<String, Object> liveness = map(at(container, "livenessProbe", "httpGet"));
        assertThat(readiness.get("path")).isEqualTo("/observe/health/ready");
        assertThat(liveness.get("path")).isEqualTo("/observe/health/live");
        Map<String, Object> managementPortOfPod = list(container.get("ports")).stream()
                .filter(p -> "management".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(readiness.get("port")).isEqualTo("management");
        assertThat(liveness.get("port")).isEqualTo("management");
        assertThat(String.valueOf(managementPortOfPod.get("containerPort"))).isEqualTo(managedProperties().getProperty("camel.management.port"));

        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> probe : List.of(readiness, liveness)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + probe.get("path"))).build(), HttpResponse.BodyHandlers.ofString());
            // 503 is a DOWN check (no sync yet in this test's database), which is an answer; 404 would be a wrong path
            assertThat(answer.statusCode()).as("GET %s", probe.get("path")).isIn(200, 503);
            assertThat(answer.body()).contains("\"status\"");
        }
    }

    private static Properties managedProperties() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader((String) at(object("ConfigMap"), "data", "application.properties")));
        return p;
    }

    private static Map<String, Object> object(String kind) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(MANIFEST))) {
            objects.add(map(doc));
        }
        assertThat(objects).extracting(o -> o.get("kind")).containsExactly("ConfigMap", "Deployment");
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = map(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Map<String, Object>>) node;
    }
}
