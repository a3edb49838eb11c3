package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardedForLiteralsTest {

    @Test
    void onlyTheAddressesAfterTheLastNonAddressAreKept() {
        assertThat(ForwardedForLiterals.literalsAtTheEnd("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ForwardedForLiterals.literalsAtTheEnd("10.0.0.1, 198.51.100.7,::1")).isEqualTo("10.0.0.1, 198.51.100.7,::1");
        assertThat(ForwardedForLiterals.literalsAtTheEnd("attacker.example, 10.0.0.1 , 198.51.100.7")).isEqualTo("10.0.0.1, 198.51.100.7");
        assertThat(ForwardedForLiterals.literalsAtTheEnd("1.2.3.4, unknown, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ForwardedForLiterals.literalsAtTheEnd("198.51.100.7, localhost")).isEmpty();
        assertThat(ForwardedForLiterals.literalsAtTheEnd("198.51.100.7:4711")).as("an address with a port").isEmpty();
        assertThat(ForwardedForLiterals.literalsAtTheEnd("")).isEmpty();
    }
}
