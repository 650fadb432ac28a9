package io.bisonsync.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Serves the monitoring page from the jar: a fixed list of files (no path from the request reaches the class
 * loader), uPlot from its webjar. The page itself only reads the ops API; its Content-Security-Policy allows
 * scripts, styles and requests from this server alone, so nothing is loaded from a CDN.
 */
public final class OpsPage {

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** Request path to classpath resource and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"ops-ui/index.html", "text/html; charset=utf-8"},
            "/ui/app.js", new String[] {"ops-ui/app.js", "text/javascript; charset=utf-8"},
            "/ui/app.css", new String[] {"ops-ui/app.css", "text/css; charset=utf-8"},
            "/ui/uPlot.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/ui/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"},
            "/ui/favicon.svg", new String[] {"ops-ui/favicon.svg", "image/svg+xml"},
            "/favicon.ico", new String[] {"ops-ui/favicon.svg", "image/svg+xml"});

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Whether a request path names one of the page's static files (served to anyone the host check lets in). */
    public static boolean isPageFile(String path) {
        return FILES.containsKey(path);
    }

    public void serve(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String key = path == null || path.isEmpty() ? (uri == null ? "/" : uri.replaceFirst("\\?.*", "")) : path;
        if (!key.startsWith("/")) {
            key = "/" + key;
        }
        String[] file = FILES.get(key);
        boolean head = "HEAD".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
        exchange.getMessage().removeHeaders("*");
        if (file == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody("not found");
            return;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, file[1]);
        exchange.getMessage().setHeader("Content-Security-Policy", CSP);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        // HEAD (uptime checkers) gets the headers of GET without the body
        exchange.getMessage().setBody(head ? new byte[0] : read(file[0]));
    }

    private static byte[] read(String resource) {
        try (InputStream in = OpsPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("monitoring page file missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
