package dev.stormwatch.local.launch;

/** Shows that a long step is alive: a line with the seconds elapsed every few seconds, then "ready". */
final class Progress {

    private Progress() {}

    static void await(String label, Runnable step) {
        long start = System.nanoTime();
        Thread ticker = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(5000);
                            Launcher.say(label + ": starting … " + (System.nanoTime() - start) / 1_000_000_000 + " s");
                        }
                    } catch (InterruptedException e) {
                        // done
                    }
                },
                "progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            step.run();
        } finally {
            ticker.interrupt();
        }
        Launcher.say(label + ": ready (" + String.format("%.1f s", (System.nanoTime() - start) / 1e9) + ")");
    }
}
