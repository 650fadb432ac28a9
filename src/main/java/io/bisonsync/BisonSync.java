package io.bisonsync;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * bison-sync's wiring as a bean the routes declare ({@code routes/bison-sync-beans.camel.yaml}), so that
 * {@code routes/} plus this library run on any camel-main-family runtime (camel-main, {@code camel run}, Camel Spring
 * Boot) with no Java glue and no copied properties: when Camel hands it its context, it does what
 * {@link BisonSyncConfiguration} does, once per context (Camel may create a YAML bean more than once).
 */
public class BisonSync implements CamelContextAware {

    private CamelContext context;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
        try {
            BisonSyncConfiguration.wire(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("bison-sync could not be wired: " + e.getMessage(), e);
        }
    }
}
