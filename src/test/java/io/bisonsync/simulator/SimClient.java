package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain java.net.http client for tests: real HTTP against a running simulator. */
final class SimClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final BisonSimulator simulator;

    SimClient(BisonSimulator simulator) {
        this.simulator = simulator;
    }

    /** GET {@code /<slug>/api/<route>} with the key (null sends no Authorization header). */
    HttpResponse<String> get(String slug, String route, String key) {
        return send(request(slug, route, key).GET().build());
    }

    HttpResponse<String> get(String slug, String route, String key, Duration timeout) throws IOException,
            InterruptedException {
        return http.send(request(slug, route, key).GET().timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String slug, String route, String key) {
        return http.sendAsync(request(slug, route, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String slug, String route, String key, String json) {
        return send(request(slug, route, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Reads one page and returns its parsed envelope, failing on anything but 200. */
    JsonNode page(String slug, String key, int page) {
        HttpResponse<String> response = get(slug, "sender-emails?page=" + page, key);
        if (response.statusCode() != 200) {
            throw new AssertionError("page " + page + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> switchTo(String slug, String key, long teamId) {
        return post(slug, "workspaces/v1.1/switch-workspace", key, "{\"team_id\":" + teamId + "}");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String slug, String route, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(simulator.baseUrl(slug) + "/api/" + route))
                .header("Accept", "application/json");
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
