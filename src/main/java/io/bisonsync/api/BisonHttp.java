package io.bisonsync.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP client of Email Bison (the {@code call-bison} route's request). Three rules a hostile or broken server
 * cannot bend:
 * <ul>
 *   <li>one total deadline per request, {@code bison.http.read-timeout}, from the start to the last byte of the
 *       answer (an answer trickling one byte at a time does not restart it);</li>
 *   <li>at most {@code bison.http.max-response-size} bytes are read; a larger answer is refused while reading;</li>
 *   <li>no cookies: nothing one key's answer sets is sent with another key's request.</li>
 * </ul>
 * {@link #abortAll()} (graceful shutdown) fails every request in flight at once, and every later one.
 */
public final class BisonHttp {

    /** Response headers ApiResponses reads; nothing else of the answer travels on. */
    static final List<String> HEADERS = List.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining");

    private final HttpClient client;
    private final Duration deadline;
    private final long maxBytes;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public BisonHttp(Duration connectTimeout, Duration deadline, long maxBytes) {
        // no CookieHandler: cookies are off
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * Sends the exchange's {@link BisonRequest} with its headers {@code Accept}, {@code Content-Type} and
     * {@code Authorization}; sets {@code CamelHttpResponseCode}, the headers in {@link #HEADERS} and the body (a
     * String). A missed deadline is an {@link HttpTimeoutException} (an I/O error: retried).
     */
    public void send(Exchange exchange) throws IOException, InterruptedException {
        BisonRequest request = exchange.getProperty("bisonRequest", BisonRequest.class);
        Message in = exchange.getMessage();
        String uri = request.query() == null ? request.uri() : request.uri() + "?" + request.query();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(deadline)
                .header("Accept", "application/json");
        String auth = in.getHeader("Authorization", String.class);
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        HttpResponse<byte[]> response = execute(builder.build(), request.label());
        in.removeHeaders("*", "CamelRedelivery*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, response.statusCode());
        for (String name : HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> in.setHeader(name, v));
        }
        in.setBody(response.body()); // bytes: pages are parsed from them (ApiResponses), errors read as text
    }

    HttpResponse<byte[]> execute(HttpRequest request, String label) throws IOException, InterruptedException {
        if (aborted) {
            throw new IOException(label + ": not sent, bison-sync is shutting down");
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> bounded(info, label));
        inFlight.add(future);
        try {
            if (aborted) {
                future.cancel(true);
            }
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw missedDeadline(label);
        } catch (CancellationException e) {
            throw new IOException(label + ": abandoned, bison-sync is shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BisonApiException api) {
                throw api;
            }
            if (aborted) {
                throw new IOException(label + ": abandoned, bison-sync is shutting down");
            }
            throw ioFailure(label, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } finally {
            inFlight.remove(future);
        }
    }

    /**
     * The JDK client's I/O failures often carry no message (a ConnectException around a ClosedChannelException):
     * one exception with the request's label and what happened, of the kind that happened.
     */
    private HttpTimeoutException missedDeadline(String label) {
        return new HttpTimeoutException(label + ": no complete answer within " + Durationish.text(deadline)
                + " (bison.http.read-timeout, a deadline for the whole answer)");
    }

    IOException ioFailure(String label, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return new java.net.http.HttpConnectTimeoutException(label + ": connect timed out (bison.http.connect-timeout)");
            }
            if (t instanceof java.net.ConnectException) {
                return new java.net.ConnectException(label + ": Connection refused or unreachable");
            }
            if (t instanceof HttpTimeoutException) {
                return missedDeadline(label);
            }
        }
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new IOException(label + ": " + what);
    }

    /** Graceful shutdown: every request in flight fails now, and no new one is sent. */
    public void abortAll() {
        aborted = true;
        inFlight.forEach(f -> f.cancel(true));
    }

    private HttpResponse.BodySubscriber<byte[]> bounded(HttpResponse.ResponseInfo info, String label) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new BoundedBody(maxBytes, declared, info.statusCode(), label);
    }

    /** Collects the body, failing as soon as it passes the limit (or declares it will). */
    static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final long declared;
        private final int status;
        private final String label;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(long max, long declared, int status, String label) {
            this.max = max;
            this.declared = declared;
            this.status = status;
            this.label = label;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                s.cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(tooLarge());
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        private BisonApiException tooLarge() {
            return new BisonApiException(BisonApiException.Kind.MALFORMED, status, label + " answered more than " + max
                    + " bytes (bison.http.max-response-size); the answer was not read");
        }
    }

    /** "20 s", "500 ms". */
    private static final class Durationish {
        static String text(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }
}
