package io.github.sentrygithubbridge.state;

import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The store failed (database down, disk full). The failure is attached as suppressed, not as the cause:
 * Camel matches error handlers from the root cause up, and a root cause such as a ConnectException would
 * otherwise be taken for a GitHub connection error.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(RuntimeException failure) {
        super(StorageHealth.rootMessage(failure));
        addSuppressed(failure);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }

    /** Runs a store operation, turning its failure into this exception. */
    public static <T> T guard(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DataAccessException | TransactionException e) {
            throw new StoreUnavailableException(e);
        }
    }

    public static void guard(Runnable operation) {
        guard(() -> {
            operation.run();
            return null;
        });
    }
}
