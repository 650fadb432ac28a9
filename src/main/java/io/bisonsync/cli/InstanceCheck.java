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
import java.util.List;

/**
 * {@code --check}: probes every key of an instance with the API's cheap credential probe ({@code GET /api/users})
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
        List<Secret> keys = instance.superAdmin() ? List.of(instance.superAdminKey()) : instance.apiUserKeys();
        if (keys.isEmpty()) {
            return new Result(false, instance.name() + ": FAILED, no api-user key found (check api-user-key-files)");
        }
        List<String> problems = new ArrayList<>();
        int workspaces = 0;
        for (int i = 0; i < keys.size(); i++) {
            String label = instance.superAdmin() ? "super-admin key" : "api-user key #" + (i + 1);
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
                int visible = instance.superAdmin() ? countSelected(instance, data) : data.size();
                if (!instance.superAdmin() && visible != 1) {
                    problems.add(label + " sees " + visible + " workspaces; an api-user key must see exactly one");
                    continue;
                }
                workspaces += visible;
            } catch (IOException e) {
                problems.add(label + ": " + instance.baseUrl() + " not reachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(label + ": interrupted");
            }
        }
        String keysText = instance.superAdmin() ? "super-admin key" : keys.size() + " api-user key" + (keys.size() == 1 ? "" : "s");
        if (problems.isEmpty()) {
            return new Result(true, instance.name() + ": OK, " + keysText + " accepted, " + workspaces + " workspace"
                    + (workspaces == 1 ? "" : "s") + " to sync (" + instance.baseUrl() + ")");
        }
        return new Result(false, instance.name() + ": FAILED, " + String.join("; ", problems));
    }

    private static int countSelected(InstanceSettings instance, JsonNode data) {
        int n = 0;
        for (JsonNode ws : data) {
            if (instance.selects(ws.path("id").asLong(), ws.path("name").asText())) {
                n++;
            }
        }
        return n;
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
