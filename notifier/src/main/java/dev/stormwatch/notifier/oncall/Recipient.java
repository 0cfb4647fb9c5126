package dev.stormwatch.notifier.oncall;

import java.util.List;

/**
 * A person to page for an escalation target, and how we got to them.
 *
 * @param contactId the contact to page
 * @param target the escalation target that asked for them ({@code roster:platform-oncall})
 * @param path the reasoning, in words: who was on call, who was on leave, whose backup took over
 * @param uncovered true when the person who should be paged is on leave and nobody could cover: they are paged anyway,
 *     because in a DR a page to someone on leave beats a page to nobody
 */
public record Recipient(String contactId, String target, List<String> path, boolean uncovered) {

    public Recipient {
        path = List.copyOf(path);
    }

    public String explanation() {
        return String.join("; ", path);
    }
}
