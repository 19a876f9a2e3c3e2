package io.domaindesk.back;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs calls at the same moment, to provoke the races a single caller never meets. */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Calls {@code call} with 0 to {@code n - 1}, each on its own thread, all released
     * together; the results in that order.
     */
    public static <T> List<T> run(int n, IntFunction<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        try (ExecutorService threads = Executors.newFixedThreadPool(n)) {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get());
            }
            return values;
        }
    }

}
