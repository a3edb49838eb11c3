package io.bugmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsToTheWidestCellAndTrimsTrailingBlanks() {
        Table table = new Table(List.of("SLUG", "NAME", "ID"))
                .add(List.of("default", "Default", "1"))
                .add(List.of("a", "A much longer name", "22"));

        assertThat(table.render()).isEqualTo("""
                SLUG     NAME                ID
                default  Default             1
                a        A much longer name  22
                """);
    }

    @Test
    void printsNullsAsEmptyCellsAndNeverLeavesBlanksAtTheEndOfALine() {
        Table table = new Table(List.of("A", "B")).add(Arrays.asList("x", null)).add(Arrays.asList(null, "y"));

        assertThat(table.render()).isEqualTo("A  B\nx\n   y\n");
    }

    @Test
    void keepsEachRowOnOneLineWhenACellHasLineBreaksOrTabs() {
        Table table = new Table(List.of("NAME")).add(List.of("two\nlines\tand a tab"));

        assertThat(table.render()).isEqualTo("NAME\ntwo lines and a tab\n");
    }

    @Test
    void measuresWidthInCharactersNotUtf16Units() {
        Table table = new Table(List.of("N", "X")).add(List.of("\uD83D\uDC1B", "1")).add(List.of("ab", "2"));

        assertThat(table.render()).isEqualTo("N   X\n\uD83D\uDC1B   1\nab  2\n");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        Table table = new Table(List.of("A", "B"));

        assertThatThrownBy(() -> table.add(List.of("only one"))).isInstanceOf(IllegalArgumentException.class);
    }
}
