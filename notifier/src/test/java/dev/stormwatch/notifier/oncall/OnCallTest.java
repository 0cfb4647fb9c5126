package dev.stormwatch.notifier.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is on call at an instant, across daylight-saving changes, overrides and leave (catalogs/oncall.yaml). */
class OnCallTest {

    static Catalog catalog;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OnCallTest.class.getResourceAsStream("/catalogs/oncall.yaml")) {
            catalog = CatalogLoader.parse("oncall.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static String onCall(String roster, String instant) {
        return OnCall.rosterOnCall(catalog, roster, Instant.parse(instant))
                .orElseThrow()
                .contactId();
    }

    static List<String> paged(String target, String instant) {
        return OnCall.resolve(catalog, target, Instant.parse(instant)).stream()
                .map(Recipient::contactId)
                .toList();
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource({
        // Sydney, DST ends Sunday 2026-04-05 (03:00 AEDT → 02:00 AEST). Hand-off Monday 06 09:00 AEST = 23:00Z.
        "sydney-weekly, 2026-03-29T21:59:59Z, jordan", // Monday 30 March 08:59:59 AEDT: previous week
        "sydney-weekly, 2026-03-29T22:00:00Z, alex", // Monday 30 March 09:00 AEDT
        "sydney-weekly, 2026-04-05T22:00:00Z, alex", // 08:00 AEST: a naive UTC hand-off would already be sam
        "sydney-weekly, 2026-04-05T22:59:59Z, alex",
        "sydney-weekly, 2026-04-05T23:00:00Z, sam", // Monday 6 April 09:00 AEST
        // Sydney, DST starts Sunday 2026-10-04 (02:00 AEST → 03:00 AEDT). Hand-off Monday 05 09:00 AEDT = 22:00Z.
        "sydney-weekly, 2026-09-27T22:59:59Z, sam",
        "sydney-weekly, 2026-09-27T23:00:00Z, jordan", // Monday 28 September 09:00 AEST
        "sydney-weekly, 2026-10-04T21:59:59Z, jordan",
        "sydney-weekly, 2026-10-04T22:00:00Z, alex", // Monday 5 October 09:00 AEDT, an hour earlier in UTC
        // London, BST starts Sunday 2026-03-29 01:00 GMT; hand-off 09:00 BST = 08:00Z.
        "london-daily, 2026-03-28T08:59:59Z, casey",
        "london-daily, 2026-03-28T09:00:00Z, drew",
        "london-daily, 2026-03-29T07:59:59Z, drew",
        "london-daily, 2026-03-29T08:00:00Z, casey",
        // London, BST ends Sunday 2026-10-25 02:00 BST; hand-off 09:00 GMT = 09:00Z.
        "london-daily, 2026-10-24T07:59:59Z, casey",
        "london-daily, 2026-10-24T08:00:00Z, drew",
        "london-daily, 2026-10-25T08:59:59Z, drew",
        "london-daily, 2026-10-25T09:00:00Z, casey",
        // Hand-off at 02:30 in Sydney: on 2026-10-04 02:30 does not exist, the hand-off moves to 03:30 AEDT.
        "sydney-gap, 2026-10-02T16:29:59Z, drew",
        "sydney-gap, 2026-10-02T16:30:00Z, casey", // Saturday 3 October 02:30 AEST
        "sydney-gap, 2026-10-03T16:29:59Z, casey",
        "sydney-gap, 2026-10-03T16:30:00Z, drew", // Sunday 4 October 03:30 AEDT (02:30 skipped)
        "sydney-gap, 2026-10-04T15:29:59Z, drew",
        "sydney-gap, 2026-10-04T15:30:00Z, casey", // Monday 5 October 02:30 AEDT: drew's shift was 23 h
        // On 2026-04-05 02:30 happens twice; the hand-off takes the first (AEDT), so drew's shift lasts 25 h.
        "sydney-gap, 2026-04-04T15:29:59Z, casey",
        "sydney-gap, 2026-04-04T15:30:00Z, drew", // Sunday 5 April 02:30 AEDT
        "sydney-gap, 2026-04-05T16:29:59Z, drew",
        "sydney-gap, 2026-04-05T16:30:00Z, casey", // Monday 6 April 02:30 AEST
    })
    void rotationHandsOffAtLocalTimeAcrossDaylightSaving(String roster, String instant, String expected) {
        assertEquals(expected, onCall(roster, instant));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "2026-12-24T06:59:59Z, jordan", // 24 Dec 17:59:59 AEDT: rotation (jordan's week from Monday 21)
        "2026-12-24T07:00:00Z, sam", // 24 Dec 18:00 AEDT: override starts
        "2026-12-26T21:59:59Z, sam",
        "2026-12-26T22:00:00Z, jordan", // 27 Dec 09:00 AEDT: override ends, back to the rotation
        "2026-12-27T22:00:00Z, alex", // 28 Dec 09:00 AEDT: next weekly hand-off
    })
    void overrideWinsOverTheRotationForItsWindow(String instant, String expected) {
        assertEquals(expected, onCall("sydney-weekly", instant));
    }

    @Test
    void overrideIsReportedAsSuch() {
        RosterSchedule.Shift shift = OnCall.rosterOnCall(
                        catalog, "sydney-weekly", Instant.parse("2026-12-25T00:00:00Z"))
                .orElseThrow();
        assertTrue(shift.overridden());
        assertEquals(Instant.parse("2026-12-24T07:00:00Z"), shift.from());
        assertEquals(Instant.parse("2026-12-26T22:00:00Z"), shift.to());
    }

    @ParameterizedTest(name = "role:dr-lead at {0} → {1}")
    @CsvSource({
        "2026-12-21T12:59:59Z, priya", // 21 Dec 23:59:59 AEDT: the day before priya's leave
        "2026-12-21T13:00:00Z, tom", // 22 Dec 00:00 AEDT: priya on leave, her backup tom
        "2026-12-31T12:59:59Z, tom", // 31 Dec 23:59:59: tom's own leave starts 1 January
        "2027-01-02T12:59:59Z, priya", // both on leave, tom has no backup: priya paged despite leave
        "2027-01-02T13:00:00Z, priya", // 3 Jan 00:00 AEDT: priya back
    })
    void leaveHandsToTheBackupInTheContactsZone(String instant, String expected) {
        assertEquals(List.of(expected), paged("role:dr-lead", instant));
    }

    @Test
    void nobodyToCoverIsPagedAnywayAndFlagged() {
        Recipient r = OnCall.resolve(catalog, "role:dr-lead", Instant.parse("2027-01-01T06:00:00Z"))
                .get(0);
        assertEquals("priya", r.contactId());
        assertTrue(r.uncovered());
        assertEquals(
                List.of(
                        "role:dr-lead → priya",
                        "priya on leave 2026-12-22 to 2027-01-02",
                        "backup tom",
                        "tom on leave 2027-01-01 to 2027-01-10",
                        "no backup available: paging priya despite leave"),
                r.path());
    }

    @Test
    void rosterOnCallOnLeaveGoesToTheirBackupOnlyForTheLeaveDays() {
        // alex's week is 13 July 09:00 AEST (12 July 23:00Z) to 20 July 09:00; his leave is 13–19 July (Sydney).
        assertEquals(List.of("sam"), paged("roster:sydney-weekly", "2026-07-12T23:00:00Z"));
        assertEquals(List.of("sam"), paged("roster:sydney-weekly", "2026-07-19T13:59:59Z"));
        assertEquals(List.of("alex"), paged("roster:sydney-weekly", "2026-07-19T14:00:00Z"));
    }

    @Test
    void backupChainIsFollowedTransitively() {
        // 20 August: alex and sam on leave, jordan (alex → sam → jordan) is not.
        Recipient r = OnCall.resolve(catalog, "contact:alex", Instant.parse("2026-08-20T00:00:00Z"))
                .get(0);
        assertEquals("jordan", r.contactId());
        assertFalse(r.uncovered());
        assertEquals(
                List.of(
                        "contact:alex → alex",
                        "alex on leave 2026-08-17 to 2026-08-23",
                        "backup sam",
                        "sam on leave 2026-08-17 to 2026-08-23",
                        "backup jordan"),
                r.path());
    }

    @Test
    void backupLoopEndsAndThePersonIsPagedDespiteLeave() {
        // 5 August: alex → sam → jordan → alex all on leave; the loop stops at alex.
        Recipient r = OnCall.resolve(catalog, "contact:alex", Instant.parse("2026-08-05T00:00:00Z"))
                .get(0);
        assertEquals("alex", r.contactId());
        assertTrue(r.uncovered());
        assertEquals(
                "backup chain loops back to alex: paging alex despite leave",
                r.path().get(r.path().size() - 1));
        // The same week as a roster: every member on leave, so nobody in the rotation is free either.
        assertEquals(List.of("alex"), paged("roster:sydney-weekly", "2026-08-05T00:00:00Z"));
    }

    @Test
    void rosterFallsToTheNextMemberWhenNobodyCoversTheOnCall() {
        // casey is on call until 14 September 09:00 BST and on leave that day, with no backup: drew, next in rotation.
        assertEquals(List.of("casey"), paged("roster:london-daily", "2026-09-13T22:59:59Z"));
        Recipient r = OnCall.resolve(catalog, "roster:london-daily", Instant.parse("2026-09-14T07:00:00Z"))
                .get(0);
        assertEquals("drew", r.contactId());
        assertFalse(r.uncovered());
        assertEquals("next in rotation: drew", r.path().get(r.path().size() - 1));
    }

    @Test
    void aLevelPagesEachPersonOnceInTargetOrder() {
        // role:approvers = priya, tom, alex; on 25 Dec priya is covered by tom, and the roster override is sam.
        List<Recipient> level = OnCall.resolveLevel(
                catalog,
                List.of("role:approvers", "roster:sydney-weekly", "contact:tom"),
                Instant.parse("2026-12-25T00:00:00Z"));
        assertEquals(
                List.of("tom", "alex", "sam"),
                level.stream().map(Recipient::contactId).toList());
        assertEquals("role:approvers", level.get(0).target());
        assertEquals("roster:sydney-weekly", level.get(2).target());
    }

    @Test
    void unknownTargetsResolveToNobody() {
        assertEquals(List.of(), paged("roster:nope", "2026-12-25T00:00:00Z"));
        assertEquals(List.of(), paged("role:nope", "2026-12-25T00:00:00Z"));
        assertEquals(List.of(), paged("nope", "2026-12-25T00:00:00Z"));
    }
}
