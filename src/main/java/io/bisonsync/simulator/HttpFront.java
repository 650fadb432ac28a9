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
            log.record(new RequestLog.Event(at, request.key(), request.method(), request.path(), reply.page(),
                    reply.workspaceId(), reply.status()));
            if (reply.hangs()) {
                hanging.add(exchange);
            } else if (reply.delay().isZero()) {
                send(exchange, reply.response());
            } else {
                delayed.schedule(() -> send(exchange, reply.response()), reply.delay().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } catch (IOException | RejectedExecutionException e) {
            exchange.close(); // client gone or simulator closing: nobody to answer
        } catch (RuntimeException e) {
            send(exchange, Response.message(500, "Server Error"));
        }
    }

    /** Drops every request left hanging; their clients see the connection close. */
    void releaseHanging() {
        hanging.forEach(HttpExchange::close);
        hanging.clear();
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
