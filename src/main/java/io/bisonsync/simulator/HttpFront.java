package io.bisonsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: logs each request, then answers now, later (latency) or never (hang). Delayed and hanging
 * requests hold no worker thread, so many slow requests can be in flight and close() never waits on them.
 */
final class HttpFront implements HttpHandler {

    private final ApiRoutes routes;
    private final RequestLog log;
    private final Clock clock;
    private final ScheduledExecutorService delayed;
    private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    HttpFront(ApiRoutes routes, RequestLog log, Clock clock, ScheduledExecutorService delayed) {
        this.routes = routes;
        this.log = log;
        this.clock = clock;
        this.delayed = delayed;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Instant at = clock.instant();
        try {
            ApiRequest request = ApiRequest.from(exchange);
            Reply reply = routes.handle(request);
            RequestLog.Event event = new RequestLog.Event(at, request.key(), request.method(), request.path(),
                    reply.page(), reply.workspaceId(), reply.status(), request.cookie());
            if (reply.hangs()) {
                park(exchange); // parked before logged: whoever sees the entry can rely on close() releasing it
                log.record(event);
            } else {
                log.record(event);
                respond(exchange, reply);
            }
        } catch (IOException | RejectedExecutionException e) {
            exchange.close(); // client gone or simulator closing: nobody to answer
        } catch (RuntimeException e) {
            send(exchange, Response.message(500, "Server Error"));
        }
    }

    /** Drops every request left hanging, now and from now on; their clients see the connection close. */
    void releaseHanging() {
        closed = true;
        hanging.forEach(HttpExchange::close);
        hanging.clear();
    }

    private void respond(HttpExchange exchange, Reply reply) {
        if (reply.trickle() != null) {
            delayed.schedule(() -> trickle(exchange, reply.response(), reply.trickle()), reply.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else if (reply.delay().isZero()) {
            send(exchange, reply.response());
        } else {
            delayed.schedule(() -> send(exchange, reply.response()), reply.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void park(HttpExchange exchange) {
        hanging.add(exchange);
        if (closed) {
            releaseHanging();
        }
    }

    /** Headers now, then one byte of the body per {@code perByte}, holding no thread in between. */
    private void trickle(HttpExchange exchange, Response response, java.time.Duration perByte) {
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length);
            hanging.add(exchange); // released by close() like a hanging request
            nextByte(exchange, response.body(), 0, perByte);
        } catch (IOException e) {
            exchange.close();
        }
    }

    private void nextByte(HttpExchange exchange, byte[] body, int at, java.time.Duration perByte) {
        if (closed) {
            return;
        }
        try {
            if (at >= body.length) {
                hanging.remove(exchange);
                exchange.close();
                return;
            }
            exchange.getResponseBody().write(body[at]);
            exchange.getResponseBody().flush();
            delayed.schedule(() -> nextByte(exchange, body, at + 1, perByte), perByte.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException | RejectedExecutionException e) {
            hanging.remove(exchange);
            exchange.close(); // the client gave up
        }
    }

    private static void send(HttpExchange exchange, Response response) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client hung up first; nothing left to do
        }
    }
}
