package dev.stormwatch.notifier.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a catalog may make the notifier call. A catalog is data that people edit; without this, a webhook
 * "channel" could point the notifier at the cloud metadata endpoint or an internal admin API (server-side request
 * forgery). Internal addresses (loopback, private, link-local, carrier-grade NAT, unique-local, multicast, any-local)
 * are refused unless the configuration allows them by host name or CIDR; public addresses are allowed unless
 * {@code allowPublic} is off, in which case only the allow-list is.
 * <p>
 * Every address a host name resolves to must pass, so a public name pointing at 10.0.0.5 is refused too.
 */
public final class DestinationPolicy {

    private final List<Cidr> cidrs = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();
    private final boolean allowPublic;
    private final Resolver resolver;

    /** Name resolution, replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The decision on one URL. {@code retryable} when it could not be decided now (name not resolvable). */
    public record Verdict(boolean allowed, boolean retryable, String reason) {
        static Verdict allow() {
            return new Verdict(true, false, null);
        }
    }

    public DestinationPolicy(List<String> allowed, boolean allowPublic) {
        this(allowed, allowPublic, InetAddress::getAllByName);
    }

    public DestinationPolicy(List<String> allowed, boolean allowPublic, Resolver resolver) {
        for (String entry : allowed) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Optional<Cidr> cidr = Cidr.parse(e);
            if (cidr.isPresent()) {
                cidrs.add(cidr.get());
            } else {
                hosts.add(e);
            }
        }
        this.allowPublic = allowPublic;
        this.resolver = resolver;
    }

    /** The check before a call: the URL must be http(s) and every address of its host allowed. */
    public Verdict check(String url) {
        return check(url, false);
    }

    private Verdict check(String url, boolean literalOnly) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, false, "'" + Redaction.target("webhook", url) + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Verdict(false, false, "only http and https destinations are called, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new Verdict(false, false, "the URL has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (hostAllowed(host)) {
            return Verdict.allow();
        }
        InetAddress[] addresses;
        try {
            if (host.equals("localhost") || host.endsWith(".localhost")) {
                addresses = new InetAddress[] {InetAddress.getLoopbackAddress()};
            } else if (literalOnly && !host.matches("[0-9.]+") && !host.contains(":")) {
                return new Verdict(false, true, host + " is checked when it is called");
            } else {
                addresses = resolver.resolve(host);
            }
        } catch (UnknownHostException e) {
            return new Verdict(false, true, "cannot resolve " + host);
        }
        for (InetAddress a : addresses) {
            if (cidrs.stream().anyMatch(c -> c.contains(a))) {
                continue;
            }
            if (internal(a)) {
                return new Verdict(false, false, host + " resolves to internal address " + a.getHostAddress()
                        + ", which stormwatch.notifier.destinations.allow does not allow");
            }
            if (!allowPublic) {
                return new Verdict(false, false, host + " (" + a.getHostAddress()
                        + ") is not in stormwatch.notifier.destinations.allow and public destinations are off");
            }
        }
        return Verdict.allow();
    }

    /**
     * The check when a catalog arrives, without name lookups (it runs on the stream thread, and a lookup can take
     * seconds): IP literals and {@code localhost} are judged now; other names before each call.
     */
    public Optional<String> refusal(String url) {
        Verdict v = check(url, true);
        return v.allowed() || v.retryable() ? Optional.empty() : Optional.of(v.reason());
    }

    private boolean hostAllowed(String host) {
        for (String h : hosts) {
            if (h.equals(host) || (h.startsWith("*.") && host.endsWith(h.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0); // IETF protocol assignments
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique-local fc00::/7
    }

    /** An address block: {@code 10.0.0.0/8}, {@code ::1/128}, or one address. */
    record Cidr(byte[] network, int bits) {

        static Optional<Cidr> parse(String text) {
            String addr = text;
            int bits = -1;
            int slash = text.indexOf('/');
            if (slash >= 0) {
                addr = text.substring(0, slash);
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (!addr.matches("[0-9.]+") && !addr.contains(":")) {
                return Optional.empty(); // a host name
            }
            try {
                byte[] net = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
                int max = net.length * 8;
                return Optional.of(new Cidr(net, bits < 0 ? max : Math.min(bits, max)));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        boolean contains(InetAddress a) {
            byte[] x = a.getAddress();
            if (x.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (x[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (x[full] & mask) == (network[full] & mask);
        }
    }
}
