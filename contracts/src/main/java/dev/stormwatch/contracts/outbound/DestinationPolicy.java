package dev.stormwatch.contracts.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses Stormwatch may call on behalf of people who edit data: catalog channels (the notifier), subscription
 * webhooks (status-api), recovery-step actions. Without it such a URL could point a service at the cloud metadata
 * endpoint or an internal admin API (server-side request forgery). Internal addresses are refused unless the
 * configuration allows them by host name or CIDR: loopback, private, link-local (the instance metadata endpoint
 * 169.254.169.254), carrier-grade NAT, unique-local, multicast, any-local, reserved, the Azure WireServer
 * 168.63.129.16, the configured cluster blocks, and IPv6 forms that carry an internal IPv4 address (IPv4-compatible
 * {@code ::a.b.c.d}, IPv4-mapped, NAT64 {@code 64:ff9b::/96}, 6to4). Public addresses are allowed unless
 * {@code allowPublic} is off, in which case only the allow-list is.
 *
 * <p>A verdict that allows a URL carries the addresses it checked: callers connect to those, never resolve the name
 * again ({@link OutboundHttp} does so), so a name that changes its answer between check and call cannot lead past it.
 */
public final class DestinationPolicy {

    private static final byte[] WIRESERVER = {(byte) 168, 63, (byte) 129, 16};

    private final List<Cidr> allowedCidrs = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> internalCidrs = new ArrayList<>();
    private final boolean allowPublic;
    private final Resolver resolver;

    /** Name resolution, replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The decision on one URL: allowed with the addresses to connect to, or refused with the reason; {@code retryable}
     * when it could not be decided now (the name does not resolve).
     */
    public record Verdict(boolean allowed, boolean retryable, String reason, List<InetAddress> addresses) {

        public Verdict {
            addresses = List.copyOf(addresses);
        }

        static Verdict allow(List<InetAddress> addresses) {
            return new Verdict(true, false, null, addresses);
        }

        static Verdict refuse(String reason) {
            return new Verdict(false, false, reason, List.of());
        }

        static Verdict notYet(String reason) {
            return new Verdict(false, true, reason, List.of());
        }
    }

    public DestinationPolicy(List<String> allowed, boolean allowPublic) {
        this(allowed, List.of(), allowPublic, InetAddress::getAllByName);
    }

    public DestinationPolicy(List<String> allowed, boolean allowPublic, Resolver resolver) {
        this(allowed, List.of(), allowPublic, resolver);
    }

    /**
     * @param allowed hosts ({@code *.example.com} too) and CIDR blocks called even though they are internal
     * @param internal further CIDR blocks counted as internal, such as a cluster's pod and service ranges
     * @param allowPublic whether public addresses outside the allow-list are called
     */
    public DestinationPolicy(List<String> allowed, List<String> internal, boolean allowPublic, Resolver resolver) {
        for (String entry : allowed) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Optional<Cidr> cidr = Cidr.parse(e);
            if (cidr.isPresent()) {
                allowedCidrs.add(cidr.get());
            } else {
                allowedHosts.add(e);
            }
        }
        for (String entry : internal) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                internalCidrs.add(Cidr.parse(e)
                        .orElseThrow(() -> new IllegalArgumentException("'" + e + "' is not a CIDR block")));
            }
        }
        this.allowPublic = allowPublic;
        this.resolver = resolver;
    }

    /** The check before a call: the URL must be http(s) and every address of its host allowed. */
    public Verdict check(String url) {
        try {
            return check(URI.create(url), false);
        } catch (IllegalArgumentException e) {
            return Verdict.refuse("'" + shown(url) + "' is not a URL");
        }
    }

    /** The check before a call: the URL must be http(s) and every address of its host allowed. */
    public Verdict check(URI url) {
        return check(url, false);
    }

    /**
     * The check when a URL is accepted (a catalog arriving, a subscription created), without name lookups, which can
     * take seconds: IP literals and {@code localhost} are judged now; other names before each call.
     */
    public Optional<String> refusal(String url) {
        Verdict v;
        try {
            v = check(URI.create(url), true);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + shown(url) + "' is not a URL");
        }
        return v.allowed() || v.retryable() ? Optional.empty() : Optional.of(v.reason());
    }

    private Verdict check(URI uri, boolean literalOnly) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Verdict.refuse("only http and https destinations are called, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Verdict.refuse("the URL has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            if (host.equals("localhost") || host.endsWith(".localhost")) {
                addresses = new InetAddress[] {InetAddress.getLoopbackAddress()};
            } else if (literal(host)) {
                addresses = new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, never looked up
            } else if (literalOnly) {
                return Verdict.notYet(host + " is checked when it is called");
            } else {
                addresses = resolver.resolve(host);
            }
        } catch (UnknownHostException e) {
            return Verdict.notYet("cannot resolve " + host);
        }
        List<InetAddress> bare = new ArrayList<>();
        for (InetAddress a : addresses) {
            try {
                // Without the name, so that nothing downstream can look it up again.
                bare.add(InetAddress.getByAddress(a.getAddress()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an address of " + a.getAddress().length + " bytes", e);
            }
        }
        if (bare.isEmpty()) {
            return Verdict.notYet("cannot resolve " + host);
        }
        if (hostAllowed(host)) {
            return Verdict.allow(bare);
        }
        for (InetAddress a : bare) {
            if (allowedCidrs.stream().anyMatch(c -> c.contains(a))) {
                continue;
            }
            if (internal(a) || internalCidrs.stream().anyMatch(c -> c.contains(a))) {
                return Verdict.refuse(host + " resolves to internal address " + a.getHostAddress()
                        + ", which the destination allow-list does not allow");
            }
            if (!allowPublic) {
                return Verdict.refuse(host + " (" + a.getHostAddress()
                        + ") is not in the destination allow-list and public destinations are off");
            }
        }
        return Verdict.allow(bare);
    }

    private static boolean literal(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private boolean hostAllowed(String host) {
        for (String h : allowedHosts) {
            if (h.equals(host) || (h.startsWith("*.") && host.endsWith(h.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code a} is an address no URL from data may reach without an allow-list entry. */
    public static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return internalIpv4(b);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // unique-local fc00::/7
        }
        if (zero(b, 0, 12)) {
            return true; // IPv4-compatible ::a.b.c.d: deprecated, carried by no public route
        }
        byte[] embedded = embeddedIpv4(b);
        return embedded != null && internalIpv4(embedded);
    }

    private static boolean internalIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0
                || first == 10
                || first == 127
                || first >= 224 // this network, private, loopback, multicast and reserved
                || (first == 169 && second == 254) // link-local, the instance metadata endpoint
                || (first == 172 && second >= 16 && second < 32)
                || (first == 192 && second == 168)
                || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || Arrays.equals(b, WIRESERVER); // Azure's host agent, reachable from every VM
    }

    /** The IPv4 address an IPv6 address carries: IPv4-mapped, NAT64 (well-known and local-use prefixes), 6to4. */
    private static byte[] embeddedIpv4(byte[] b) {
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (zero(b, 4, 12)) {
                return Arrays.copyOfRange(b, 12, 16); // 64:ff9b::/96
            }
            if (b[4] == 0 && b[5] == 1) {
                return new byte[] {0, 0, 0, 0}; // 64:ff9b:1::/48 is a network's own translator: internal
            }
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 6to4 2002:a.b.c.d::/48
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A URL as it may be shown: scheme, host and port; paths and queries can carry tokens. */
    static String shown(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/***";
        } catch (IllegalArgumentException e) {
            return "***";
        }
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
            if (!literal(addr)) {
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
