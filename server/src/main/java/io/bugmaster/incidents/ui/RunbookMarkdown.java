package io.bugmaster.incidents.ui;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * A service's runbook, markdown, as HTML for the incident page. Anyone who may edit a service
 * writes it, and every responder's browser shows it, so it is rendered as untrusted: raw HTML is
 * escaped (shown as text), and a link or image keeps its address only when it is http, https,
 * mailto or relative ({@code javascript:}, {@code data:}, {@code vbscript:} become nothing).
 * Links open with no referrer and no access to this page. GFM tables are read (postmortems' timelines
 * are one); they are rendered as plain table elements, with the same escaping inside.
 */
public final class RunbookMarkdown {
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final java.util.List<org.commonmark.Extension> EXTENSIONS = java.util.List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            .percentEncodeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                } else if (node instanceof Image) {
                    attributes.put("referrerpolicy", "no-referrer");
                }
            })
            .build();

    private RunbookMarkdown() {}

    /** The runbook (or any Markdown people wrote: a postmortem) as HTML that is safe to put in a page as it is; empty for no runbook. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Keeps an address only when a browser would not run it: http(s), mailto, or relative. */
    static String safeUrl(String url) {
        // browsers drop tabs, newlines and leading spaces and controls from an address: "java\tscript:" is javascript:
        StringBuilder squeezed = new StringBuilder(url.length());
        url.codePoints().filter(c -> c > 0x20 && c != 0x7f).forEach(squeezed::appendCodePoint);
        Matcher m = SCHEME.matcher(squeezed);
        if (m.find()) {
            return SAFE_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)) ? url : "";
        }
        // no scheme before the first ':' of a path such as "/x:y" is relative; anything else odd is refused
        int colon = squeezed.indexOf(":");
        int slash = squeezed.indexOf("/");
        return colon >= 0 && (slash < 0 || colon < slash) ? "" : url;
    }

    private static final class SafeUrls implements UrlSanitizer {
        @Override
        public String sanitizeLinkUrl(String url) {
            return safeUrl(url);
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return safeUrl(url);
        }
    }
}
