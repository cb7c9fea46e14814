package io.github.sentrygithubbridge.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names the store and the routes use for kept writes: a row written before this type existed still reads back. */
class WriteActionTest {

    @Test
    void eachActionHasTheNameTheStoreAndTheRoutesUse() {
        assertThat(Arrays.stream(WriteAction.values()).map(WriteAction::column))
                .containsExactly("create", "comment", "close", "reopen", "sentry-status", "check-duplicates");
        assertThat(Arrays.stream(WriteAction.values())).allSatisfy(action -> assertThat(WriteAction.of(action.column())).isSameAs(action));
    }

    @Test
    void aNameThatIsNoKeptWriteIsNone() {
        assertThat(WriteAction.of("label")).isNull();
        assertThat(WriteAction.of("CREATE")).isNull();
        assertThat(WriteAction.of(null)).isNull();
    }
}
