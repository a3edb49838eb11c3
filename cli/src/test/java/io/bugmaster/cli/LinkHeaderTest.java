package io.bugmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsTheNextPageWhenSentrySaysThereAreResults() {
        String header = "<https://b.example/api/0/organizations/?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
                + "<https://b.example/api/0/organizations/?&cursor=0:100:0>; rel=\"next\"; results=\"true\"; cursor=\"0:100:0\"";

        assertThat(LinkHeader.next(List.of(header))).contains("https://b.example/api/0/organizations/?&cursor=0:100:0");
    }

    @Test
    void stopsWhenTheNextLinkHasNoResults() {
        String header = "<https://b.example/x/?cursor=0:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"0:0:1\", "
                + "<https://b.example/x/?cursor=0:200:0>; rel=\"next\"; results=\"false\"; cursor=\"0:200:0\"";

        assertThat(LinkHeader.next(List.of(header))).isEmpty();
    }

    @Test
    void acceptsUnquotedParametersAndSeparateHeaderLines() {
        List<String> headers = List.of("</x/?cursor=a>; rel=previous; results=false", "</x/?cursor=b>; rel=next; results=true");

        assertThat(LinkHeader.next(headers)).contains("/x/?cursor=b");
    }

    @Test
    void hasNoNextPageWithoutAHeader() {
        assertThat(LinkHeader.next(List.of())).isEmpty();
        assertThat(LinkHeader.next(List.of("garbage"))).isEmpty();
    }
}
