package io.bugmaster.web;

import io.bugmaster.web.api.ApiPaths;
import io.bugmaster.web.api.ConnectorErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;

/**
 * Tomcat's own error answers (a malformed request line, a bad percent-encoding, oversized headers,
 * an HTTP version or transfer encoding it does not speak: everything refused before the application
 * sees the request) as {@code {"detail": ...}} on the API and ingestion paths, where the clients are
 * programs that expect JSON. A request whose line could not even be read has no path; it gets JSON
 * too, since browsers do not send those. Other paths keep Tomcat's minimal HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    public JsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String path = request.getCoyoteRequest().requestURI().toString();
        if (path != null && !path.isEmpty() && !ApiPaths.isApi(path)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String detail = ConnectorErrors.detail(status, response.getMessage(), throwable == null ? null : throwable.getMessage(),
                maxHeaderBytes(request));
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer cannot be written any more: nothing left to tell it
        }
    }

    private static int maxHeaderBytes(Request request) {
        return request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() : 8192;
    }
}
