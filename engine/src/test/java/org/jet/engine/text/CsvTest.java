package org.jet.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest
{
    @Test
    void shouldReadQuotedFieldsCrlfAndAByteOrderMarkWithTheLineEachRowStartsOn() throws Exception
    {
        final String text = "\uFEFFlogin,name\r\n" +
            "alice,\"Martin, Alice\"\r\n" +
            "\r\n" +
            "bob,\"two\nlines \"\"quoted\"\"\"\n" +
            "carol,\n";

        final List<Csv.Row> rows = Csv.parse(new StringReader(text));

        assertEquals(4, rows.size(), rows.toString());
        assertEquals(new Csv.Row(1, List.of("login", "name")), rows.get(0));
        assertEquals(new Csv.Row(2, List.of("alice", "Martin, Alice")), rows.get(1));
        assertEquals(new Csv.Row(4, List.of("bob", "two\nlines \"quoted\"")), rows.get(2));
        assertEquals(new Csv.Row(6, List.of("carol", "")), rows.get(3));
    }

    @Test
    void shouldReportAnUnclosedQuoteAtTheLineItOpens()
    {
        final Csv.CsvException ex = assertThrows(Csv.CsvException.class,
            () -> Csv.parse(new StringReader("a,b\nc,\"open\nmore\n")));
        assertEquals(2, ex.line());
    }

    @Test
    void shouldWriteWhatItReads() throws Exception
    {
        final List<String> fields = Arrays.asList("plain", "with, comma", "say \"hi\"", "", null, " padded");

        final String line = Csv.line(fields);

        assertEquals("plain,\"with, comma\",\"say \"\"hi\"\"\",,,\" padded\"", line);
        assertEquals(List.of("plain", "with, comma", "say \"hi\"", "", "", " padded"),
            Csv.parse(new StringReader(line)).get(0).fields());
    }
}
