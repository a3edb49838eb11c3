package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MetricsAccessFilterTest {

    private static MockHttpServletResponse scrape(MetricsAccessFilter filter, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void withoutATokenConfiguredMetricsAreOpen() throws Exception {
        assertThat(scrape(new MetricsAccessFilter(null), null).getStatus()).isEqualTo(200);
        assertThat(scrape(new MetricsAccessFilter(" "), null).getStatus()).isEqualTo(200);
    }

    @Test
    void withATokenConfiguredOnlyThatBearerTokenGetsIn() throws Exception {
        MetricsAccessFilter filter = new MetricsAccessFilter("scrape-secret");
        assertThat(scrape(filter, null).getStatus()).isEqualTo(401);
        assertThat(scrape(filter, "Bearer wrong").getStatus()).isEqualTo(401);
        assertThat(scrape(filter, "Basic scrape-secret").getStatus()).isEqualTo(401);
        assertThat(scrape(filter, "Bearer scrape-secret").getStatus()).isEqualTo(200);
        assertThat(scrape(filter, "bearer scrape-secret").getStatus()).isEqualTo(200);
    }
}
