package io.bisonsync.simulator;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** Runs the demo simulator until killed: {@code SimulatorMain [port]} (default 8089). */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        SimulatorSettings settings = SimulatorSettings.defaults().withPort(port)
                .withKeyDir(Path.of("data", "simulator-keys"));
        BisonSimulator simulator = BisonSimulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "bison-sim-shutdown"));

        for (SimInstance instance : simulator.instances()) {
            System.out.printf("%s (%s, %s keys): %s%n", instance.name(), instance.slug(),
                    instance.keyMode().name().toLowerCase(Locale.ROOT), simulator.baseUrl(instance.slug()));
            instance.workspaces().forEach(w -> System.out.printf("  workspace %d %s: %d sender emails%n",
                    w.id(), w.name(), w.size()));
        }
        // paths only: the keys themselves are never printed
        simulator.keyFiles().forEach(file -> System.out.println("key file: " + file.toAbsolutePath()));
        new CountDownLatch(1).await();
    }
}
