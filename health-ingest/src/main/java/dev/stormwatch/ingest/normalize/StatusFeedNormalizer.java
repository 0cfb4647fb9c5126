package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The public Azure status RSS feed, the fallback when Service Health itself is unreachable. Parsed as XML, strictly: a
 * feed that is not well-formed is refused with the line and column, so that it reaches the DLQ instead of passing as
 * "no incident" (DOCTYPEs are refused too). An item has no tracking id: its {@code guid}, a slug of the title, is the
 * key (or the slug made here when it has none). Impact comes from {@code <category>} elements, which mix service and
 * region names (told apart by the known region list), else from the title pattern "{services} - {region}". The impact
 * start is the one the text states ("Starting at 22:07 UTC on 12 Nov 2018", "Between 22:07 UTC on … and 03:25 UTC on
 * …", the latter also the mitigation). Items whose text opens with "Summary of impact" are the final statement of a
 * mitigated incident, hence resolved; others are active. Level: {@code warning}, the feed only carrying broad
 * incidents.
 */
public final class StatusFeedNormalizer {

    private StatusFeedNormalizer() {}

    private static final Pattern STARTING = Pattern.compile("(?i)(starting at|between|beginning "
            + "at|from)\\s+(?:approximately\\s+)?(\\d{1,2}:\\d{2})\\s*UTC\\s+on\\s+(\\d{1,2}\\s+[A-Za-z]+,?"
            + "\\s+\\d{4})");
    private static final Pattern UNTIL = Pattern.compile(
            "(?i)\\s+(?:and|to|until)\\s+(?:approximately\\s+)?(\\d{1,2}:\\d{2})\\s*UTC(?:\\s+on\\s+(\\d{1,2}\\s+[A-"
                    + "Za-z]+,?\\s+\\d{4}))?");
    /** "Between 02:50 and 10:37 UTC on 27 Oct 2018": both times on one day. */
    private static final Pattern BETWEEN_ONE_DAY = Pattern.compile(
            "(?i)between\\s+(?:approximately\\s+)?(\\d{1,2}:\\d{2})\\s+and\\s+(?:approximately\\s+)?(\\d{1,2}:"
                    + "\\d{2})\\s*UTC\\s+on\\s+(\\d{1,2}\\s+[A-Za-z]+,?\\s+\\d{4})");

    private static final DateTimeFormatter DAY = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMM[M] yyyy")
            .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LONG = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMMM yyyy")
            .toFormatter(Locale.ENGLISH);

    public static Normalized normalize(String xml, String source) {
        if (xml == null || xml.isBlank()) {
            throw PayloadException.at("$", "empty feed; expected an RSS document <rss><channel>…");
        }
        Document doc = parse(xml);
        Element rss = doc.getDocumentElement();
        Element channel = child(rss, "channel");
        if (!"rss".equalsIgnoreCase(rss.getNodeName()) || channel == null) {
            throw PayloadException.at(
                    "$", "not an RSS feed; expected <rss><channel>…, got <" + rss.getNodeName() + ">");
        }
        String channelLink = childText(channel, "link");
        Instant built = ProviderTimes.parse(childText(channel, "lastBuildDate"), "channel.lastBuildDate");
        Instant channelDate = ProviderTimes.parse(childText(channel, "pubDate"), "channel.pubDate");
        List<HealthEvent> events = new ArrayList<>();
        int i = 0;
        for (Node n = channel.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element item && "item".equalsIgnoreCase(item.getNodeName())) {
                events.add(item(item, i++, channelLink, channelDate != null ? channelDate : built, source));
            }
        }
        return Normalized.of(events);
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw PayloadException.at(
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
                    "the feed is not well-formed XML: " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw PayloadException.at("$", "the feed could not be read as XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    }

    /**
     * The impact start (and, for "Between … and …", the mitigation) an item's text states; nulls when it states none.
     */
    static Instant[] statedImpact(String text) {
        if (text == null) {
            return new Instant[] {null, null};
        }
        Matcher one = BETWEEN_ONE_DAY.matcher(text);
        Matcher m = STARTING.matcher(text);
        boolean starting = m.find();
        if (one.find() && (!starting || one.start() <= m.start())) {
            LocalDate day = day(one.group(3));
            return day == null
                    ? new Instant[] {null, null}
                    : new Instant[] {
                        day.atTime(LocalTime.parse(pad(one.group(1)))).toInstant(ZoneOffset.UTC),
                        day.atTime(LocalTime.parse(pad(one.group(2)))).toInstant(ZoneOffset.UTC)
                    };
        }
        if (!starting) {
            return new Instant[] {null, null};
        }
        LocalDate day = day(m.group(3));
        if (day == null) {
            return new Instant[] {null, null};
        }
        Instant start = day.atTime(LocalTime.parse(pad(m.group(2)))).toInstant(ZoneOffset.UTC);
        Instant end = null;
        if (m.group(1).equalsIgnoreCase("between") || m.group(1).equalsIgnoreCase("from")) {
            Matcher u = UNTIL.matcher(text);
            if (u.find(m.end()) && u.start() == m.end()) {
                LocalDate endDay = u.group(2) != null ? day(u.group(2)) : day;
                if (endDay != null) {
                    end = endDay.atTime(LocalTime.parse(pad(u.group(1)))).toInstant(ZoneOffset.UTC);
                }
            }
        }
        return new Instant[] {start, end};
    }

    private static LocalDate day(String text) {
        String t = text.replace(",", "").replaceAll("\\s+", " ").trim();
        for (DateTimeFormatter f : List.of(DAY, DAY_LONG)) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException ignored) {
                // the other spelling of the month
            }
        }
        return null;
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    private static HealthEvent item(Element item, int index, String channelLink, Instant fallbackTime, String source) {
        String path = "item[" + index + "]";
        String title = childText(item, "title");
        String guid = childText(item, "guid");
        String trackingId = guid != null ? guid : slug(title);
        if (trackingId == null) {
            throw PayloadException.at(path, "an item needs a guid or a title");
        }
        Instant published = ProviderTimes.parse(childText(item, "pubDate"), path + ".pubDate");
        String text = PlainText.of(childText(item, "description"));
        Instant[] stated = statedImpact(text);
        HealthStage stage = text != null && text.toLowerCase(Locale.ROOT).startsWith("summary of impact")
                ? HealthStage.RESOLVED
                : HealthStage.ACTIVE;
        String link = childText(item, "link");
        return new HealthEvent(
                source,
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                title,
                text,
                stage,
                EventLevels.WARNING,
                impacted(item, title),
                List.of(),
                null,
                stated[0],
                stated[1],
                published != null ? published : fallbackTime,
                link != null ? link : channelLink,
                null,
                false);
    }

    static List<ImpactedService> impacted(Element item, String title) {
        List<String> services = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        for (Node n = item.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element category) || !"category".equalsIgnoreCase(category.getNodeName())) {
                continue;
            }
            String name = category.getTextContent().trim();
            String region = Regions.canonical(name);
            if (region != null && Regions.isKnown(region)) {
                regions.add(region);
            } else if (!name.isEmpty()) {
                services.add(name);
            }
        }
        if ((services.isEmpty() || regions.isEmpty()) && title != null) {
            int dash = title.lastIndexOf(" - ");
            if (dash > 0) {
                if (regions.isEmpty()) {
                    for (String r : title.substring(dash + 3).split(",| and ")) {
                        String canonical = Regions.canonical(r);
                        if (canonical != null) {
                            regions.add(canonical);
                        }
                    }
                }
                if (services.isEmpty()) {
                    for (String s : title.substring(0, dash).split("/")) {
                        if (!s.isBlank()) {
                            services.add(s.trim());
                        }
                    }
                }
            }
        }
        Set<ImpactedService> pairs = new LinkedHashSet<>();
        for (String s : services) {
            for (String r : regions) {
                pairs.add(new ImpactedService(s, r));
            }
        }
        return new ArrayList<>(pairs);
    }

    static String slug(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? null : s;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNodeName().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        if (child == null) {
            return null;
        }
        String t = child.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }
}
