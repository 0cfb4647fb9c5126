package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The public Azure status RSS feed, the fallback when Service Health itself is unreachable. Parsed leniently
 * (published copies are not always well-formed). An item has no tracking id: its {@code guid}, a slug of the title,
 * is the key (or the slug made here when it has none). Impact comes from {@code <category>} elements, which mix
 * service and region names (told apart by the known region list), else from the title pattern
 * "{services} - {region}". Items whose text opens with "Summary of impact" are the final statement of a mitigated
 * incident, hence resolved; others are active. Level: {@code warning}, the feed only carrying broad incidents.
 */
public final class StatusFeedNormalizer {

    private StatusFeedNormalizer() {
    }

    public static Normalized normalize(String xml, String source) {
        if (xml == null || xml.isBlank()) {
            throw PayloadException.at("$", "empty feed; expected an RSS document <rss><channel>…");
        }
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        Element channel = doc.selectFirst("rss > channel, channel");
        if (doc.selectFirst("rss") == null || channel == null) {
            throw PayloadException.at("$", "not an RSS feed; expected <rss><channel>…");
        }
        String channelLink = childText(channel, "link");
        Instant built = ProviderTimes.parse(childText(channel, "lastBuildDate"), "channel.lastBuildDate");
        Instant channelDate = ProviderTimes.parse(childText(channel, "pubDate"), "channel.pubDate");
        List<HealthEvent> events = new ArrayList<>();
        int i = 0;
        for (Element item : doc.select("item")) {
            events.add(item(item, i++, channelLink, channelDate != null ? channelDate : built, source));
        }
        return Normalized.of(events);
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
        HealthStage stage = text != null && text.toLowerCase(Locale.ROOT).startsWith("summary of impact")
                ? HealthStage.RESOLVED : HealthStage.ACTIVE;
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
                null,
                null,
                published != null ? published : fallbackTime,
                link != null ? link : channelLink,
                null,
                false);
    }

    static List<ImpactedService> impacted(Element item, String title) {
        List<String> services = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        for (Element category : item.select("category")) {
            String name = category.text().trim();
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

    private static String childText(Element parent, String name) {
        for (Element child : parent.children()) {
            if (child.normalName().equals(name.toLowerCase(Locale.ROOT)) || child.tagName().equalsIgnoreCase(name)) {
                String t = child.wholeText().trim();
                return t.isEmpty() ? null : t;
            }
        }
        return null;
    }
}
