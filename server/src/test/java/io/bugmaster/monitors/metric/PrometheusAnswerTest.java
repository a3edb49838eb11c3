package io.bugmaster.monitors.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusAnswerTest {

    @Test
    void readsAVectorAndAScalar() {
        PrometheusAnswer.Read vector = PrometheusAnswer.read(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                {"metric":{"job":"b","__name__":"up"},"value":[1764860000.781,"+Inf"]},
                {"metric":{"job":"a"},"value":[1764860000.781,"0.42"]}]}}""", false);
        assertThat(vector.failed()).isFalse();
        assertThat(vector.series()).extracting(PrometheusAnswer.Series::key).containsExactly("{__name__=\"up\",job=\"b\"}", "{job=\"a\"}");
        assertThat(vector.series().get(0).value()).isInfinite();
        PrometheusAnswer.Read scalar = PrometheusAnswer.read(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[1764860000,\"1\"]}}", false);
        assertThat(scalar.series()).containsExactly(new PrometheusAnswer.Series(Map.of(), 1));
    }

    @Test
    void saysWhatIsWrongWithAnswersThatAreNoValues() {
        assertThat(PrometheusAnswer.read(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected"
                + " right parenthesis ')'\"}", false).error()).isEqualTo("Prometheus: bad_data: 1:5: parse error: unexpected right parenthesis ')'");
        assertThat(PrometheusAnswer.read(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", false).error())
                .startsWith("the query returns a range vector (matrix)");
        assertThat(PrometheusAnswer.read(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"x\"]}}", false)
                .error()).isEqualTo("the query returns a string, not a number");
        assertThat(PrometheusAnswer.read(502, "<html>Bad Gateway</html>", false).error())
                .isEqualTo("the data source answered HTTP 502 with something that is not Prometheus's JSON: <html>Bad Gateway</html>"
                        + " (is its URL the Prometheus base URL?)");
        assertThat(PrometheusAnswer.read(503, "{}", false).error()).isEqualTo("Prometheus answered HTTP 503");
        assertThat(PrometheusAnswer.read(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}"
                + ",\"value\":[1,\"oops\"]}]}}", false).error()).isEqualTo("a series of Prometheus's answer has no value: {}");
        assertThat(PrometheusAnswer.read(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\"",
                true).error()).contains("larger than Bugmaster reads").contains("topk");
    }

    @Test
    void labelSetsAreWrittenAsPrometheusWritesThem() {
        assertThat(new PrometheusAnswer.Series(Map.of("path", "/a\"b\\c", "code", "500"), 1).key())
                .isEqualTo("{code=\"500\",path=\"/a\\\"b\\\\c\"}");
    }
}
