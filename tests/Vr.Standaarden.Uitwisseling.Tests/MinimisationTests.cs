using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>
/// Minimisation cannot be bypassed: not by naming a release without annotations, not through extension data. For every
/// entity of every release, personal data planted wherever the newest annotations say it can be, and in an extension,
/// reaches a recipient registered for it and never one that is not.
/// </summary>
public sealed class MinimisationTests
{
    private const string Holder = "00000004000000042000";
    private const string Everything = "00000004000000022222";
    private const string Nothing = "00000004000000033333";
    private const string Bsn = "123456782";
    private const string Phone = "+31612345678";

    private static readonly SharingPolicy Policy = new(RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{Everything}}", "naam": "Met rechten", "klantVan": ["{{Holder}}"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder", "strafrechtelijk"], "rubricering": "geen"},
          {"oin": "{{Nothing}}", "naam": "Zonder rechten", "klantVan": ["{{Holder}}"], "doelen": ["incidentbestrijding"], "persoonsgegevens": [], "rubricering": "geen"}
        ]}
        """)));

    public static TheoryData<string, string> EntitiesOfEveryRelease()
    {
        var data = new TheoryData<string, string>();
        foreach (var release in Standard.Releases)
        {
            foreach (var entity in release.SchemaNames.Where(n => n != "bericht" && Example(release, n) is not null))
            {
                data.Add(release.Name, entity);
            }
        }

        return data;
    }

    private static JsonObject? Example(StandardRelease release, string entity) =>
        release.Examples.Where(e => e.Path.Contains("/geldig/" + entity + "-", StringComparison.Ordinal)).Select(e => JsonNode.Parse(e.Utf8.Span) as JsonObject).FirstOrDefault();

    [Fact]
    public void Every_entity_of_every_release_is_covered()
    {
        var covered = EntitiesOfEveryRelease().Select(row => ((string)row[0], (string)row[1])).ToList();
        Assert.True(covered.Count(c => c.Item1 == "1.0") >= 10, string.Join(", ", covered));
        Assert.True(covered.Count(c => c.Item1 == "1.1") >= 10, string.Join(", ", covered));
    }

    [Theory]
    [MemberData(nameof(EntitiesOfEveryRelease))]
    public void Personal_data_reaches_only_a_recipient_registered_for_it(string release, string entity)
    {
        var data = Example(Standard.Release(release), entity)!;
        var planted = 0;
        foreach (var (path, _) in SharingPolicy.PersonalDataOf(Standard.Newest.Name, entity).Annotated)
        {
            planted += Plant(data, path, 0);
        }

        data["uitbreidingen"] = new JsonObject { ["nl.voorbeeld.contact"] = new JsonObject { ["bsn"] = Bsn, ["telefoon"] = Phone } };
        var message = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "bericht-1",
            ["source"] = "urn:nld:oin:" + Holder + ":systeem:test",
            ["type"] = $"nl.veiligheidsregio.{entity}.v1",
            ["time"] = "2026-11-20T21:42:00+01:00",
            ["datacontenttype"] = "application/json",
            ["dataschema"] = $"{Standard.BaseUri}{release}/schemas/{entity}.schema.json",
            ["tlp"] = "TLP:CLEAR",
            ["doelbinding"] = "incidentbestrijding",
            ["data"] = data,
        };
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());

        var full = Policy.Decide(bytes, Everything);
        Assert.Equal(SharingVerdict.Deliver, full.Verdict);
        Assert.Contains(Bsn, full.Message!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(planted + 1, Count(full.Message!.ToJsonString(), Bsn));

        var none = Policy.Decide(bytes, Nothing);
        if (none.Verdict != SharingVerdict.Refuse)
        {
            var delivered = none.Message!.ToJsonString();
            Assert.DoesNotContain(Bsn, delivered, StringComparison.Ordinal);
            Assert.DoesNotContain(Phone, delivered, StringComparison.Ordinal);
            Assert.Equal(SharingVerdict.Minimise, none.Verdict);
            Assert.Contains("/data/uitbreidingen/nl.voorbeeld.contact", none.Removed);
        }
    }

    [Fact]
    public void An_extension_with_a_schema_of_its_own_keeps_what_that_schema_does_not_call_personal_data()
    {
        var options = new SharingOptions();
        using var schema = System.Text.Json.JsonDocument.Parse("""
            {"type": "object", "properties": {"bsn": {"type": "string", "persoonsgegeven": "gewoon"}, "team": {"type": "string"}}}
            """);
        options.Extensions["nl.voorbeeld.contact"] = schema.RootElement.Clone();
        var policy = new SharingPolicy(RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
            {"afnemers": [{"oin": "{{Nothing}}", "naam": "Zonder rechten", "klantVan": ["{{Holder}}"], "doelen": ["incidentbestrijding"], "persoonsgegevens": [], "rubricering": "geen"}]}
            """)), options);
        var message = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        message["source"] = "urn:nld:oin:" + Holder + ":systeem:test";
        message["tlp"] = "TLP:CLEAR";
        message["doelbinding"] = "incidentbestrijding";
        message.Remove("expirytime");
        message["data"]!["uitbreidingen"] = new JsonObject { ["nl.voorbeeld.contact"] = new JsonObject { ["bsn"] = Bsn, ["team"] = "ROT", ["telefoon"] = Phone } };
        var decision = policy.Decide(Encoding.UTF8.GetBytes(message.ToJsonString()), Nothing);
        Assert.Equal(SharingVerdict.Minimise, decision.Verdict);
        var kept = decision.Message!["data"]!["uitbreidingen"]!["nl.voorbeeld.contact"]!.AsObject();
        // The team is described and no personal data; the BSN is personal data; the phone number is not described: fail closed.
        Assert.Equal(["team"], kept.Select(m => m.Key));
    }

    private static int Count(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    /// <summary>Puts the BSN in every string at <paramref name="path"/>; how many strings it replaced.</summary>
    private static int Plant(JsonNode? node, string[] path, int at)
    {
        if (node is null)
        {
            return 0;
        }

        if (at == path.Length)
        {
            return PlantAll(node);
        }

        if (path[at] == "*")
        {
            return node is JsonArray array ? array.Sum(item => Plant(item, path, at + 1)) : 0;
        }

        if (node is not JsonObject obj || obj[path[at]] is not { } child)
        {
            return 0;
        }

        if (at == path.Length - 1 && child is JsonValue value && value.TryGetValue<string>(out _))
        {
            obj[path[at]] = Bsn;
            return 1;
        }

        return Plant(child, path, at + 1);
    }

    private static int PlantAll(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var count = 0;
                foreach (var name in obj.Select(m => m.Key).ToList())
                {
                    if (obj[name] is JsonValue v && v.TryGetValue<string>(out _))
                    {
                        obj[name] = Bsn;
                        count++;
                    }
                    else if (obj[name] is { } child)
                    {
                        count += PlantAll(child);
                    }
                }

                return count;
            case JsonArray array:
                var n = 0;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out _))
                    {
                        array[i] = Bsn;
                        n++;
                    }
                    else if (array[i] is { } child)
                    {
                        n += PlantAll(child);
                    }
                }

                return n;
            default:
                return 0;
        }
    }
}
