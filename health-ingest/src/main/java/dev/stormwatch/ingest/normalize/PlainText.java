package dev.stormwatch.ingest.normalize;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Provider communication text (HTML in {@code communication}, REST {@code summary}/{@code description}, RSS and Graph
 * posts; or plain text with entities) as plain text for pages and the dashboard: tags removed, entities decoded,
 * {@code &nbsp;} as a space, one line per paragraph or line break, blank lines dropped. Very large bodies are cut at
 * {@link #MAX_CHARS} so that one event stays well inside a Kafka record.
 */
public final class PlainText {

    /** About 100 K characters: real events reach 130 KB of HTML; their text is shorter. */
    static final int MAX_CHARS = 100_000;

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "section",
            "article",
            "blockquote",
            "pre",
            "hr",
            "dt",
            "dd",
            "html",
            "body");

    /** Runs of horizontal white space, compiled once: this runs for every line of every alert. */
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f]+");

    private PlainText() {}

    public static String of(String htmlOrText) {
        if (htmlOrText == null || htmlOrText.isBlank()) {
            return null;
        }
        StringBuilder raw = new StringBuilder(htmlOrText.length());
        Jsoup.parseBodyFragment(htmlOrText).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    raw.append(text.getWholeText());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    raw.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    raw.append('\n');
                }
            }
        });
        StringBuilder out = new StringBuilder(raw.length());
        for (String line :
                raw.toString().replace('\u00A0', ' ').replace("\r", "").split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").trim();
            if (!collapsed.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS - 1) + "…" : out.toString();
    }
}
