package io.bugmaster.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Page-render benchmark client: logs in with the form (CSRF token from the login page), finds the
 * pages' ids (the busiest issue, a median one, an older event, the newest release...), warms up,
 * then requests each page N times one after the other and reports the server's own time per request:
 * the change of {@code http_server_requests_seconds_sum} for the page's uri in
 * {@code /actuator/prometheus} across that single request (the scrape is taken after every request,
 * so nothing else is in between; the client time on loopback is printed next to it).
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.PageLoad --url http://127.0.0.1:8080 --email E --password P --token T
 *     [--org default] [--n 30] [--warmup 5] [--label sqlite] [--result-file results.tsv]
 * </pre>
 */
public final class PageLoad {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern METRIC = Pattern.compile(
            "^http_server_requests_seconds_(sum|count)\\{(.*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    private PageLoad() {}

    record Page(String name, String path, String uri) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        String org = o.getOrDefault("org", "default");
        int n = Integer.parseInt(o.getOrDefault("n", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        String label = o.getOrDefault("label", "");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        login(http, url, o.get("email"), o.get("password"));
        String token = o.get("token");

        // ids of the pages: from the API (admin token) and the pages themselves
        JsonNode projects = JSON.readTree(get(http, url + "/api/0/organizations/" + org + "/projects/", token).body());
        String projectId = projects.path(0).path("id").asString();
        String projectSlug = projects.path(0).path("slug").asString();
        List<String> byFreq = links(get(http, url + "/orgs/" + org + "/issues?query=is:unresolved&sort=freq", null).body(),
                "/orgs/" + org + "/issues/([0-9]+)[\"?]");
        if (byFreq.isEmpty()) {
            throw new IllegalStateException("no issues in the stream");
        }
        String top = byFreq.get(0);
        List<String> byDate = links(get(http, url + "/orgs/" + org + "/issues?query=is:unresolved&sort=date&offset=200", null).body(),
                "/orgs/" + org + "/issues/([0-9]+)[\"?]");
        String tail = byDate.isEmpty() ? byFreq.get(byFreq.size() - 1) : byDate.get(0);
        List<String> olderEvents = links(get(http, url + "/orgs/" + org + "/issues/" + top + "?event=oldest", null).body(),
                "event=([0-9a-f]{32})");
        String older = olderEvents.isEmpty() ? null : olderEvents.get(0);
        List<String> releases = links(get(http, url + "/orgs/" + org + "/releases", null).body(),
                "/orgs/" + org + "/releases/([^\"?/]+)\"");
        String release = releases.isEmpty() ? null : releases.get(0);
        System.out.printf("ids: project %s (%s), busiest issue %s, an issue of the tail %s, older event %s, release %s%n",
                projectId, projectSlug, top, tail, older, release);

        String issues = "/orgs/{org}/issues";
        String detail = "/orgs/{org}/issues/{id}";
        List<Page> pages = new ArrayList<>(List.of(
                new Page("stream (is:unresolved, by last seen)", "/orgs/" + org + "/issues", issues),
                new Page("stream, free text \"timeout\"", "/orgs/" + org + "/issues?query=" + enc("is:unresolved timeout"), issues),
                new Page("stream, tag browser.name:Edge", "/orgs/" + org + "/issues?query=" + enc("is:unresolved browser.name:Edge"), issues),
                new Page("stream, sort by events", "/orgs/" + org + "/issues?query=is%3Aunresolved&sort=freq", issues),
                new Page("stream, one project", "/orgs/" + org + "/issues?project=" + projectId, issues),
                new Page("inbox", "/orgs/" + org + "/inbox", "/orgs/{org}/inbox"),
                new Page("issue detail, busiest issue, 24h", "/orgs/" + org + "/issues/" + top, detail),
                new Page("issue detail, busiest issue, 30d", "/orgs/" + org + "/issues/" + top + "?chart=30d", detail),
                new Page("issue detail, tail issue", "/orgs/" + org + "/issues/" + tail, detail)));
        if (older != null) {
            pages.add(new Page("older event of the busiest issue", "/orgs/" + org + "/issues/" + top + "?event=" + older, detail));
        }
        pages.add(new Page("releases", "/orgs/" + org + "/releases", "/orgs/{org}/releases"));
        if (release != null) {
            pages.add(new Page("release page", "/orgs/" + org + "/releases/" + release, "/orgs/{org}/releases/{version}"));
        }
        pages.add(new Page("project settings", "/orgs/" + org + "/projects/" + projectSlug + "/settings",
                "/orgs/{org}/projects/{project}/settings"));
        pages.add(new Page("org settings", "/orgs/" + org + "/settings", "/orgs/{org}/settings"));
        pages.add(new Page("org members", "/orgs/" + org + "/members", "/orgs/{org}/members"));

        for (int w = 0; w < warmup; w++) {
            for (Page p : pages) {
                check(p, get(http, url + p.path(), null));
            }
        }
        List<String> out = new ArrayList<>();
        System.out.printf("%-40s %4s %9s %9s %9s %11s %6s%n", "page", "n", "p50 ms", "p95 ms", "max ms", "client p50", "KB");
        for (Page p : pages) {
            double[] server = new double[n];
            double[] client = new double[n];
            Map<String, double[]> before = scrape(http, url);
            int size = 0;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = get(http, url + p.path(), null);
                client[i] = (System.nanoTime() - t) / 1e6;
                check(p, r);
                size = r.body().length();
                // the server records the observation just after the response is sent: wait for it (bounded)
                double[] b = before.getOrDefault(p.uri(), new double[2]);
                Map<String, double[]> after = scrape(http, url);
                double[] a = after.getOrDefault(p.uri(), new double[2]);
                for (int wait = 0; a[1] - b[1] < 1 && wait < 200; wait++) {
                    Thread.sleep(5);
                    after = scrape(http, url);
                    a = after.getOrDefault(p.uri(), new double[2]);
                }
                if (a[1] - b[1] != 1) {
                    throw new IllegalStateException(p.uri() + ": expected one more request in the metric, saw " + (a[1] - b[1])
                            + "; uris: " + after.keySet());
                }
                server[i] = (a[0] - b[0]) * 1000;
                before = after;
            }
            Arrays.sort(server);
            Arrays.sort(client);
            String line = String.format("%-40s %4d %9.1f %9.1f %9.1f %11.1f %6d", p.name(), n, pct(server, 50), pct(server, 95),
                    server[n - 1], pct(client, 50), size / 1024);
            System.out.println(line);
            out.add(String.join("\t", label, p.name(), String.valueOf(n), f(pct(server, 50)), f(pct(server, 95)),
                    f(server[n - 1]), f(pct(client, 50))));
        }
        if (o.containsKey("result-file")) {
            Files.write(Path.of(o.get("result-file")), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void check(Page p, HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(p.path() + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
    }

    private static String f(double v) {
        return String.format("%.1f", v);
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> links(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Sum and count of http_server_requests per uri, over all statuses, methods and outcomes. */
    private static Map<String, double[]> scrape(HttpClient http, String url) throws IOException, InterruptedException {
        String text = get(http, url + "/actuator/prometheus", null).body();
        Map<String, double[]> out = new LinkedHashMap<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            Matcher u = URI_LABEL.matcher(m.group(2));
            if (!u.find()) {
                continue;
            }
            double[] v = out.computeIfAbsent(u.group(1), k -> new double[2]);
            v[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
        return out;
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void login(HttpClient http, String url, String email, String password) throws Exception {
        String page = get(http, url + "/login", null).body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + location);
        }
    }
}
