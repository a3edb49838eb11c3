package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of transports: its list and the transport beans must agree, and the list is the order. */
class TransportsTest {

    static Transport of(String id) {
        ChannelKind kind = new ChannelKind(id, id.toUpperCase(), "help",
                List.of(new ChannelKind.Setting("url", "URL", "", ChannelKind.Setting.Type.URL, "a URL")));
        return new Transport() {
            @Override
            public ChannelKind kind() {
                return kind;
            }

            @Override
            public Delivered send(Channel channel, Notification notification) {
                throw new UnsupportedOperationException("not sent in this test");
            }
        };
    }

    @Test
    void kindsAreOfferedInTheListedOrderWhateverOrderTheBeansCameIn() {
        Transports transports = new Transports(List.of("slack", "pigeon", "email"), List.of(of("email"), of("pigeon"), of("slack")));
        assertThat(transports.kinds()).extracting(ChannelKind::id).containsExactly("slack", "pigeon", "email");
        assertThat(transports.kind("kind", " Pigeon ").id()).isEqualTo("pigeon");
        assertThatThrownBy(() -> transports.kind("kind", "owl")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown kind 'owl'; use one of slack, pigeon, email");
    }

    @Test
    void aTransportTheListDoesNotNameStopsTheServer() {
        assertThatThrownBy(() -> new Transports(List.of("slack"), List.of(of("slack"), of("pigeon"))))
                .hasMessageContaining("channel kinds [pigeon] are not in Transports.ORDER");
    }

    @Test
    void aListedKindWithoutATransportStopsTheServer() {
        assertThatThrownBy(() -> new Transports(List.of("slack", "owl"), List.of(of("slack"))))
                .hasMessageContaining("Transports.ORDER names [owl] but no transport sends for that kind");
    }

    @Test
    void twoTransportsForOneKindStopTheServer() {
        assertThatThrownBy(() -> new Transports(List.of("slack"), List.of(of("slack"), of("slack"))))
                .hasMessageContaining("two transports for channel kind slack");
    }

    @Test
    void personalKindsReachAContactMethodButAreNeverOfferedAsAChannel() {
        Transports transports = new Transports(List.of("slack", "email"), List.of("sms"), List.of(of("email"), of("sms"), of("slack")));
        assertThat(transports.kinds()).extracting(ChannelKind::id).containsExactly("slack", "email");
        assertThatThrownBy(() -> transports.kind("kind", "sms")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown kind 'sms'; use one of slack, email");
        assertThat(transports.personalKind("sms").id()).isEqualTo("sms");
        assertThat(transports.personalKind("email").id()).isEqualTo("email");
        assertThat(transports.forKind(transports.personalKind("sms")).kind().id()).isEqualTo("sms");
        assertThatThrownBy(() -> new Transports(List.of("slack"), List.of("owl"), List.of(of("slack"))))
                .hasMessageContaining("Transports.PERSONAL names owl but no transport sends for that kind");
    }

    @Test
    void theProductionListNamesEachKindOnce() {
        assertThat(Transports.ORDER).doesNotHaveDuplicates().doesNotContainAnyElementsOf(Transports.PERSONAL);
    }
}
