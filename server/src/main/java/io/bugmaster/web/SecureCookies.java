package io.bugmaster.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;

/**
 * Marks every cookie the application sets as {@code Secure} when Bugmaster is served over HTTPS,
 * whether or not this request reached Tomcat over HTTPS (behind a proxy it usually did not), so a
 * browser never sends one over plain HTTP. Everything else is left to Tomcat's processor.
 */
class SecureCookies implements CookieProcessor {
    private final CookieProcessor delegate;

    SecureCookies(CookieProcessor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
        delegate.parseCookieHeader(headers, serverCookies);
    }

    @Override
    public String generateHeader(Cookie cookie, HttpServletRequest request) {
        cookie.setSecure(true);
        return delegate.generateHeader(cookie, request);
    }

    @Override
    public Charset getCharset() {
        return delegate.getCharset();
    }
}
