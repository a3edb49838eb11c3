package io.bugmaster.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/** The error mapping on its own: statuses, and details without internals. */
class ApiErrorsTest {
    final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/0/organizations/");

    record Body(String name) {}

    @Test
    void anUnexpectedExceptionIsAnInternalErrorThatSaysNothingMore() {
        ApiError error = ApiErrors.describe(new IllegalStateException("database password is hunter2"), request);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.detail()).isEqualTo("internal error");
    }

    @Test
    void domainExceptionsKeepTheirSafeMessages() {
        assertThat(ApiErrors.describe(new InvalidInputException("slug", "is required"), request))
                .isEqualTo(new ApiError(400, "slug: is required"));
        assertThat(ApiErrors.describe(new ConflictException("taken"), request)).isEqualTo(new ApiError(409, "taken"));
    }

    @Test
    void malformedJsonSaysWhereWithoutParserInternals() {
        ApiError error = ApiErrors.describe(unreadable("{\n  \"name\": oops\n}"), request);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.detail()).startsWith("request body is not valid JSON: Unrecognized token 'oops'")
                .contains("line 2").doesNotContain("Source", "REDACTED", "jackson", "Exception");
    }

    @Test
    void aBodyCutOffAtTheSizeLimitIsTooLarge() {
        var cutOff = new HttpMessageNotReadableException("I/O error", new BodyTooLargeException(10),
                new MockHttpInputMessage(new byte[0]));
        assertThat(ApiErrors.describe(cutOff, request).status()).isEqualTo(413);
    }

    private static HttpMessageNotReadableException unreadable(String json) {
        try {
            JsonMapper.builder().build().readValue(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Body.class);
            throw new AssertionError("expected a parse error");
        } catch (tools.jackson.core.JacksonException e) {
            return new HttpMessageNotReadableException("JSON parse error: " + e.getMessage(), e,
                    new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
