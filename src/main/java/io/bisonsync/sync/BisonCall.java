package io.bisonsync.sync;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP message of one Email Bison call (route {@code call-bison}), set in one step: every header of the previous
 * call is dropped (Camel's redelivery state kept), then method, URI, query, the JSON headers, the lane's
 * Authorization and the request body are set from the {@link BisonRequest} in the exchange property
 * {@code bisonRequest}. One bean call per request instead of a chain of Simple expressions.
 */
public final class BisonCall {

    public void prepare(Exchange exchange) {
        BisonRequest request = exchange.getProperty("bisonRequest", BisonRequest.class);
        Credential credential = exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*", "CamelRedelivery*");
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_URI, request.uri());
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        message.setHeader("Accept", "application/json");
        message.setHeader("Content-Type", "application/json");
        message.setHeader("Authorization", credential.authorization());
        message.setBody(request.body());
    }
}
