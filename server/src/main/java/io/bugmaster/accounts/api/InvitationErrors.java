package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Invitations;
import io.bugmaster.web.api.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How inviting by email can fail, for API clients: the invitation is stored but its email was not
 * sent (502, with the SMTP server's reason: POST again to send a new link), or the inviter sent too
 * many invitation emails this hour (429, nothing stored). Ahead of the general API error handler.
 */
@RestControllerAdvice(assignableTypes = MembersApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvitationErrors {

    @ExceptionHandler(Invitations.NotEmailed.class)
    ResponseEntity<ApiError.Body> notEmailed(Invitations.NotEmailed e) {
        return answer(HttpStatus.BAD_GATEWAY, e);
    }

    @ExceptionHandler(Invitations.TooManyEmails.class)
    ResponseEntity<ApiError.Body> tooMany(Invitations.TooManyEmails e) {
        return answer(HttpStatus.TOO_MANY_REQUESTS, e);
    }

    private static ResponseEntity<ApiError.Body> answer(HttpStatus status, RuntimeException e) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError.Body(e.getMessage()));
    }
}
