package io.bisonsync.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A team's own Camel Spring Boot application: nothing of bison-sync in its code, only the dependency and routes/. */
@SpringBootApplication
public class HostApplication {
}
