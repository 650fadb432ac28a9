package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Decides the answer to one request, in the order Laravel's middleware would: route, throttle, auth, handler.
 * Every request that reaches an instance's routes takes a rate-limit slot, authenticated or not.
 */
final class ApiRoutes {

    private static final String WRONG_WORKSPACE = "This api key does not match the workspace the record is on.";
    private static final String NOT_FOUND = "Record not found.";

    private final Map<String, SimInstance> instances;
    private final Faults faults;
    private final Clock clock;
    private final Function<String, String> baseUrl;
    private final SenderEmailList senderEmails;

    ApiRoutes(Map<String, SimInstance> instances, Faults faults, Clock clock, Function<String, String> baseUrl) {
        this.instances = instances;
        this.faults = faults;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.senderEmails = new SenderEmailList(faults);
    }

    Reply handle(ApiRequest request) {
        String[] parts = request.path().split("/", 4); // "", slug, "api", route
        SimInstance instance = parts.length == 4 && parts[2].equals("api") ? instances.get(parts[1]) : null;
        String route = parts.length == 4 ? stripTrailingSlash(parts[3]) : "";
        Endpoint endpoint = instance == null ? null : Endpoint.match(route);
        if (endpoint == null) {
            return Reply.of(Response.message(404, "The route " + request.path() + " could not be found."))
                    .withDelay(faults.latencyFor(instance == null ? null : instance.slug(), null));
        }
        if (!endpoint.method().equals(request.method())) {
            return Reply.of(Response.message(405, "The " + request.method() + " method is not supported for route "
                    + request.path() + ". Supported methods: " + endpoint.method() + "."))
                    .withDelay(faults.latencyFor(instance.slug(), null));
        }

        String slug = instance.slug();
        KeyGrant grant = instance.grant(request.key());
        Long actedOn = grant == null ? null : workspaceActedOn(instance, grant, endpoint, request);
        RateWindow.Decision rate = faults.admit(slug, clock);
        // a refused list read still names its page, so the log can count attempts per page
        Integer page = endpoint == Endpoint.SENDER_EMAILS
                ? SenderEmailList.parsePage(request.query().get("page"))
                : null;
        Reply reply;
        if (!rate.admitted()) {
            reply = new Reply(tooManyAttempts(rate.retryAfterSeconds()), page, actedOn, Duration.ZERO)
                    .withHeader("Retry-After", Long.toString(rate.retryAfterSeconds()));
        } else if (grant == null || faults.unauthorized(slug, actedOn)) {
            reply = new Reply(Response.unauthenticated(), page, actedOn, Duration.ZERO);
        } else if (faults.echo(slug, actedOn).isPresent()) {
            reply = new Reply(faults.echo(slug, actedOn).get().response(request.key()), page, actedOn, Duration.ZERO);
        } else {
            reply = dispatch(endpoint, instance, grant, request, route);
        }
        if (rate.limit() > 0) {
            reply = reply.withHeader("X-RateLimit-Limit", Integer.toString(rate.limit()))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(rate.remaining()));
        }
        for (Map.Entry<String, String> header : faults.headersFor(slug, actedOn)) {
            reply = reply.withHeader(header.getKey(), header.getValue());
        }
        // like Laravel, every answer (re)sets a session cookie tied to the key; a client that replays it with
        // another key leaks one key's session into another's requests (RequestLog.Event#cookie shows it)
        if (request.key() != null) {
            reply = reply.withHeader("Set-Cookie", "laravel_session=" + Integer.toHexString(request.key().hashCode())
                    + "; path=/; httponly; samesite=lax");
        }
        return reply.withDelay(faults.latencyFor(slug, actedOn));
    }

    private Reply dispatch(Endpoint endpoint, SimInstance instance, KeyGrant grant, ApiRequest request,
                           String route) {
        SimWorkspace current = instance.currentWorkspace(grant);
        return switch (endpoint) {
            case USERS -> Reply.of(Response.data(instance.owner()), current.id());
            case WORKSPACES -> Reply.of(workspaces(instance, grant, request.query().get("page")), current.id());
            case SWITCH_WORKSPACE -> switchWorkspace(instance, grant, teamId(request));
            case SENDER_EMAILS -> senderEmails.read(instance.slug(), baseUrl.apply(instance.slug())
                    + "/api/sender-emails", current, request.query().get("page"));
            case SENDER_EMAIL -> Reply.of(faults.lookupError(instance.slug(), current.id()).stream().mapToObj(Response::error)
                    .findFirst().orElseGet(() -> senderEmail(instance, current, Endpoint.recordId(route))), current.id());
        };
    }

    /** The workspace a request touches, which is what workspace-scoped faults match on. */
    private static Long workspaceActedOn(SimInstance instance, KeyGrant grant, Endpoint endpoint,
                                         ApiRequest request) {
        if (endpoint == Endpoint.SWITCH_WORKSPACE) {
            Long target = teamId(request);
            if (target != null && instance.lookup(target) != null) {
                return target;
            }
        }
        return instance.currentWorkspace(grant).id();
    }

    private Response workspaces(SimInstance instance, KeyGrant grant, String page) {
        OptionalInt failure = faults.workspaceListFault(instance.slug(), SenderEmailList.parsePage(page));
        if (failure.isPresent()) {
            return Response.error(failure.getAsInt());
        }
        List<ObjectNode> visible = instance.workspaces().stream()
                .filter(w -> grant.superAdmin() || w.id() == grant.workspaceId())
                .map(SimWorkspace::toJson)
                .toList();
        if (faults.paginatesWorkspaceList(instance.slug())) {
            int p = SenderEmailList.parsePage(page);
            int from = (int) Math.min(visible.size(), (p - 1L) * PageEnvelope.PER_PAGE);
            List<ObjectNode> slice = visible.subList(from, Math.min(visible.size(), from + PageEnvelope.PER_PAGE));
            return Response.json(200, PageEnvelope.build(baseUrl.apply(instance.slug()) + "/api/workspaces/v1.1", p,
                    new SimWorkspace.Slice(visible.size(), slice)));
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        visible.forEach(list::add);
        return Response.data(list);
    }

    private static Reply switchWorkspace(SimInstance instance, KeyGrant grant, Long teamId) {
        SimWorkspace current = instance.currentWorkspace(grant);
        if (teamId == null) {
            ObjectNode body = Json.object();
            body.put("message", "The team id field is required.");
            body.putObject("errors").putArray("team_id").add("The team id field is required.");
            return Reply.of(Response.json(422, body), current.id());
        }
        SimWorkspace target = instance.lookup(teamId);
        if (target == null) {
            return Reply.of(Response.failure(404, NOT_FOUND), current.id());
        }
        if (!grant.superAdmin() && target.id() != grant.workspaceId()) {
            return Reply.of(Response.failure(403, WRONG_WORKSPACE), current.id());
        }
        instance.switchWorkspace(grant, target.id());
        ObjectNode data = Json.object();
        data.put("success", true);
        data.put("message", "Workspace switched successfully.");
        data.put("name", target.name());
        return Reply.of(Response.data(data), target.id());
    }

    /** A super-admin key, like an api-user key, only sees records of the workspace it is on. */
    private static Response senderEmail(SimInstance instance, SimWorkspace current, long id) {
        SimWorkspace holder = instance.workspaceHolding(id).orElse(null);
        if (holder == null) {
            return Response.failure(404, NOT_FOUND);
        }
        if (holder.id() != current.id()) {
            return Response.failure(403, WRONG_WORKSPACE);
        }
        return holder.account(id).map(Response::data).orElseGet(() -> Response.failure(404, NOT_FOUND));
    }

    static Response tooManyAttempts(long retryAfterSeconds) {
        ObjectNode body = Json.object();
        body.put("message", "Too Many Attempts.");
        body.put("retry_after", retryAfterSeconds);
        return Response.json(429, body);
    }

    /** team_id from the JSON body, as a number or a numeric string; null if absent or unreadable. */
    private static Long teamId(ApiRequest request) {
        if (request.body().length == 0) {
            return null;
        }
        try {
            JsonNode teamId = Json.MAPPER.readTree(request.body()).path("team_id");
            return teamId.isIntegralNumber() || teamId.isTextual() && teamId.asText().matches("\\d{1,18}")
                    ? teamId.asLong()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String stripTrailingSlash(String route) {
        return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
