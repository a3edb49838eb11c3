package io.bugmaster.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Arrays;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Runs before Tomcat's RemoteIpValve and keeps only the IP addresses at the right end of
 * X-Forwarded-For, up to the first entry that is not one ({@code unknown}, a host name, garbage).
 * The RemoteIpValve would otherwise resolve such an entry through DNS to test it against the
 * trusted ranges (a lookup of a name the client chose), and could take it for the client's address.
 */
class ForwardedForLiterals extends ValveBase {
    static final String HEADER = "x-forwarded-for";

    ForwardedForLiterals() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        MimeHeaders headers = request.getCoyoteRequest().getMimeHeaders();
        String value = headers.getHeader(HEADER);
        if (value != null) {
            String kept = literalsAtTheEnd(value);
            if (kept.isEmpty()) {
                headers.removeHeader(HEADER);
            } else if (!kept.equals(value)) {
                headers.setValue(HEADER).setString(kept);
            }
        }
        getNext().invoke(request, response);
    }

    /** The trailing entries that are IP addresses, joined again; empty when the last entry is not one. */
    static String literalsAtTheEnd(String header) {
        String[] entries = Arrays.stream(header.split(",")).map(String::strip).toArray(String[]::new);
        int first = entries.length;
        while (first > 0 && TrustedProxies.isAddress(entries[first - 1])) {
            first--;
        }
        return first == 0 ? header : String.join(", ", Arrays.copyOfRange(entries, first, entries.length));
    }
}
