package io.bisonsync.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local Slack-style incoming webhook on 127.0.0.1: records every POST body, answers a settable status. */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int status = 200;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            attempts.incrementAndGet();
            int answer = status;
            if (answer / 100 == 2) {
                bodies.add(body);
            }
            byte[] reply = (answer / 100 == 2 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Bodies of the posts answered 2xx, in arrival order. */
    public List<String> delivered() {
        return List.copyOf(bodies);
    }

    public int attempts() {
        return attempts.get();
    }

    public void answer(int status) {
        this.status = status;
    }

    public void reset() {
        bodies.clear();
        attempts.set(0);
        status = 200;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
