package dev.stormwatch.contracts.catalog;

import dev.stormwatch.contracts.azure.Regions;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every rule a catalog must satisfy to be run as a DR plan: references resolve (dependencies, contacts, rosters,
 * policies), the dependency graph has no cycle, durations, zones, dates and regions parse. Collects all problems
 * instead of stopping at the first, so that an author fixes the file in one pass.
 */
final class CatalogValidator {

    private final String file;
    private final Map<String, Integer> lines;
    private final List<CatalogProblem> problems = new ArrayList<>();

    private CatalogValidator(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    static List<CatalogProblem> validate(Catalog catalog, String file, Map<String, Integer> lines) {
        CatalogValidator v = new CatalogValidator(file, lines);
        v.check(catalog);
        return v.problems;
    }

    private void check(Catalog c) {
        Set<String> contacts = ids(c.contacts().stream().map(Contact::id).toList(), "contacts");
        Set<String> components = ids(c.components().stream().map(Component::id).toList(), "components");
        Set<String> rosters = ids(c.rosters().stream().map(Roster::id).toList(), "rosters");
        Set<String> policies =
                ids(c.escalationPolicies().stream().map(EscalationPolicy::id).toList(), "escalationPolicies");

        checkPlatform(c.platform(), contacts, policies);
        for (int i = 0; i < c.components().size(); i++) {
            checkComponent(
                    c.components().get(i),
                    "components[" + i + "]",
                    components,
                    contacts,
                    policies,
                    c.roles().keySet());
        }
        checkCycles(c);
        for (int i = 0; i < c.contacts().size(); i++) {
            checkContact(c.contacts().get(i), "contacts[" + i + "]", contacts);
        }
        c.roles().forEach((role, members) -> {
            for (int i = 0; i < members.size(); i++) {
                if (!contacts.contains(members.get(i))) {
                    problem("roles." + role + "[" + i + "]", "unknown contact '" + members.get(i) + "'");
                }
            }
        });
        for (int i = 0; i < c.rosters().size(); i++) {
            checkRoster(c.rosters().get(i), "rosters[" + i + "]", contacts);
        }
        for (int i = 0; i < c.escalationPolicies().size(); i++) {
            checkPolicy(
                    c.escalationPolicies().get(i),
                    "escalationPolicies[" + i + "]",
                    contacts,
                    rosters,
                    c.roles().keySet());
        }
        for (int i = 0; i < c.downstream().size(); i++) {
            Downstream d = c.downstream().get(i);
            String at = "downstream[" + i + "]";
            required(d.id(), at + ".id");
            for (int j = 0; j < d.components().size(); j++) {
                if (!components.contains(d.components().get(j))) {
                    problem(
                            at + ".components[" + j + "]",
                            "unknown component '" + d.components().get(j) + "'");
                }
            }
            reference(d.contact(), at + ".contact", contacts, "contact");
        }
    }

    private void checkPlatform(Platform p, Set<String> contacts, Set<String> policies) {
        if (p == null) {
            problem("platform", "the platform section is missing (id, primaryRegion, secondaryRegion, strategy, rto)");
            return;
        }
        required(p.id(), "platform.id");
        if (p.primaryRegion() == null || p.primaryRegion().isBlank()) {
            problem("platform", "missing primaryRegion: the region the platform runs in normally");
        } else {
            region(p.primaryRegion(), "platform.primaryRegion");
        }
        if (p.secondaryRegion() == null || p.secondaryRegion().isBlank()) {
            problem("platform", "missing secondaryRegion: the region to fail over to");
        } else {
            region(p.secondaryRegion(), "platform.secondaryRegion");
            if (p.primaryRegion() != null
                    && Regions.canonical(p.primaryRegion()).equals(Regions.canonical(p.secondaryRegion()))) {
                problem("platform.secondaryRegion", "the secondary region must differ from the primary region");
            }
        }
        if (p.strategy() == null) {
            problem("platform", "missing strategy: one of redeploy, warm-spare, hot-spare");
        } else {
            parse("platform.strategy", () -> Strategy.of(p.strategy()));
        }
        if (p.rto() == null) {
            problem("platform", "missing rto: the recovery time objective, like 8h");
        } else {
            positiveDuration(p.rto(), "platform.rto");
        }
        if (p.rpo() != null) {
            positiveDuration(p.rpo(), "platform.rpo");
        }
        if (p.drillInterval() != null) {
            positiveDuration(p.drillInterval(), "platform.drillInterval");
        }
        if (p.workingHours() != null) {
            parse("platform.workingHours", () -> WorkingHours.parse(p.workingHours()));
        }
        reference(p.drLead(), "platform.drLead", contacts, "contact");
        reference(p.escalationPolicy(), "platform.escalationPolicy", policies, "escalation policy");
    }

    private void checkComponent(
            Component c,
            String at,
            Set<String> components,
            Set<String> contacts,
            Set<String> policies,
            Set<String> roles) {
        required(c.id(), at + ".id");
        required(c.service(), at + ".service");
        if (c.layer() == null) {
            problem(at, "missing layer: one of " + String.join(", ", Component.LAYERS));
        } else if (!Component.LAYERS.contains(c.layer())) {
            problem(at + ".layer", "'" + c.layer() + "' is not one of " + String.join(", ", Component.LAYERS));
        }
        if (c.stage() != null && !Component.STAGES.contains(c.stage())) {
            problem(at + ".stage", "'" + c.stage() + "' is not one of " + String.join(", ", Component.STAGES));
        }
        if (c.freshness() != null) {
            positiveDuration(c.freshness(), at + ".freshness");
        }
        if (c.priority() != null && (c.priority() < 1 || c.priority() > 5)) {
            problem(at + ".priority", "priority must be 1 (most important) to 5, not " + c.priority());
        }
        for (int i = 0; i < c.regions().size(); i++) {
            region(c.regions().get(i), at + ".regions[" + i + "]");
        }
        for (int i = 0; i < c.dependsOn().size(); i++) {
            String dep = c.dependsOn().get(i);
            if (!components.contains(dep)) {
                problem(at + ".dependsOn[" + i + "]", "unknown dependency '" + dep + "': no component has this id");
            } else if (dep.equals(c.id())) {
                problem(at + ".dependsOn[" + i + "]", "a component cannot depend on itself");
            }
        }
        reference(c.owner(), at + ".owner", contacts, "contact");
        reference(c.escalationPolicy(), at + ".escalationPolicy", policies, "escalation policy");
        for (int i = 0; i < c.recovery().size(); i++) {
            RecoveryStep s = c.recovery().get(i);
            String sat = at + ".recovery[" + i + "]";
            required(s.name(), sat + ".name");
            if (s.expected() == null) {
                problem(sat, "missing expected: the expected time of the step, like 20m");
            } else {
                positiveDuration(s.expected(), sat + ".expected");
            }
            if (s.contingency() != null) {
                duration(s.contingency(), sat + ".contingency");
            }
            reference(s.escalation(), sat + ".escalation", contacts, "contact");
            if (s.action() != null) {
                checkAction(s.action(), sat + ".action", roles);
            }
        }
    }

    private static final String NAME = "[A-Za-z0-9_.-]+";
    private static final String SECRET_REF = "[A-Za-z_][A-Za-z0-9_.-]*";

    /**
     * An automated step's action: a known kind with the fields that kind needs, secrets by reference only, URLs that
     * carry no credential, an approver role that exists.
     */
    private void checkAction(StepAction a, String at, Set<String> roles) {
        if (a.kind() == null) {
            problem(at, "missing kind: one of " + String.join(", ", StepAction.KINDS));
            return;
        }
        switch (a.kind()) {
            case StepAction.WEBHOOK -> {
                actionUrl(a.url(), at + ".url", true);
                secretRef(a.secretRef(), at + ".secretRef", "the HMAC secret that signs the call");
            }
            case StepAction.AZURE_AUTOMATION -> {
                if (a.url() != null) {
                    problem(
                            at + ".url",
                            "a runbook webhook URL carries its token: name it by urlRef, never in the catalog");
                }
                secretRef(a.urlRef(), at + ".urlRef", "the runbook webhook URL");
            }
            case StepAction.GITHUB_WORKFLOW -> {
                name(a.owner(), at + ".owner", NAME, "a GitHub owner like contoso");
                name(a.repo(), at + ".repo", NAME, "a repository name like dr-runbooks");
                name(
                        a.workflow(),
                        at + ".workflow",
                        "[A-Za-z0-9_.-]+\\.ya?ml|\\d+",
                        "a workflow file like recover.yml, or its id");
                name(a.ref(), at + ".ref", "[A-Za-z0-9_./-]+", "a branch or tag like main");
                secretRef(a.tokenRef(), at + ".tokenRef", "the token that may dispatch the workflow");
                if (a.apiUrl() != null) {
                    actionUrl(a.apiUrl(), at + ".apiUrl", false);
                }
            }
            case StepAction.AZURE_DEVOPS_PIPELINE -> {
                name(a.organization(), at + ".organization", NAME, "an Azure DevOps organization like contoso");
                name(a.project(), at + ".project", "[^/?#]+", "a project name");
                name(a.pipelineId(), at + ".pipelineId", "\\d+", "the pipeline's numeric id");
                secretRef(a.tokenRef(), at + ".tokenRef", "the personal access token that may run the pipeline");
                if (a.apiUrl() != null) {
                    actionUrl(a.apiUrl(), at + ".apiUrl", false);
                }
            }
            default -> problem(at + ".kind", "'" + a.kind() + "' is not one of " + String.join(", ", StepAction.KINDS));
        }
        if (a.timeout() != null) {
            positiveDuration(a.timeout(), at + ".timeout");
        }
        if (a.approval() != null && !a.approvalRequired()) {
            problem(
                    at + ".approval",
                    "'" + a.approval() + "' is not '" + StepAction.APPROVAL_REQUIRED
                            + "': leave approval out for a step that runs by itself");
        }
        if (a.approvalRequired() && a.approver() == null) {
            problem(at, "approval is required but no approver: name the role (under roles) whose members approve");
        } else if (a.approver() != null && !roles.contains(a.approver())) {
            problem(at + ".approver", "unknown role '" + a.approver() + "': not defined under roles");
        }
    }

    private void actionUrl(String url, String at, boolean required) {
        if (url == null || url.isBlank()) {
            if (required) {
                required(url, at);
            }
            return;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            problem(at, "'" + url + "' is not a URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            problem(at, "'" + url + "' is not an http(s) URL with a host");
        } else if (uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                        && uri.getRawQuery()
                                .toLowerCase(Locale.ROOT)
                                .matches("(.*[&])?(token|sig|key|secret|code|password)=.*")) {
            problem(at, "the URL carries a credential: keep it out of the catalog and name it by reference");
        }
    }

    private void secretRef(String ref, String at, String what) {
        if (ref == null || ref.isBlank()) {
            int dot = at.lastIndexOf('.');
            problem(
                    at.substring(0, Math.max(dot, 0)),
                    "missing " + at.substring(dot + 1) + ": the reference of " + what);
        } else if (!ref.matches(SECRET_REF)) {
            problem(
                    at,
                    "'" + ref + "' is not a secret reference (an environment or configuration name like "
                            + "CONTOSO_RUNBOOK_URL), never the secret itself");
        }
    }

    private void name(String value, String at, String pattern, String expected) {
        if (value == null || value.isBlank()) {
            required(value, at);
        } else if (!value.matches(pattern)) {
            problem(at, "'" + value + "' is not " + expected);
        }
    }

    /** Reports each dependency cycle once, at the dependsOn entry that closes it. */
    private void checkCycles(Catalog c) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < c.components().size(); i++) {
            index.putIfAbsent(c.components().get(i).id(), i);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        Set<Set<String>> reported = new HashSet<>();
        for (Component comp : c.components()) {
            visit(c, comp.id(), index, state, new LinkedHashMap<>(), reported);
        }
    }

    /**
     * Depth-first from {@code start}, with its own stack rather than the thread's: a catalog of thousands of components
     * in one dependency chain must not overflow it.
     */
    private void visit(
            Catalog c,
            String start,
            Map<String, Integer> index,
            Map<String, Integer> state,
            LinkedHashMap<String, Boolean> stack,
            Set<Set<String>> reported) {
        if (!unvisited(start, index, state)) {
            return;
        }
        Deque<int[]> frames = new ArrayDeque<>(); // {component index, next dependsOn entry}
        enter(start, index, state, stack, frames);
        while (!frames.isEmpty()) {
            int[] frame = frames.peek();
            Component comp = c.components().get(frame[0]);
            String id = comp.id();
            if (frame[1] == comp.dependsOn().size()) {
                frames.pop();
                stack.remove(id);
                state.put(id, 2);
                continue;
            }
            int i = frame[1]++;
            String dep = comp.dependsOn().get(i);
            if (dep.equals(id)) {
                continue; // reported as self-dependency
            }
            if (stack.containsKey(dep)) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String s : stack.keySet()) {
                    in |= s.equals(dep);
                    if (in) {
                        cycle.add(s);
                    }
                }
                if (reported.add(new HashSet<>(cycle))) {
                    cycle.add(dep);
                    problem(
                            "components[" + index.get(id) + "].dependsOn[" + i + "]",
                            "dependency cycle: " + String.join(" → ", cycle));
                }
            } else if (unvisited(dep, index, state)) {
                enter(dep, index, state, stack, frames);
            }
        }
    }

    private static boolean unvisited(String id, Map<String, Integer> index, Map<String, Integer> state) {
        return id != null && index.containsKey(id) && !Integer.valueOf(2).equals(state.get(id));
    }

    private static void enter(
            String id,
            Map<String, Integer> index,
            Map<String, Integer> state,
            LinkedHashMap<String, Boolean> stack,
            Deque<int[]> frames) {
        state.put(id, 1);
        stack.put(id, true);
        frames.push(new int[] {index.get(id), 0});
    }

    private void checkContact(Contact c, String at, Set<String> contacts) {
        required(c.id(), at + ".id");
        if (c.timeZone() != null) {
            zone(c.timeZone(), at + ".timeZone");
        }
        if (c.workingHours() != null) {
            parse(at + ".workingHours", () -> WorkingHours.parse(c.workingHours()));
        }
        if (c.channels().isEmpty()) {
            problem(
                    at,
                    "no channels: a contact must be reachable on at least one of "
                            + String.join(", ", ContactChannel.TYPES));
        }
        for (int i = 0; i < c.channels().size(); i++) {
            ContactChannel ch = c.channels().get(i);
            String cat = at + ".channels[" + i + "]";
            if (ch.type() == null || !ContactChannel.TYPES.contains(ch.type())) {
                problem(cat + ".type", "'" + ch.type() + "' is not one of " + String.join(", ", ContactChannel.TYPES));
            } else if (ch.addressRef() != null) {
                checkAddressRef(ch, cat);
            } else if (ch.address() == null || ch.address().isBlank()) {
                problem(
                        cat,
                        "missing address: "
                                + (ch.type().equals("email")
                                        ? "an email address"
                                        : "a webhook URL"
                                                + " (address), or the name of the setting that holds it (addressRef)"));
            } else if (ch.type().equals("email") && !ch.address().matches("[^@\\s]+@[^@\\s]+")) {
                problem(cat + ".address", "'" + ch.address() + "' is not an email address");
            } else if (!ch.type().equals("email") && !ch.address().matches("https?://\\S+")) {
                problem(cat + ".address", "'" + ch.address() + "' is not an http(s) URL");
            } else if (!ch.type().equals("email")) {
                ChannelAddresses.secretInClear(ch.address()).ifPresent(why -> problem(cat + ".address", why));
            }
            if (ch.secretRef() != null) {
                settingName(ch.secretRef(), cat + ".secretRef");
                if (!"webhook".equals(ch.type())) {
                    problem(
                            cat + ".secretRef",
                            "only a webhook channel is signed; a " + ch.type() + " channel has no secretRef");
                }
            }
        }
        if (c.backup() != null) {
            reference(c.backup(), at + ".backup", contacts, "contact");
            if (c.backup().equals(c.id())) {
                problem(at + ".backup", "a contact cannot be their own backup");
            }
        }
        for (int i = 0; i < c.leave().size(); i++) {
            Leave l = c.leave().get(i);
            String lat = at + ".leave[" + i + "]";
            LocalDate from = date(l.from(), lat + ".from");
            LocalDate to = date(l.to(), lat + ".to");
            if (from != null && to != null && to.isBefore(from)) {
                problem(lat, "leave ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    private void checkAddressRef(ContactChannel ch, String at) {
        if (ch.type().equals("email")) {
            problem(at + ".addressRef", "an email address is not a secret: give it in address");
        } else if (ch.address() != null) {
            problem(at, "both address and addressRef: give the URL in one of them");
        }
        settingName(ch.addressRef(), at + ".addressRef");
    }

    /** A setting a channel names must be an environment-variable name: what Kubernetes and Compose give. */
    private void settingName(String name, String at) {
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            problem(
                    at,
                    "'" + name + "' is not the name of an environment variable (A-Z, then A-Z, 0-9, _), like"
                            + " STORMWATCH_WEBHOOK_SECRET");
        }
    }

    private void checkRoster(Roster r, String at, Set<String> contacts) {
        required(r.id(), at + ".id");
        zone(r.timeZone(), at + ".timeZone");
        parse(
                at + ".handoff",
                () -> LocalTime.parse(r.handoff() == null ? "" : r.handoff()),
                "a local time like 09:00");
        positiveDuration(r.rotation(), at + ".rotation");
        date(r.start(), at + ".start");
        if (r.members().isEmpty()) {
            problem(at, "a roster needs at least one member");
        }
        for (int i = 0; i < r.members().size(); i++) {
            reference(r.members().get(i), at + ".members[" + i + "]", contacts, "contact");
        }
        for (int i = 0; i < r.overrides().size(); i++) {
            RosterOverride o = r.overrides().get(i);
            String oat = at + ".overrides[" + i + "]";
            parse(oat + ".from", () -> LocalDateTime.parse(o.from()), "a local date-time like 2026-12-24T18:00");
            parse(oat + ".to", () -> LocalDateTime.parse(o.to()), "a local date-time like 2026-12-27T09:00");
            reference(o.contact(), oat + ".contact", contacts, "contact");
        }
    }

    private void checkPolicy(
            EscalationPolicy p, String at, Set<String> contacts, Set<String> rosters, Set<String> roles) {
        required(p.id(), at + ".id");
        if (p.levels().isEmpty()) {
            problem(at, "an escalation policy needs at least one level");
        }
        if (p.repeat() != null && p.repeat() < 0) {
            problem(at + ".repeat", "repeat cannot be negative");
        }
        for (int i = 0; i < p.levels().size(); i++) {
            EscalationLevel l = p.levels().get(i);
            String lat = at + ".levels[" + i + "]";
            positiveDuration(l.after(), lat + ".after");
            if (l.targets().isEmpty()) {
                problem(lat, "a level must notify someone (contact:<id>, role:<name> or roster:<id>)");
            }
            for (int j = 0; j < l.targets().size(); j++) {
                String t = l.targets().get(j);
                String tat = lat + ".notify[" + j + "]";
                int colon = t.indexOf(':');
                String kind = colon < 0 ? "" : t.substring(0, colon);
                String id = colon < 0 ? t : t.substring(colon + 1);
                switch (kind) {
                    case "contact" -> reference(id, tat, contacts, "contact");
                    case "roster" -> reference(id, tat, rosters, "roster");
                    case "role" -> {
                        if (!roles.contains(id)) {
                            problem(tat, "unknown role '" + id + "': not defined under roles");
                        }
                    }
                    default -> problem(tat, "'" + t + "' must be contact:<id>, role:<name> or roster:<id>");
                }
            }
        }
    }

    private Set<String> ids(List<String> ids, String section) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null && !seen.add(id)) {
                problem(section + "[" + i + "].id", "duplicate id '" + id + "'");
            }
        }
        return seen;
    }

    private void required(String value, String at) {
        if (value == null || value.isBlank()) {
            int dot = at.lastIndexOf('.');
            problem(at.substring(0, Math.max(dot, 0)), "missing " + at.substring(dot + 1));
        }
    }

    private void reference(String id, String at, Set<String> known, String what) {
        if (id != null && !known.contains(id)) {
            problem(at, "unknown " + what + " '" + id + "'");
        }
    }

    private void region(String name, String at) {
        String canonical = Regions.canonical(name);
        if (canonical == null || !Regions.isKnown(canonical)) {
            problem(at, "'" + name + "' is not an Azure region (like westeurope or \"Australia East\")");
        }
    }

    private void zone(String zone, String at) {
        parse(at, () -> ZoneId.of(zone == null ? "" : zone), "an IANA time zone like Europe/London");
    }

    private LocalDate date(String text, String at) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeException e) {
            problem(at, "'" + text + "' is not a date like 2026-12-24");
            return null;
        }
    }

    private void duration(String text, String at) {
        parse(at, () -> DurationText.parse(text));
    }

    private void positiveDuration(String text, String at) {
        try {
            Duration d = DurationText.parse(text);
            if (d.isZero() || d.isNegative()) {
                problem(at, "must be longer than zero");
            }
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
        }
    }

    private void parse(String at, Supplier<?> parser) {
        try {
            parser.get();
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
        }
    }

    private void parse(String at, Supplier<?> parser, String expected) {
        try {
            parser.get();
        } catch (RuntimeException e) {
            problem(at, "not " + expected);
        }
    }

    private void problem(String path, String message) {
        Integer line = lines.get(path);
        for (String p = path; line == null && !p.isEmpty(); ) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
            line = lines.get(p);
        }
        problems.add(new CatalogProblem(file, line == null ? 0 : line, path, message));
    }
}
