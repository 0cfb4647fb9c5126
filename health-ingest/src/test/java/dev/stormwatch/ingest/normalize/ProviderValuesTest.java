package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times, levels and text as providers write them. */
class ProviderValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2019-06-26T04:00:00Z                 | 2019-06-26T04:00:00Z",
                "2017-10-18T02:48:00.0000000Z         | 2017-10-18T02:48:00Z",
                "2021-11-16T09:50:20.406+00:00        | 2021-11-16T09:50:20.406Z",
                "2025-05-13T15:43:48.12Z              | 2025-05-13T15:43:48.120Z",
                "2021-11-17T01:23:45.0623172+00:00    | 2021-11-17T01:23:45.0623172Z",
                "2023-07-24T19:20:37.9245071+02:00    | 2023-07-24T17:20:37.9245071Z",
                "2020-01-02T03:04:05                  | 2020-01-02T03:04:05Z",
                "Tue, 15 Jun 2021 04:09:45 Z          | 2021-06-15T04:09:45Z",
                "Mon, 12 Nov 2018 16:25:40 GMT        | 2018-11-12T16:25:40Z",
                "3/29/2017 3:43:21 PM                 | 2017-03-29T15:43:21Z",
            })
    void providerTimeFormats(String text, String expected) {
        assertEquals(Instant.parse(expected), ProviderTimes.parse(text, "t"));
    }

    @Test
    void sentinelAndBlankAreUnknown() {
        assertNull(ProviderTimes.parse("0001-01-01T00:00:00", "t"));
        assertNull(ProviderTimes.parse("0001-01-01T00:00:00Z", "t"));
        assertNull(ProviderTimes.parse(" ", "t"));
    }

    @Test
    void notATimeNamesThePath() {
        PayloadException e = assertThrows(
                PayloadException.class, () -> ProviderTimes.parse("yesterday", "properties.impactStartTime"));
        assertEquals(
                "properties.impactStartTime: 'yesterday' is not a time (expected ISO-8601 such as "
                        + "2021-11-16T20:00:00Z)",
                e.getMessage());
    }

    @Test
    void numericResourceGraphTimes() {
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), ProviderTimes.fromNumber(1_700_000_000L));
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), ProviderTimes.fromNumber(1_700_000_000_000L));
        assertEquals(Instant.parse("2023-11-20T00:00:00Z"), ProviderTimes.fromNumber(638_360_352_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Informational,informational",
        "Information,informational",
        "Critical,critical",
        "Warning,warning",
        "Verbose,verbose"
    })
    void levelsAsText(String text, String expected) {
        assertEquals(expected, EventLevels.of(TextNode.valueOf(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0,critical", "1,error", "2,warning", "3,informational", "4,verbose"})
    void levelsAsNumbers(int n, String expected) {
        assertEquals(expected, EventLevels.of(IntNode.valueOf(n)));
    }

    @Test
    void htmlBecomesPlainTextWithEntitiesDecoded() {
        assertEquals(
                "He said \"go\" – now\nNext line’s CJK 中文",
                PlainText.of("<p>He said &quot;go&quot;&nbsp;– now</p><br>Next line&rsquo;s CJK 中文"));
        assertEquals("Title: a\nUser Impact: b", PlainText.of("Title: a\n\nUser Impact: b"));
        assertNull(PlainText.of("<p><br></p>"));
    }

    @Test
    void veryLargeTextIsCut() {
        String big = "<p>" + "x".repeat(PlainText.MAX_CHARS + 50) + "</p>";
        assertEquals(PlainText.MAX_CHARS, PlainText.of(big).length());
    }
}
