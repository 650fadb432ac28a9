package io.bisonsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * config/kubernetes is valid for the Kubernetes API (a strict schema of the fields it uses: unknown fields refused),
 * its pods meet Pod Security "restricted", its configuration passes the application's own validation, the
 * kustomization makes ConfigMaps of every route file (hashed names, so an edit rolls the pods), and its probes point
 * at paths the running application serves.
 */
class KubernetesManifestTest extends SyncTestSupport {

    private static final Path DIR = Path.of("config/kubernetes");
    private static final List<String> FILES = List.of("bison-sync.yaml", "bison-sync-once.yaml", "kustomization.yaml");
    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
    }

    @Test
    void everyObjectHasOnlyFieldsOfTheKubernetesApi() throws IOException {
        ManifestSchema schema = new ManifestSchema();

        assertThat(objects()).extracting(o -> o.get("kind"))
                .containsExactlyInAnyOrder("Deployment", "PodDisruptionBudget", "NetworkPolicy", "CronJob", "Kustomization");
        for (Map<String, Object> object : objects()) {
            assertThat(schema.problems(object)).as("%s", object.get("kind")).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesAMisspeltFieldAndAWrongType() throws IOException {
        Map<String, Object> deployment = object("Deployment");
        map(at(deployment, "spec", "template", "spec", "securityContext")).put("runAsNonRooot", true);
        map(deployment.get("spec")).put("replicas", "2");

        assertThat(new ManifestSchema().problems(deployment)).containsExactlyInAnyOrder(
                "Deployment.spec.template.spec.securityContext.runAsNonRooot: unknown field",
                "Deployment.spec.replicas: expected integer, was 2");
    }

    @Test
    void theDeploymentAndTheCronJobRunRestrictedPodsThatExitOnOutOfMemory() throws IOException {
        for (Map<String, Object> pod : List.of(podSpec("Deployment"), podSpec("CronJob"))) {
            assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
            List<Map<String, Object>> volumes = list(pod.get("volumes"));
            assertThat(volumes).allSatisfy(v -> assertThat(v.keySet()).containsAnyOf("configMap", "secret", "emptyDir"));
            for (Map<String, Object> container : list(pod.get("containers"))) {
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
                assertThat(at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
                // the documented JVM options (config/jvm.options: heap, GC, -XX:+ExitOnOutOfMemoryError) reach the
                // launcher through JDK_JAVA_OPTIONS, from the ConfigMap that ships that very file
                assertThat(list(container.get("env"))).anySatisfy(e -> {
                    assertThat(e.get("name")).isEqualTo("JDK_JAVA_OPTIONS");
                    assertThat(e.get("value")).isEqualTo("@/etc/bison-sync/jvm.options");
                });
                assertThat(list(container.get("volumeMounts"))).anySatisfy(m -> {
                    assertThat(m.get("mountPath")).isEqualTo("/etc/bison-sync/jvm.options");
                    assertThat(m.get("subPath")).isEqualTo("jvm.options");
                    assertThat(m.get("name")).isEqualTo(volumes.stream()
                            .filter(v -> "bison-sync-config".equals(at(v, "configMap", "name"))).findFirst().orElseThrow().get("name"));
                });
                assertThat(strings(container.get("command"))).noneMatch(o -> o.startsWith("-X"));
                assertThat(Files.readAllLines(Path.of("config/jvm.options"))).contains("-XX:+ExitOnOutOfMemoryError");
                // the root filesystem is read-only: /tmp is an emptyDir
                String tmp = list(container.get("volumeMounts")).stream().filter(m -> "/tmp".equals(m.get("mountPath")))
                        .map(m -> (String) m.get("name")).findFirst().orElseThrow(() -> new AssertionError("no volume at /tmp"));
                assertThat(volumes).anySatisfy(v -> {
                    assertThat(v.get("name")).isEqualTo(tmp);
                    assertThat(v).containsKey("emptyDir");
                });
            }
        }
    }

    @Test
    void theDeploymentIsTwoReplicasMountingRoutesConfigAndKeysWithADisruptionBudgetAndANetworkPolicy() throws IOException {
        Map<String, Object> deployment = object("Deployment");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        Object podLabels = at(deployment, "spec", "template", "metadata", "labels");
        Map<String, Object> pod = podSpec("Deployment");
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

        Map<String, Object> budget = object("PodDisruptionBudget");
        assertThat(at(budget, "spec", "selector", "matchLabels")).isEqualTo(podLabels);
        assertThat((Integer) at(budget, "spec", "minAvailable")).isPositive().isLessThan((Integer) at(deployment, "spec", "replicas"));

        Map<String, Object> policy = object("NetworkPolicy");
        assertThat(at(policy, "spec", "podSelector", "matchLabels")).isEqualTo(podLabels);
        List<Map<String, Object>> rules = list(at(policy, "spec", "ingress"));
        List<Object> portNames = list(container.get("ports")).stream().map(p -> p.get("name")).toList();
        assertThat(rules).allSatisfy(rule -> assertThat(list(rule.get("ports"))).extracting(p -> p.get("port")).isSubsetOf(portNames));
        Map<String, Object> management = rules.stream()
                .filter(rule -> list(rule.get("ports")).stream().anyMatch(p -> "management".equals(p.get("port"))))
                .findFirst().orElseThrow();
        // the management server has no token: only Prometheus reaches it
        assertThat(list(management.get("from"))).singleElement()
                .satisfies(peer -> assertThat(at(peer, "podSelector", "matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", "prometheus")));
    }

    @Test
    void theCronJobRunsOneSyncAtATimeWithTheSameConfigurationRoutesAndKeys() throws IOException {
        Map<String, Object> cron = object("CronJob");
        assertThat(at(cron, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        Map<String, Object> pod = podSpec("CronJob");
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        assertThat(strings(list(pod.get("containers")).get(0).get("command"))).contains("--once");
        assertThat(list(pod.get("volumes"))).containsAll(list(podSpec("Deployment").get("volumes")));
    }

    @Test
    void theKustomizationMakesTheConfigMapsTheyNameFromTheConfigurationAndEveryRouteFile() throws IOException {
        Map<String, Object> kustomization = object("Kustomization");
        assertThat(strings(kustomization.get("resources"))).containsExactly("bison-sync.yaml");
        Map<String, List<String>> generated = new LinkedHashMap<>();
        list(kustomization.get("configMapGenerator")).forEach(g -> generated.put((String) g.get("name"), strings(g.get("files"))));

        assertThat(generated.get("bison-sync-config")).containsExactly("application.properties", "../jvm.options");
        List<Path> routes;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            routes = files.filter(f -> f.toString().endsWith(".camel.yaml")).map(Path::toAbsolutePath).map(Path::normalize).sorted().toList();
        }
        assertThat(generated.get("bison-sync-routes").stream().map(f -> DIR.resolve(f).toAbsolutePath().normalize()).sorted().toList())
                .isEqualTo(routes);
        // kustomize appends a hash of the content to these names wherever a pod names them: an edit rolls the pods
        for (String kind : List.of("Deployment", "CronJob")) {
            assertThat(list(podSpec(kind).get("volumes"))).filteredOn(v -> v.containsKey("configMap"))
                    .extracting(v -> at(v, "configMap", "name")).containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
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
    void theProbesPointAtThePathsTheApplicationServesOnItsManagementPortAndReadinessIsTheContexts() throws Exception {
        Map<String, Object> container = list(podSpec("Deployment").get("containers")).get(0);
        Map<String, Object> startup = map(at(container, "startupProbe", "httpGet"));
        Map<String, Object> readiness = map(at(container, "readinessProbe", "httpGet"));
        Map<String, Object> liveness = map(at(container, "livenessProbe", "httpGet"));
        assertThat(startup.get("path")).isEqualTo("/observe/health/live");
        assertThat(readiness.get("path")).isEqualTo("/observe/health/ready");
        assertThat(liveness.get("path")).isEqualTo("/observe/health/live");
        Map<String, Object> managementPortOfPod = list(container.get("ports")).stream()
                .filter(p -> "management".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(List.of(startup, readiness, liveness)).allSatisfy(probe -> assertThat(probe.get("port")).isEqualTo("management"));
        assertThat(String.valueOf(managementPortOfPod.get("containerPort"))).isEqualTo(managedProperties().getProperty("camel.management.port"));

        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> probe : List.of(readiness, liveness)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + probe.get("path"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET %s", probe.get("path")).isEqualTo(200);
            // the started context, and none of the four alerts (they hold for the shared database, i.e. every replica)
            assertThat(answer.body()).as("GET %s", probe.get("path")).contains("\"context\"")
                    .doesNotContain("sync-age", "failed-runs", "account-drop", "workspace-failures");
        }
    }

    private static Properties managedProperties() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(DIR.resolve("application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static List<Map<String, Object>> objects() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String file : FILES) {
            for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(DIR.resolve(file)))) {
                objects.add(map(doc));
            }
        }
        return objects;
    }

    private static Map<String, Object> object(String kind) throws IOException {
        return objects().stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> podSpec(String kind) throws IOException {
        Map<String, Object> object = object(kind);
        return map("CronJob".equals(kind) ? at(object, "spec", "jobTemplate", "spec", "template", "spec")
                : at(object, "spec", "template", "spec"));
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

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<String>) node;
    }
}
