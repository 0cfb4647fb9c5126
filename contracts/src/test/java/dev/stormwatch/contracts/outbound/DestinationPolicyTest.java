package dev.stormwatch.contracts.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which URLs data may point a service at, with name resolution replaced by a fixed table. */
class DestinationPolicyTest {

    static final Map<String, String> DNS = Map.of(
            "hooks.slack.com", "34.226.36.7",
            "evil.example.com", "10.0.0.5",
            "rebind.example.com", "169.254.169.254",
            "intranet.corp", "10.20.30.40",
            "wireserver.example.com", "168.63.129.16",
            "cluster.example.com", "203.0.113.9");

    static DestinationPolicy policy(List<String> allow, boolean allowPublic) {
        return new DestinationPolicy(allow, allowPublic, host -> {
            String ip = DNS.get(host);
            if (ip == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        });
    }

    @ParameterizedTest(name = "{0} with allow [{1}], public {2} → {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://hooks.slack.com/services/T/B/X | | true | allowed",
                "https://hooks.slack.com/services/T/B/X | | false | refused",
                "https://hooks.slack.com/services/T/B/X | hooks.slack.com | false | allowed",
                "http://127.0.0.1:8090/inbox | | true | refused",
                "http://127.0.0.1:8090/inbox | 127.0.0.0/8 | true | allowed",
                "http://localhost:8090/inbox | | true | refused",
                "http://localhost:8090/inbox | 127.0.0.0/8 | true | allowed",
                "http://[::1]:8090/inbox | 127.0.0.0/8 | true | refused",
                "http://[::1]:8090/inbox | ::1 | true | allowed",
                "http://169.254.169.254/latest/meta-data | | true | refused",
                "http://10.0.0.5/admin | | true | refused",
                "http://10.0.0.5/admin | 10.0.0.0/24 | true | allowed",
                "http://10.0.1.5/admin | 10.0.0.0/24 | true | refused",
                "http://172.16.4.4/ | | true | refused",
                "http://192.168.1.1/ | | true | refused",
                "http://100.64.0.1/ | | true | refused",
                "http://0.0.0.0/ | | true | refused",
                "http://[fd00::1]/ | | true | refused",
                "https://evil.example.com/hook | | true | refused",
                "https://rebind.example.com/hook | | true | refused",
                "https://intranet.corp/hook | *.corp | true | allowed",
                "file:///etc/passwd | | true | refused",
                "gopher://127.0.0.1/ | 127.0.0.0/8 | true | refused",
                // IPv6 forms that carry an internal IPv4 address
                "http://[::127.0.0.1]:8090/ | | true | refused",
                "http://[::10.0.0.5]/ | | true | refused",
                "http://[::34.226.36.7]/ | | true | refused",
                "http://[::ffff:127.0.0.1]:8090/ | | true | refused",
                "http://[::ffff:169.254.169.254]/ | | true | refused",
                "http://[64:ff9b::127.0.0.1]/ | | true | refused",
                "http://[64:ff9b::a9fe:a9fe]/ | | true | refused",
                "http://[64:ff9b::10.1.2.3]/ | | true | refused",
                "http://[64:ff9b::34.226.36.7]/ | | true | allowed",
                "http://[64:ff9b:1::a00:5]/ | | true | refused",
                "http://[2002:a00:5::1]/ | | true | refused",
                "http://[2002:22e2:2407::1]/ | | true | allowed",
                "http://[fe80::1]/ | | true | refused",
                "http://[fec0::1]/ | | true | refused",
                "http://[::]/ | | true | refused",
                "http://[ff02::1]/ | | true | refused",
                "http://[2606:4700::1111]/ | | true | allowed",
                // cloud host endpoints: Azure WireServer and instance metadata
                "http://168.63.129.16/machine?comp=goalstate | | true | refused",
                "http://168.63.129.16/ | 168.63.129.16 | true | allowed",
                "http://169.254.169.254/metadata/instance | | true | refused",
                "http://wireserver.example.com/ | | true | refused",
                // other reserved IPv4 forms
                "http://255.255.255.255/ | | true | refused",
                "http://240.0.0.1/ | | true | refused",
                "http://2130706433/ | | true | refused",
                "http://0x7f.0.0.1/ | | true | refused",
            })
    void decides(String url, String allow, boolean allowPublic, String expected) {
        List<String> list = allow == null ? List.of() : List.of(allow.split(","));
        DestinationPolicy.Verdict v = policy(list, allowPublic).check(url);
        assertEquals(expected, v.allowed() ? "allowed" : "refused", String.valueOf(v.reason()));
    }

    @ParameterizedTest(name = "catalog check of {0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://127.0.0.1:8090/inbox | refused",
                "http://169.254.169.254/latest | refused",
                "http://localhost/inbox | refused",
                // names other than localhost are looked up before each call, not on the stream thread
                "https://evil.example.com/hook | not decided yet",
                "https://hooks.slack.com/services/T/B/X | not decided yet",
            })
    void theCatalogCheckJudgesLiteralsWithoutLookups(String url, String expected) {
        assertEquals(expected, policy(List.of(), true).refusal(url).isPresent() ? "refused" : "not decided yet");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://unknown.example/hook | cannot resolve unknown.example",
            })
    void anUnresolvableNameIsARetryableRefusal(String url, String reason) {
        DestinationPolicy.Verdict v = policy(List.of(), true).check(url);
        assertEquals(new DestinationPolicy.Verdict(false, true, reason, List.of()), v);
    }

    @ParameterizedTest(name = "{0} with internal [{1}] → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://cluster.example.com/hook | | allowed",
                "https://cluster.example.com/hook | 203.0.113.0/24 | refused",
                "http://203.0.113.77/ | 203.0.113.0/24 | refused",
                "http://198.51.100.1/ | 203.0.113.0/24 | allowed",
            })
    void configuredClusterBlocksAreInternal(String url, String internal, String expected) {
        List<String> blocks = internal == null ? List.of() : List.of(internal.split(","));
        DestinationPolicy p = new DestinationPolicy(
                List.of(),
                blocks,
                true,
                host -> DNS.containsKey(host)
                        ? new InetAddress[] {InetAddress.getByName(DNS.get(host))}
                        : new InetAddress[] {InetAddress.getByName(host)});
        assertEquals(expected, p.check(url).allowed() ? "allowed" : "refused");
    }

    @Test
    void anAllowedVerdictCarriesTheAddressesItChecked() throws Exception {
        DestinationPolicy.Verdict v = policy(List.of(), true).check("https://hooks.slack.com/services/T/B/X");
        assertEquals(List.of(InetAddress.getByName("34.226.36.7")), v.addresses());
        // without the name, so that connecting to it cannot look the name up again
        assertEquals("34.226.36.7", v.addresses().get(0).getHostName());
    }
}
