package dev.stormwatch.notifier.page;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page id, deterministic from its subject (incident or decision id), escalation level and pass through the policy:
 * {@code <subject>.l<level>.r<pass>}. A restart that re-derives a page gets the same id, so nobody is paged twice for
 * one level, and the subject can be read back from the id to find the page's owner without a lookup table.
 */
public record PageId(String subjectId, int level, int pass) {

    private static final Pattern FORM = Pattern.compile("^(.+)\\.l(\\d{1,4})\\.r(\\d{1,4})$");

    public static String of(String subjectId, int level, int pass) {
        return subjectId + ".l" + level + ".r" + pass;
    }

    public static Optional<PageId> parse(String pageId) {
        if (pageId == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(pageId);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PageId(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return of(subjectId, level, pass);
    }
}
