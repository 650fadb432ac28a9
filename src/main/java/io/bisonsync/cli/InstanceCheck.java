package io.bisonsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --check}: probes every key of an instance (the super-admin key and every api-user key, also both in one
 * instance) with the API's cheap credential probe ({@code GET /api/users})
 * and its workspace list, and says in one line whether the instance can be synced. Keys are named by position
 * ("api-user key #2"), never by value.
 */
public final class InstanceCheck {

    /** One instance's verdict: the line to print, and whether every key works. */
    public record Result(boolean ok, String line) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    public InstanceCheck(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.timeout = readTimeout;
    }

    public Result check(InstanceSettings instance) {
        // every configured key: the super-admin key (if any) and every api-user key, also both in one instance
        List<Secret> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (instance.superAdmin()) {
            keys.add(instance.superAdminKey());
            labels.add("super-admin key");
        }
        for (int i = 0; i < instance.apiUserKeys().size(); i++) {
            keys.add(instance.apiUserKeys().get(i));
            labels.add("api-user key #" + (i + 1));
        }
        if (keys.isEmpty()) {
            return new Result(false, instance.name() + ": FAILED, no api-user key found (check api-user-key-files)");
        }
        List<String> problems = new ArrayList<>();
        Set<Long> workspaces = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String label = labels.get(i);
            boolean superAdmin = instance.superAdmin() && i == 0;
            try {
                String users = problem(get(instance.baseUrl() + "/api/users", keys.get(i)), "GET /api/users");
                if (users != null) {
                    problems.add(label + " " + users);
                    continue;
                }
                HttpResponse<String> list = get(instance.baseUrl() + "/api/workspaces/v1.1", keys.get(i));
                String listing = problem(list, "the workspace list");
                if (listing != null) {
                    problems.add(label + " " + listing);
                    continue;
                }
                JsonNode data = mapper.readTree(list.body()).path("data");
                if (!data.isArray()) {
                    problems.add(label + ": the workspace list has no data array");
                    continue;
                }
                if (!superAdmin && data.size() != 1) {
                    problems.add(label + " sees " + data.size() + " workspaces; an api-user key must see exactly one");
                    continue;
                }
                for (JsonNode ws : data) {
                    if (!superAdmin || instance.selects(ws.path("id").asLong(), ws.path("name").asText())) {
                        workspaces.add(ws.path("id").asLong());
                    }
                }
            } catch (IOException e) {
                problems.add(label + ": " + instance.baseUrl() + " not reachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(label + ": interrupted");
            }
        }
        if (problems.isEmpty()) {
            return new Result(true, instance.name() + ": OK, " + keysText(instance) + " accepted, " + workspaces.size() + " workspace"
                    + (workspaces.size() == 1 ? "" : "s") + " to sync (" + instance.baseUrl() + ")");
        }
        return new Result(false, instance.name() + ": FAILED, " + String.join("; ", problems));
    }

    /** "super-admin key", "3 api-user keys", "super-admin key and 2 api-user keys". */
    private static String keysText(InstanceSettings instance) {
        int apiUser = instance.apiUserKeys().size();
        String apiUserText = apiUser + " api-user key" + (apiUser == 1 ? "" : "s");
        if (!instance.superAdmin()) {
            return apiUserText;
        }
        return apiUser == 0 ? "super-admin key" : "super-admin key and " + apiUserText;
    }

    /** Null for a 2xx answer, else what is wrong in words. */
    private static String problem(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        String meaning = switch (status) {
            case 401 -> "revoked or wrong key";
            case 403 -> "the key may not do this";
            case 404 -> "not found: is base-url right (without /api)?";
            case 429 -> "rate limited, try again later";
            default -> status >= 500 ? "Email Bison failed" : "refused";
        };
        return "refused by " + what + " (HTTP " + status + ": " + meaning + ")";
    }

    private HttpResponse<String> get(String url, Secret key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + key.reveal()).header("Accept", "application/json").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
