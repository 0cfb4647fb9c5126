package dev.stormwatch.contracts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    static final Path CONTOSO = Path.of(System.getProperty("stormwatch.repo.dir", ".."))
            .resolve("deploy/catalog/contoso-data-platform.yaml");

    @Test
    void contosoExampleLoadsAndMeetsItsRto() {
        Catalog catalog = CatalogLoader.load(CONTOSO);

        assertEquals("contoso-data-platform", catalog.platformId());
        assertEquals(11, catalog.components().size());
        assertEquals(Strategy.WARM_SPARE, catalog.platform().strategyKind());
        RecoveryPlan plan = RecoveryPlan.of(catalog);
        // key-vault 30 → raw 90 → enriched 30 → curated 30 → databricks 60 → synapse 80 → analysis 45 → power-bi 20
        assertEquals(java.time.Duration.ofMinutes(385), plan.total());
        assertEquals(
                List.of(
                        "key-vault",
                        "adls-raw",
                        "adls-enriched",
                        "adls-curated",
                        "databricks",
                        "synapse",
                        "analysis-services",
                        "power-bi"),
                plan.criticalComponents());
        assertTrue(plan.meets(catalog.platform().rtoDuration()));
    }

    @Test
    void everyProblemIsListedWithPathAndLine() {
        String yaml = """
                platform:
                  id: broken
                  primaryRegion: Australia East
                  secondaryRegion: australiaeast
                  strategy: lukewarm-spare
                  rto: soon
                components:
                  - id: a
                    service: Storage
                    layer: store
                    dependsOn: [b]
                  - id: b
                    service: Key Vault
                    layer: foundation
                    dependsOn: [a, ghost]
                    owner: nobody
                    recovery:
                      - { name: restore, expected: 20 minutes }
                contacts:
                  - id: ann
                    timeZone: Mars/Olympus
                    channels:
                      - { type: pager, address: 555 }
                escalationPolicies:
                  - id: p
                    levels:
                      - after: 10m
                        notify: [contact:ann, role:captain]
                """;

        CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.parse("broken.yaml", yaml));

        assertEquals(
                List.of(
                        "broken.yaml:4: platform.secondaryRegion: the secondary region must differ from the primary "
                                + "region",
                        "broken.yaml:5: platform.strategy: 'lukewarm-spare' is not one of redeploy, warm-spare, "
                                + "hot-spare",
                        "broken.yaml:6: platform.rto: 'soon' is not a duration (like 20m, 1h30m, 2d or PT20M)",
                        "broken.yaml:15: components[1].dependsOn[1]: unknown dependency 'ghost': no component has "
                                + "this id",
                        "broken.yaml:16: components[1].owner: unknown contact 'nobody'",
                        "broken.yaml:18: components[1].recovery[0].expected: '20 minutes' is not a duration (like "
                                + "20m, 1h30m, 2d or PT20M)",
                        "broken.yaml:15: components[1].dependsOn[0]: dependency cycle: a → b → a",
                        "broken.yaml:21: contacts[0].timeZone: not an IANA time zone like Europe/London",
                        "broken.yaml:23: contacts[0].channels[0].type: 'pager' is not one of email, teams, slack, "
                                + "webhook",
                        "broken.yaml:28: escalationPolicies[0].levels[0].notify[1]: unknown role 'captain': not "
                                + "defined under roles"),
                e.problems().stream().map(CatalogProblem::toString).toList());
        assertTrue(e.getMessage().startsWith("catalog broken.yaml is invalid (10 problems):"), e.getMessage());
    }

    @Test
    void aChannelUrlCarryingASecretInClearAndSettingsThatAreNoEnvironmentVariableAreRefusedWithTheirLine() {
        String yaml = """
                platform:
                  id: p
                  primaryRegion: westeurope
                  secondaryRegion: northeurope
                  strategy: redeploy
                  rto: 4h
                contacts:
                  - id: ann
                    channels:
                      - { type: teams, address: "https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d" }
                      - { type: slack, address: "https://hooks.slack.com/services/T0/B0/secret" }
                      - { type: webhook, address: "https://fn.azurewebsites.net/api/page?code=abc",\
                 secretRef: STORMWATCH_WEBHOOK_SECRET }
                      - { type: webhook, address: "https://ops:hunter2@hooks.example.org/page",\
                 secretRef: stormwatch.notifier.ack.secret }
                      - { type: email, addressRef: STORMWATCH_WEBHOOK_MAIL }
                      - { type: slack, address: "https://hooks.example.org/x", addressRef: STORMWATCH_WEBHOOK_SLACK }
                      - { type: teams, addressRef: stormwatch.internal-token }
                      - { type: teams, address: "https://hooks.example.org/teams",\
                 secretRef: STORMWATCH_WEBHOOK_SECRET }
                  - id: bob
                    channels:
                      - { type: teams, addressRef: STORMWATCH_WEBHOOK_TEAMS_OPS }
                      - { type: webhook, addressRef: STORMWATCH_WEBHOOK_PAGER_URL,\
                 secretRef: STORMWATCH_WEBHOOK_PAGER_SECRET }
                      - { type: webhook, address: "https://hooks.example.org/page?team=dr",\
                 secretRef: STORMWATCH_WEBHOOK_SECRET }
                      - { type: slack, address: "http://127.0.0.1:8090/slack/local-inbox" }
                """;

        CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.parse("secrets.yaml", yaml));

        String move = ": anyone who can read the catalog could post with it. Put the URL in a setting whose name starts"
                + " with the notifier's channel-secret prefix (STORMWATCH_WEBHOOK_ unless configured) and name that "
                + "setting in addressRef instead of address";
        assertEquals(
                List.of(
                        "secrets.yaml:10: contacts[0].channels[0].address: this URL carries a secret in clear (a Teams"
                                + " incoming-webhook URL is itself the credential)" + move,
                        "secrets.yaml:11: contacts[0].channels[1].address: this URL carries a secret in clear (a Slack"
                                + " incoming-webhook URL is itself the credential)" + move,
                        "secrets.yaml:12: contacts[0].channels[2].address: this URL carries a secret in clear (the "
                                + "query parameter 'code')" + move,
                        "secrets.yaml:13: contacts[0].channels[3].address: this URL carries a secret in clear (a user "
                                + "and password)" + move,
                        "secrets.yaml:13: contacts[0].channels[3].secretRef: 'stormwatch.notifier.ack.secret' is not "
                                + "the name of an environment variable (A-Z, then A-Z, 0-9, _), like "
                                + "STORMWATCH_WEBHOOK_SECRET",
                        "secrets.yaml:14: contacts[0].channels[4].addressRef: an email address is not a secret: give "
                                + "it in address",
                        "secrets.yaml:15: contacts[0].channels[5]: both address and addressRef: give the URL in one "
                                + "of them",
                        "secrets.yaml:16: contacts[0].channels[6].addressRef: 'stormwatch.internal-token' is not the "
                                + "name of an environment variable (A-Z, then A-Z, 0-9, _), like "
                                + "STORMWATCH_WEBHOOK_SECRET",
                        "secrets.yaml:17: contacts[0].channels[7].secretRef: only a webhook channel is signed; a "
                                + "teams channel has no secretRef"),
                e.problems().stream().map(CatalogProblem::toString).toList());
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedWithTheirLine() {
        String yaml = """
                platform:
                  id: p
                  primaryRegion: westeurope
                  secondaryRegion: northeurope
                  strategy: redeploy
                  rto: 4h
                  rtoo: 5h
                components:
                  - id: a
                    service: Storage
                    layer: store
                    priority: high
                """;

        CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.parse("typo.yaml", yaml));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals(
                "typo.yaml:7: platform.rtoo: unknown field 'rtoo'",
                e.problems().get(0).toString());
        assertEquals(12, e.problems().get(1).line());
        assertEquals("components[0].priority", e.problems().get(1).path());
        assertTrue(
                e.problems().get(1).message().startsWith("wrong type"),
                e.problems().get(1).message());
    }

    @Test
    void missingFileAndBrokenYamlAreOneClearProblem() {
        CatalogException missing =
                assertThrows(CatalogException.class, () -> CatalogLoader.load(Path.of("no/such.yaml")));
        assertEquals("no/such.yaml: file not found", missing.problems().get(0).toString());

        CatalogException broken = assertThrows(
                CatalogException.class, () -> CatalogLoader.parse("bad.yaml", "platform:\n  id: [unclosed\n"));
        assertTrue(broken.problems().get(0).toString().startsWith("bad.yaml:3: not valid YAML"), broken.getMessage());
    }

    @Test
    void workingHoursOfPlatformAndContactsAreReadAndCheckedWithTheirLine() {
        String yaml = """
                platform:
                  id: p
                  primaryRegion: westeurope
                  secondaryRegion: northeurope
                  strategy: redeploy
                  rto: 4h
                  workingHours: Mon-Fri 08:00-18:00
                contacts:
                  - id: ann
                    timeZone: Australia/Sydney
                    workingHours: Sun-Thu 07:00-24:00
                    channels: [{ type: email, address: ann@example.com }]
                  - id: bob
                    channels: [{ type: email, address: bob@example.com }]
                """;
        Catalog ok = CatalogLoader.parse("hours.yaml", yaml);
        assertEquals("Mon-Fri 08:00-18:00", ok.platform().workingHours());
        assertEquals("Sun-Thu 07:00-24:00", ok.contacts().get(0).workingHours());
        assertEquals(null, ok.contacts().get(1).workingHours());

        String broken =
                yaml.replace("Mon-Fri 08:00-18:00", "weekdays").replace("Sun-Thu 07:00-24:00", "Mon-Fri 18:00-08:00");
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.parse("hours.yaml", broken));
        assertEquals(
                List.of(
                        "hours.yaml:7: platform.workingHours: 'weekdays' is not working hours like \"Mon-Fri "
                                + "08:00-18:00\", \"Mon,Wed 09:00-17:00\" or \"always\"",
                        "hours.yaml:11: contacts[0].workingHours: 'Mon-Fri 18:00-08:00': the working day must end "
                                + "after it starts (18:00 to 08:00)"),
                e.problems().stream().map(CatalogProblem::toString).toList());
    }
}
