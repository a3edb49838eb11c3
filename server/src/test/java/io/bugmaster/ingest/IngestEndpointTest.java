package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** What the ingestion filter answers without reaching {@link IngestService}, and what it leaves to the rest. */
class IngestEndpointTest {
    private final IngestEndpoint endpoint = new IngestEndpoint(null, JsonMapper.builder().build(), null, null,
            java.time.Duration.ofSeconds(30));

    private MockHttpServletResponse serve(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.doFilter(request, response, chain);
        return response;
    }

    @Test
    void leavesTheRestApiAndOtherPathsToTheOtherFilters() throws Exception {
        for (String path : new String[] {"/api/0/projects/", "/api/01/envelope/", "/api/", "/issues/1/"}) {
            MockFilterChain chain = new MockFilterChain();
            serve(new MockHttpServletRequest("POST", path), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
    }

    @Test
    void answersPreflightsForAnyOrigin() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/42/envelope/");
        request.addHeader("Origin", "https://shop.example.com");
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "x-sentry-auth,content-type");
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = serve(request, chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.getHeader("Access-Control-Allow-Headers")).isEqualTo("x-sentry-auth,content-type");
        assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void refusesAPreflightForAnotherMethod() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/42/store/");
        request.addHeader("Origin", "https://shop.example.com");
        request.addHeader("Access-Control-Request-Method", "DELETE");
        assertThat(serve(request, new MockFilterChain()).getStatus()).isEqualTo(403);
    }

    @Test
    void unknownIngestPathsAndOtherMethodsAreJsonErrors() throws Exception {
        MockHttpServletResponse notFound = serve(new MockHttpServletRequest("POST", "/api/42/minidump/"), new MockFilterChain());
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getContentAsString()).isEqualTo("{\"detail\":\"not found\"}");
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/42/envelope/");
        get.addHeader("Origin", "https://shop.example.com");
        MockHttpServletResponse notAllowed = serve(get, new MockFilterChain());
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getHeader("Allow")).isEqualTo("POST");
        assertThat(notAllowed.getHeader("Access-Control-Expose-Headers"))
                .isEqualTo("X-Sentry-Error, X-Sentry-Rate-Limits, Retry-After");
    }
}
