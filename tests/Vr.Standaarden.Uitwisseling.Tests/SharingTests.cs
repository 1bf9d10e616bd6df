using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>The sharing policy: the whole matrix of TLP label × recipient kind × purpose × personal-data kind, and each other rule.</summary>
public sealed class SharingTests
{
    private const string Holder = "00000004000000042000";       // the regional meldkamer system that holds the message
    private const string HolderOrg = "00000001823288444000";    // its organisation (the safety region)
    private const string SameOrg = "00000004000000011111";
    private const string Client = "00000004000000022222";
    private const string Community = "00000004000000033333";
    private const string Outsider = "00000004000000044444";

    private static readonly string[] Kinds = ["eigen organisatie", "klant", "gemeenschap", "buitenstaander"];
    private static readonly string[][] PersonalDataKinds = [[], ["gewoon"], ["gewoon", "bijzonder"], ["gewoon", "bijzonder", "strafrechtelijk"]];
    private static readonly string[] Labels = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    private static string Register(string[] doelen, string[] persoonsgegevens, string rubricering = "geen") => new JsonObject
    {
        ["afnemers"] = new JsonArray(
            Entry(Holder, "Meldkamer", HolderOrg, [], ["VR15"], ["incidentbestrijding"], [], "geen"),
            Entry(SameOrg, "Eigen organisatie", HolderOrg, [], ["VR15"], doelen, persoonsgegevens, rubricering),
            Entry(Client, "Klant", null, [HolderOrg], [], doelen, persoonsgegevens, rubricering),
            Entry(Community, "Gemeenschap", null, [], ["VR15", "landelijk"], doelen, persoonsgegevens, rubricering),
            Entry(Outsider, "Buitenstaander", null, [], ["VR01"], doelen, persoonsgegevens, rubricering)),
    }.ToJsonString();

    private static JsonObject Entry(string oin, string naam, string? organisatie, string[] klantVan, string[] gemeenschappen, string[] doelen, string[] persoonsgegevens, string rubricering)
    {
        var entry = new JsonObject { ["oin"] = oin, ["naam"] = naam };
        if (organisatie is not null)
        {
            entry["organisatie"] = organisatie;
        }

        entry["klantVan"] = new JsonArray([.. klantVan.Select(k => (JsonNode)k)]);
        entry["gemeenschappen"] = new JsonArray([.. gemeenschappen.Select(k => (JsonNode)k)]);
        entry["doelen"] = new JsonArray([.. doelen.Select(k => (JsonNode)k)]);
        entry["persoonsgegevens"] = new JsonArray([.. persoonsgegevens.Select(k => (JsonNode)k)]);
        entry["rubricering"] = rubricering;
        return entry;
    }

    private static JsonObject Melding(string tlp) => new()
    {
        ["specversion"] = "1.0", ["id"] = "m-1", ["source"] = $"urn:nld:oin:{Holder}:systeem:GMS", ["type"] = "nl.veiligheidsregio.melding.v1",
        ["time"] = "2026-11-20T21:40:00+01:00", ["datacontenttype"] = "application/json",
        ["dataschema"] = "https://vr-standaarden.github.io/spec/1.1/schemas/melding.schema.json", ["tlp"] = tlp,
        ["ontvangers"] = $"urn:nld:oin:{Client}", ["doelbinding"] = "incidentbestrijding crisisbeheersing", ["bewaartermijn"] = "P30D",
        ["jws"] = "eyJhbGciOiJFUzI1NiJ9..c2ln",
        ["data"] = JsonNode.Parse(Standard.Release("1.1").Find("voorbeelden/geldig/melding-woningbrand.json")!.Utf8.Span),
    };

    private static string OinOf(string kind) => kind switch { "eigen organisatie" => SameOrg, "klant" => Client, "gemeenschap" => Community, _ => Outsider };

    // What TLP 2.0 allows, written as a table of its own (the oracle of the matrix).
    private static bool Allowed(string label, string kind) => label switch
    {
        "TLP:CLEAR" => true,
        "TLP:GREEN" => kind is "eigen organisatie" or "gemeenschap",
        "TLP:AMBER" => kind is "eigen organisatie" or "klant",
        "TLP:AMBER+STRICT" => kind is "eigen organisatie",
        _ => kind is "klant",
    };

    [Theory]
    [InlineData("toestaan", null, "Deliver", "Deliver")]
    [InlineData("alleen-beoordeeld", "VR-DEEL-013", "Deliver", "Refuse")]
    [InlineData("weigeren", "VR-DEEL-012", "Refuse", "Refuse")]
    public void Content_a_learned_model_made_goes_where_the_register_lets_it(string ai, string? code, string reviewed, string rejected)
    {
        // Release 1.2: the melding's classification was read from the caller's words by a learned model.
        var register = JsonNode.Parse(Register(["incidentbestrijding"], ["gewoon", "bijzonder", "strafrechtelijk"]))!;
        register["afnemers"]![2]!["ai"] = ai;
        var policy = new SharingPolicy(RecipientRegister.Parse(Encoding.UTF8.GetBytes(register.ToJsonString())));
        JsonObject Message(string? outcome)
        {
            var message = Melding("TLP:AMBER");
            message["dataschema"] = "https://vr-standaarden.github.io/spec/1.2/schemas/melding.schema.json";
            message["data"] = JsonNode.Parse(Standard.Release("1.2").Find("voorbeelden/geldig/melding-classificatie-door-ai.json")!.Utf8.Span);
            if (outcome is not null)
            {
                message["data"]!["veldTotstandkoming"]!["/classificatie"]!["beoordeeld"] = new JsonObject
                {
                    ["oin"] = HolderOrg, ["rol"] = "Centralist", ["tijdstip"] = "2026-11-20T21:41:00+01:00", ["uitkomst"] = outcome,
                };
            }

            return message;
        }

        var unreviewed = policy.Decide(Message(null), Client);
        Assert.Equal(code is null ? SharingVerdict.Deliver : SharingVerdict.Refuse, unreviewed.Verdict);
        if (code is not null)
        {
            var reason = Assert.Single(unreviewed.Reasons, r => r.Code == code);
            Assert.Contains("/data/veldTotstandkoming/~1classificatie", reason.Text.English, StringComparison.Ordinal);
        }

        Assert.Equal(Enum.Parse<SharingVerdict>(reviewed), policy.Decide(Message("bevestigd"), Client).Verdict);
        Assert.Equal(Enum.Parse<SharingVerdict>(rejected), policy.Decide(Message("verworpen"), Client).Verdict);
        // A recipient registered without the setting takes it as toestaan.
        Assert.Equal(SharingVerdict.Deliver, policy.Decide(Message(null), SameOrg).Verdict);
    }

    [Fact]
    public void Every_label_recipient_kind_purpose_and_personal_data_kind_gets_the_decision_the_rules_give()
    {
        var cases = 0;
        foreach (var purposeMatches in new[] { true, false })
        {
            foreach (var allowedData in PersonalDataKinds)
            {
                var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes(Register(purposeMatches ? ["crisisbeheersing"] : ["statistiek"], allowedData)));
                var policy = new SharingPolicy(register);
                foreach (var label in Labels)
                {
                    foreach (var kind in Kinds)
                    {
                        var message = Melding(label);
                        var decision = policy.Decide(message, OinOf(kind));
                        var at = $"{label} × {kind} × purpose {(purposeMatches ? "registered" : "not registered")} × [{string.Join(",", allowedData)}]";
                        cases++;
                        if (!Allowed(label, kind) || !purposeMatches)
                        {
                            Assert.True(decision.Verdict == SharingVerdict.Refuse, at);
                            Assert.Null(decision.Message);
                            Assert.Equal(!Allowed(label, kind) ? 1 : 0, decision.Reasons.Count(r => r.Code is "VR-DEEL-002" or "VR-DEEL-003" or "VR-DEEL-004" or "VR-DEEL-005"));
                            Assert.Equal(purposeMatches ? 0 : 1, decision.Reasons.Count(r => r.Code == "VR-DEEL-006"));
                            continue;
                        }

                        // Minimisation: what the recipient may not have is gone, the rest stays, and the result is valid.
                        var expectedRemoved = new List<string>();
                        if (!allowedData.Contains("gewoon"))
                        {
                            expectedRemoved.AddRange(["/data/karakteristieken", "/data/locatie/omschrijving", "/data/locatie/adres"]);
                        }

                        if (!allowedData.Contains("bijzonder"))
                        {
                            expectedRemoved.Add("/data/omschrijving");
                        }

                        Assert.True((expectedRemoved.Count == 0 ? SharingVerdict.Deliver : SharingVerdict.Minimise) == decision.Verdict, at);
                        Assert.Equal(expectedRemoved.Order(), decision.Removed.Where(r => !r.StartsWith("/data/locatie/bag", StringComparison.Ordinal)).Order());
                        var delivered = decision.Message!;
                        Assert.Equal(label, delivered["tlp"]!.GetValue<string>());
                        Assert.Equal(expectedRemoved.Count > 0, delivered[SharingPolicy.MinimisedAttribute] is not null);
                        Assert.Equal(expectedRemoved.Count == 0, delivered["jws"] is not null);
                        Assert.True(Valid(delivered), at);
                        foreach (var removed in decision.Removed)
                        {
                            Assert.Null(Navigate(delivered, removed));
                        }

                        Assert.Equal(message["data"]!["id"]!.GetValue<string>(), delivered["data"]!["id"]!.GetValue<string>());
                    }
                }
            }
        }

        Assert.Equal(2 * 4 * 5 * 4, cases);
    }

    [Fact]
    public void Rubricering_needs_a_clearance_of_at_least_its_level_and_is_never_taken_from_tlp()
    {
        var message = Melding("TLP:CLEAR");
        message["rubricering"] = "STG-C";
        foreach (var (clearance, delivered) in new[] { ("geen", false), ("DEP-V", false), ("STG-C", true), ("STG-ZG", true) })
        {
            var policy = new SharingPolicy(RecipientRegister.Parse(Encoding.UTF8.GetBytes(Register(["incidentbestrijding"], ["gewoon", "bijzonder"], clearance))));
            var decision = policy.Decide(message, Outsider);
            Assert.Equal(delivered, decision.Verdict != SharingVerdict.Refuse);
            Assert.Equal(!delivered, decision.Reasons.Any(r => r.Code == "VR-DEEL-007"));
        }

        // TLP:RED without rubricering needs no clearance.
        var red = new SharingPolicy(RecipientRegister.Parse(Encoding.UTF8.GetBytes(Register(["incidentbestrijding"], ["gewoon", "bijzonder"]))));
        Assert.Equal(SharingVerdict.Deliver, red.Decide(Melding("TLP:RED"), Client).Verdict);
    }

    [Fact]
    public void After_expirytime_a_message_is_not_delivered()
    {
        var message = Melding("TLP:CLEAR");
        message["expirytime"] = "2026-11-21T21:40:00+01:00";
        var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes(Register(["incidentbestrijding"], ["gewoon", "bijzonder"])));
        var before = new SharingPolicy(register, new SharingOptions { Time = new FixedTime(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)) });
        var after = new SharingPolicy(register, new SharingOptions { Time = new FixedTime(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)) });
        Assert.Equal(SharingVerdict.Deliver, before.Decide(message, Outsider).Verdict);
        var refused = after.Decide(message, Outsider);
        Assert.Equal(SharingVerdict.Refuse, refused.Verdict);
        Assert.Equal("VR-DEEL-008", Assert.Single(refused.Reasons).Code);
    }

    [Fact]
    public void Unknown_recipients_unknown_labels_and_minimisation_that_would_break_the_message_are_refused()
    {
        var policy = new SharingPolicy(RecipientRegister.Parse(Encoding.UTF8.GetBytes(Register(["incidentbestrijding", "crisisbeheersing"], []))));
        Assert.Equal("VR-DEEL-001", Assert.Single(policy.Decide(Melding("TLP:CLEAR"), "00000004000000099999").Reasons).Code);
        Assert.Equal("VR-DEEL-011", Assert.Single(policy.Decide(Melding("TLP:ROZE"), Outsider).Reasons).Code);

        // besluit.tekst is required and personal data: without it the message would be invalid, so it is not delivered.
        var besluit = Melding("TLP:CLEAR");
        besluit["type"] = "nl.veiligheidsregio.besluit.v1";
        besluit["dataschema"] = "https://vr-standaarden.github.io/spec/1.1/schemas/besluit.schema.json";
        besluit["data"] = JsonNode.Parse(Standard.Release("1.1").Find("voorbeelden/geldig/besluit-copi-ontruiming.json")!.Utf8.Span);
        var decision = policy.Decide(besluit, Outsider);
        Assert.Equal(SharingVerdict.Refuse, decision.Verdict);
        Assert.Contains("/data", Assert.Single(decision.Reasons, r => r.Code == "VR-DEEL-010").Text.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"afnemers":[{"oin":"00000004000000011111","naam":"A","doelen":[]},{"oin":"00000004000000011111","naam":"B","doelen":[]}]}""", "/afnemers/1/oin")]
    [InlineData("""{"afnemers":[{"oin":"00000004000000011111","naam":"A","doelen":["onbekend"]}]}""", "/afnemers/0/doelen/0")]
    [InlineData("""{"ontvangers":[]}""", "(root)")]
    public void A_register_that_is_not_one_is_refused_naming_where(string register, string location)
    {
        var error = Assert.Throws<FormatException>(() => RecipientRegister.Parse(Encoding.UTF8.GetBytes(register)));
        Assert.Contains(location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Personal_data_places_come_from_the_annotations_of_the_release()
    {
        var map = SharingPolicy.PersonalDataOf("1.1", "melding");
        var melding = map.Annotated.Select(p => (string.Join("/", p.Path), p.Kind)).ToList();
        Assert.Contains(("omschrijving", "bijzonder"), melding);
        Assert.Contains(("karakteristieken", "gewoon"), melding);
        Assert.Contains(("locatie/adres", "gewoon"), melding);
        Assert.True(map.Exact);
        Assert.Contains("uitbreidingen", map.Extensions);

        // 1.0 has no annotations of its own: it is read by those of the newest release of its major line, and what
        // they do not describe counts as personal data of every kind.
        var older = SharingPolicy.PersonalDataOf("1.0", "melding");
        Assert.False(older.Exact);
        Assert.Equal(melding, older.Annotated.Select(p => (string.Join("/", p.Path), p.Kind)).ToList());
    }

    private static bool Valid(JsonObject message)
    {
        var release = Standard.Release("1.1");
        var registry = new SchemaRegistry();
        foreach (var file in release.Definitions)
        {
            registry.Register(file.Root);
        }

        using var document = JsonDocument.Parse(message.ToJsonString());
        return JsonSchema.FromElement(release.Schema("bericht").Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry }).IsValid(document.RootElement);
    }

    private static JsonNode? Navigate(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var token in pointer[1..].Split('/'))
        {
            node = node is JsonArray a ? a[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)] : node?[token];
        }

        return node;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
