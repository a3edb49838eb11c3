package io.bugmaster.incidents.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Runbooks are written by anyone who may edit a service and shown to every responder: markdown, never HTML or script. */
class RunbookMarkdownTest {

    @Test
    void markdownBecomesHtml() {
        assertThat(RunbookMarkdown.toHtml("# Restart\n\n- run `systemctl restart api`\n- see [logs](https://logs.example.com/?q=a:b)"))
                .contains("<h1>Restart</h1>").contains("<code>systemctl restart api</code>")
                .contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://logs.example.com/?q=a:b\">logs</a>");
        assertThat(RunbookMarkdown.toHtml("[wiki](/orgs/x/issues) [mail](mailto:ops@example.com)"))
                .contains("href=\"/orgs/x/issues\"").contains("href=\"mailto:ops@example.com\"");
        assertThat(RunbookMarkdown.toHtml(null)).isEmpty();
        assertThat(RunbookMarkdown.toHtml("  \n")).isEmpty();
    }

    @Test
    void rawHtmlIsShownAsText() {
        String html = RunbookMarkdown.toHtml("<script>alert(1)</script>\n\ntext <img src=x onerror=alert(2)> <iframe src=//evil>");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a](javascript:alert(1))", "[a](JAVASCRIPT:alert(1))", "[a](java&#9;script:alert(1))",
            "[a](&#106;avascript:alert(1))", "[a](%20javascript:alert(1))", "<javascript:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)",
            "![a](javascript:alert(1))", "[a](vbscript:msgbox(1))", "[a](data:text/html;base64,PHNjcmlwdD4=)", "![a](data:image/svg+xml,<svg>)",
            "[a](file:///etc/passwd)"})
    void dangerousAddressesLoseTheirTarget(String markdown) {
        String html = RunbookMarkdown.toHtml(markdown).toLowerCase(java.util.Locale.ROOT);
        assertThat(html).doesNotContain("href=\"java").doesNotContain("src=\"java").doesNotContain("href=\"data:")
                .doesNotContain("src=\"data:").doesNotContain("href=\"vbscript").doesNotContain("href=\"file:")
                .doesNotContain("href=\"%20javascript").doesNotContain("href=\"%0a");
        assertThat(html.replaceAll("(href|src)=\"\"", "")).doesNotContainPattern("(href|src)=\"[a-z%0-9]+:");
    }
}
