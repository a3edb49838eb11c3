package io.bugmaster.web;

import org.apache.catalina.Valve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** How the embedded Tomcat is set up beyond Spring Boot's settings. */
@Configuration(proxyBeanMethods = false)
public class ServerConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public int getOrder() {
        // after Spring Boot's own customizer, whose error valve and connector settings this builds on
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
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
        });
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
