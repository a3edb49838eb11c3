package io.bugmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ColumnTest {
    private static JsonNode json(String text) {
        return ApiClient.JSON.readTree(text);
    }

    @Test
    void readsNestedFieldsByDottedPath() {
        JsonNode key = json("{\"name\":\"Default\",\"dsn\":{\"public\":\"http://abc@localhost:8080/1\"}}");

        assertThat(Column.of("DSN", "dsn.public").valueOf(key)).isEqualTo("http://abc@localhost:8080/1");
    }

    @Test
    void collectsAFieldFromEveryArrayElementAndJoinsThem() {
        JsonNode project = json("{\"teams\":[{\"slug\":\"backend\"},{\"slug\":\"web\"}]}");

        assertThat(Column.of("TEAMS", "teams[].slug").valueOf(project)).isEqualTo("backend, web");
    }

    @Test
    void joinsArraysOfScalars() {
        assertThat(Column.of("SCOPES", "scopes").valueOf(json("{\"scopes\":[\"org:read\",\"project:read\"]}")))
                .isEqualTo("org:read, project:read");
    }

    @Test
    void fallsBackToTheNextPathWhenTheFirstHasNoValue() {
        Column column = Column.of("ENDS WITH", "tokenLastCharacters", "hint");

        assertThat(column.valueOf(json("{\"hint\":\"3f9a\"}"))).isEqualTo("3f9a");
        assertThat(column.valueOf(json("{\"tokenLastCharacters\":\"abcd\",\"hint\":\"3f9a\"}"))).isEqualTo("abcd");
    }

    @Test
    void showsBooleansAsYesOrNoAndMissingOrNullAsEmpty() {
        JsonNode key = json("{\"isActive\":true,\"pending\":false,\"platform\":null}");

        assertThat(Column.of("ACTIVE", "isActive").valueOf(key)).isEqualTo("yes");
        assertThat(Column.of("PENDING", "pending").valueOf(key)).isEqualTo("no");
        assertThat(Column.of("PLATFORM", "platform").valueOf(key)).isEmpty();
        assertThat(Column.of("NOPE", "no.such.field").valueOf(key)).isEmpty();
    }

    @Test
    void tableOfItemsUsesTheColumnsInOrder() {
        JsonNode keys = json("""
                [{"name":"Default","public":"abc","isActive":true,"dsn":{"public":"http://abc@h/1"}},
                 {"label":"ios","public":"def","isActive":false,"dsn":{"public":"http://def@h/1"}}]""");

        assertThat(Output.table(keys, KeysCommand.COLUMNS).render()).isEqualTo("""
                NAME     PUBLIC KEY  ACTIVE  DSN
                Default  abc         yes     http://abc@h/1
                ios      def         no      http://def@h/1
                """);
    }

    @Test
    void keyValuesFlattenNestedObjectsAndAlignTheValues() {
        JsonNode info = json("{\"version\":\"0\",\"user\":{\"email\":\"a@b.c\",\"id\":\"1\"},\"auth\":{\"scopes\":[\"org:read\"]},\"x\":null}");

        assertThat(Output.keyValues(info)).isEqualTo("""
                version:     0
                user.email:  a@b.c
                user.id:     1
                auth.scopes: org:read
                """);
        assertThat(List.of(Output.keyValues(json("{}")))).containsExactly("");
    }
}
