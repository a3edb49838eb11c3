package io.bugmaster.web;

import io.bugmaster.BugmasterProperties;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URI;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How the embedded Tomcat is set up beyond Spring Boot's settings: which proxies it believes, the
 * JSON error answers of the API paths, room for answer headers, and Secure cookies and HSTS when
 * Bugmaster is served over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
public class ServerConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final TrustedProxies proxies;
    private final boolean https;

    public ServerConfig(ProxyProperties proxy, BugmasterProperties props) {
        this.proxies = proxy.proxies();
        this.https = isHttps(props);
    }

    /** Whether people reach Bugmaster over HTTPS, as its public address (BUGMASTER_BASE_URL) says. */
    public static boolean isHttps(BugmasterProperties props) {
        return "https".equalsIgnoreCase(URI.create(props.baseUrl()).getScheme());
    }

    @Override
    public int getOrder() {
        // after Spring Boot's own customizer, whose error valve and connector settings this builds on
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!proxies.isEmpty()) {
            factory.addEngineValves(new ForwardedForLiterals(), forwardedHeaders(proxies));
        }
        if (https) {
            factory.addEngineValves(new StrictTransportSecurity());
        }
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxHttpResponseHeaderSize(responseHeaderLimit(http.getMaxHttpRequestHeaderSize()));
            }
        });
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            if (https) {
                context.setCookieProcessor(new SecureCookies(context.getCookieProcessor()));
            }
        });
    }

    /**
     * Tomcat's RemoteIpValve, believing only the trusted proxies: the client is the right-most
     * address of X-Forwarded-For that is not a trusted proxy, so whatever a client writes into the
     * header itself (further left) is never taken for its address. Scheme, host and port come from
     * X-Forwarded-Proto, -Host and -Port, so redirects and links keep https and the public host.
     * From any other address these headers are ignored, and so is RFC 7239's Forwarded from anyone.
     */
    static RemoteIpValve forwardedHeaders(TrustedProxies proxies) {
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(proxies.cidrList());
        valve.setTrustedProxies(null);
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setHostHeader("X-Forwarded-Host");
        valve.setPortHeader("X-Forwarded-Port");
        return valve;
    }

    /**
     * HSTS on every answer (pages, API, ingestion, the server's own error answers) when people reach
     * Bugmaster over HTTPS, whether this request came over HTTPS or from a proxy over plain HTTP: a
     * year, this host only (not its subdomains, which Bugmaster does not own). Browsers ignore it on
     * an answer that did not come over HTTPS.
     */
    static final class StrictTransportSecurity extends ValveBase {
        static final String HEADER = "Strict-Transport-Security";
        static final String VALUE = "max-age=31536000";

        StrictTransportSecurity() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            response.setHeader(HEADER, VALUE);
            getNext().invoke(request, response);
        }
    }

    /**
     * Room for the answer's headers. Some repeat what the client sent, such as the query in both
     * cursors of a list's Link header, or an Origin; all of them together never hold more than twice
     * the request's line and headers (which the request limit bounds) plus our own fixed headers. So
     * a long but valid request can never overflow the answer's headers into a 500.
     */
    static int responseHeaderLimit(int requestHeaderLimit) {
        return 2 * requestHeaderLimit + 16 * 1024;
    }
}
