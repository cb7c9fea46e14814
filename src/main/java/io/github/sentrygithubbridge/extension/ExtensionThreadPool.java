package io.github.sentrygithubbridge.extension;

import io.github.sentrygithubbridge.ops.BridgeMetrics;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The threads the on-github-issue-opened route runs on ("extensionThreads" in Camel's registry), never the write
 * lane's. A hook that hangs fills its own queue; past it, a call is dropped with an ERROR and counted, and the lane
 * goes on. Not a Spring bean of its own: an Executor bean would replace Spring's task executor.
 */
@Component
class ExtensionThreadPool implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionThreadPool.class);
    static final int THREADS = 2;
    static final int QUEUE = 1_000;

    private final ThreadPoolExecutor pool;

    ExtensionThreadPool(@Lazy BridgeMetrics metrics) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "extension-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> {
            LOG.error("The on-github-issue-opened route is {} calls behind: this call is dropped", QUEUE);
            metrics.extensionFailed("on-github-issue-opened");
        });
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        context.getRegistry().bind("extensionThreads", pool);
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // bound before the routes start
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
