package io.bugmaster.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's order comes from the list, and the list and the module beans must agree. */
class EngineModulesTest {

    private static EngineModule named(String name) {
        return new EngineModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(Instant now) {
                // nothing to do: only the name matters here
            }
        };
    }

    @Test
    void modulesRunInTheListedOrderWhateverOrderTheBeansCameIn() {
        EngineModules modules = new EngineModules(List.of("snooze", "alerting", "delivery"),
                List.of(named("delivery"), named("snooze"), named("alerting")));
        assertThat(modules.inOrder()).extracting(EngineModule::name).containsExactly("snooze", "alerting", "delivery");
    }

    @Test
    void aModuleBeanThatTheListDoesNotNameStopsTheServer() {
        assertThatThrownBy(() -> new EngineModules(List.of("snooze"), List.of(named("snooze"), named("heartbeats"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[heartbeats] are not in EngineModules.ORDER");
    }

    @Test
    void aListedNameWithoutAModuleStopsTheServer() {
        assertThatThrownBy(() -> new EngineModules(List.of("snooze", "monitors"), List.of(named("snooze"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("names [monitors] but no engine module has that name");
    }

    @Test
    void twoModulesWithOneNameStopTheServer() {
        assertThatThrownBy(() -> new EngineModules(List.of("snooze"), List.of(named("snooze"), named("snooze"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two engine modules are named 'snooze'");
    }

    @Test
    void theProductionListNamesEachModuleOnce() {
        assertThat(EngineModules.ORDER).doesNotHaveDuplicates();
    }
}
