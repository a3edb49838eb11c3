package io.bugmaster.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of an {@link ApiController} as {@code {"detail": "..."}} with the right status. */
@RestControllerAdvice(annotations = ApiController.class)
public class ApiExceptionHandler {

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError.Body> handle(Exception e, HttpServletRequest request) {
        return render(ApiErrors.describe(e, request));
    }

    static ResponseEntity<ApiError.Body> render(ApiError error) {
        HttpHeaders headers = new HttpHeaders();
        error.headers().forEach(headers::set);
        return ResponseEntity.status(error.status()).headers(headers).contentType(MediaType.APPLICATION_JSON).body(error.body());
    }
}
