using System.Text.Json.Nodes;
using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Validatie.Tests;

/// <summary>For every domain rule: a message that passes it and one that fails it, at the stated place.</summary>
public sealed class RuleTests
{
    private sealed record Case(Func<JsonObject> Passing, Func<JsonObject> Failing, string Location, ValidationOptions? Options = null);

    private static JsonObject With(JsonObject message, Action<JsonObject> change)
    {
        change(message);
        return message;
    }

    private static JsonObject Melding(string time, Action<JsonObject>? change = null)
    {
        var data = Messages.Example("geldig", "melding-woningbrand");
        change?.Invoke(data);
        return Messages.Envelope("melding", data, time);
    }

    // A terugmelding about a field of a message (release 1.2), or with what it doubts taken out.
    private static JsonObject Terugmelding(bool namesItsField)
    {
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(Vr.Standaarden.Testing.ConformanceSuites.RepositoryRoot, "spec", "1.2", "voorbeelden", "geldig", "terugmelding-bericht-grip.json")))!.AsObject();
        if (!namesItsField)
        {
            data.Remove("bericht");
            data.Remove("veld");
            data.Remove("bronhouder");
        }

        var message = Messages.Envelope("terugmelding", data, "2026-04-12T14:30:00+02:00");
        message["dataschema"] = "https://vr-standaarden.github.io/spec/1.2/schemas/terugmelding.schema.json";
        return message;
    }

    // A melding of release 1.2 whose classification a learned model read from the caller's words.
    private static JsonObject ClassifiedByAi(bool withVersion)
    {
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(Vr.Standaarden.Testing.ConformanceSuites.RepositoryRoot, "spec", "1.2", "voorbeelden", "geldig", "melding-classificatie-door-ai.json")))!.AsObject();
        if (!withVersion)
        {
            data["veldTotstandkoming"]!["/classificatie"]!["model"]!.AsObject().Remove("versie");
        }

        var message = Messages.Envelope("melding", data, "2026-11-20T21:20:00+01:00");
        message["dataschema"] = "https://vr-standaarden.github.io/spec/1.2/schemas/melding.schema.json";
        return message;
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["VR-BER-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["expirytime"] = "2026-11-20T21:00:00+01:00"), "/expirytime"),
        ["VR-REF-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["subject"] = "INC-15-2026-9999"), "/subject"),
        ["VR-REF-002"] = new(
            () => With(Messages.Incident(), m => m["causationid"] = "een-ander-bericht"),
            () => With(Messages.Incident(), m => m["causationid"] = m["id"]!.GetValue<string>()), "/causationid"),
        ["VR-ID-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["source"] = "urn:nld:oin:00000010003214345001:systeem:GMS"), "/source"),
        ["VR-ID-002"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["data"]!["locatie"]!["adres"]!["gemeente"] = "GM9998"), "/data/locatie/adres/gemeente"),
        ["VR-ID-003"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["data"]!["locatie"]!["adres"]!["gemeente"] = "GM0599"), "/data/locatie/bag/nummeraanduidingId"),
        ["VR-LOC-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["data"]!["locatie"]!["geometrie"]!["coordinates"] = new JsonArray(455480.7, 81390.2)), "/data/locatie/geometrie/coordinates"),
        ["VR-LOC-002"] = new(Messages.Incident, () => With(Messages.Incident(), m =>
        {
            m["data"]!["locatie"] = new JsonObject { ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(4.5, 54.5) }, ["crs"] = "OGC:CRS84" };
        }), "/data/locatie/geometrie/coordinates"),
        ["VR-LOC-003"] = new(Messages.Incident, () => With(Messages.Incident(), m =>
        {
            // A chemical fire in Dortmund, in WGS 84.
            m["data"]!["locatie"] = new JsonObject { ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(7.4653, 51.5136) }, ["crs"] = "OGC:CRS84" };
        }), "/data/locatie/geometrie/coordinates"),
        ["VR-TIJD-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["data"]!["tijdstippen"]!["terPlaatse"] = "2026-11-20T21:15:00+01:00"), "/data/tijdstippen/terPlaatse"),
        ["VR-GRIP-001"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["data"]!["grip"]!["niveau"] = "GRIP2"), "/data/grip/niveau"),
        ["VR-GRIP-002"] = new(Messages.Incident, () => With(Messages.Incident(), m =>
            ((JsonArray)m["data"]!["grip"]!["historie"]!).Add(new JsonObject { ["niveau"] = "GRIP1", ["tijdstip"] = "2026-11-20T21:30:00+01:00" })), "/data/grip/historie/1/tijdstip"),
        ["VR-CODE-001"] = new(
            () => Melding("2024-02-01T08:00:00+01:00", d => d["prioriteiten"]![1]!["prioriteit"] = "A0"),
            () => Melding("2024-01-31T08:00:00+01:00", d => d["prioriteiten"]![1]!["prioriteit"] = "A0"), "/data/prioriteiten/1/prioriteit"),
        ["VR-CODE-002"] = new(Messages.Incident, () => With(Messages.Incident(), m =>
        {
            m["data"]!["grip"]!["niveau"] = "GRIPRIJK";
            m["data"]!["grip"]!["historie"]![0]!["niveau"] = "GRIPRIJK";
        }), "/data/grip/niveau"),
        ["VR-CODE-003"] = new(
            () => Melding("2026-11-20T21:20:00+01:00", d => d["prioriteiten"]![0]!["prioriteit"] = "P1"),
            () => Melding("2026-11-20T21:20:00+01:00", d => d["prioriteiten"]![0]!["prioriteit"] = "P1"), "/data/prioriteiten/0/prioriteit")
        {
            // Passing here means: not reported when the option is off.
        },
        ["VR-CODE-004"] = new(Messages.Incident, () => With(Messages.Incident(), m => m["doelbinding"] = "incidentbestrijding spionage"), "/doelbinding"),
        ["VR-AI-001"] = new(() => ClassifiedByAi(withVersion: true), () => ClassifiedByAi(withVersion: false), "/data/veldTotstandkoming/~1classificatie"),
        ["VR-TERUG-001"] = new(() => Terugmelding(namesItsField: true), () => Terugmelding(namesItsField: false), "/data"),
        ["VR-PRIO-001"] = new(
            () => Melding("2026-11-20T21:20:00+01:00"),
            () => Melding("2026-11-20T21:20:00+01:00", d => d["prioriteiten"]![0]!["prioriteit"] = "A1"), "/data/prioriteiten/0/prioriteit"),
    };

    public static TheoryData<string> Codes() => [.. DomainRules.All.Select(r => r.Code)];

    [Fact]
    public void Every_rule_of_the_catalogue_has_a_case_here() =>
        Assert.Equal(DomainRules.All.Select(r => r.Code).Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Rule_passes_a_message_that_keeps_it(string code)
    {
        var options = code == "VR-CODE-003" ? new ValidationOptions { ReportUnverifiedCodes = false } : null;
        var result = Messages.Validate(Cases[code].Passing(), options);
        Assert.DoesNotContain(result.Findings, f => f.Code == code);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Rule_reports_a_message_that_breaks_it_at_the_right_place_in_both_languages(string code)
    {
        var rule = DomainRules.All.Single(r => r.Code == code);
        var result = Messages.Validate(Cases[code].Failing());
        var finding = Assert.Single(result.Findings, f => f.Code == code && f.InstanceLocation == Cases[code].Location);
        Assert.Equal(rule.Severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(string.IsNullOrWhiteSpace(finding.Dutch));
        Assert.NotEqual(finding.English, finding.Dutch);

        // The broken rule is the only new error: the case changes one thing.
        var others = result.Errors.Where(f => f.Code != code && f.Code != DomainRules.SchemaCode);
        Assert.Empty(others);
    }

    [Fact]
    public void Findings_come_rule_by_rule_whatever_their_order_in_the_message()
    {
        // The times come before the location in the data, but the position rule comes before the time rule: its finding first.
        var message = With(Messages.Incident(), m =>
        {
            var data = m["data"]!.AsObject();
            var location = data["locatie"]!;
            data.Remove("locatie");
            data["locatie"] = location;
            data["tijdstippen"]!["terPlaatse"] = "2026-11-20T21:15:00+01:00";
            location["geometrie"]!["coordinates"] = new JsonArray(455480.7, 81390.2);
        });
        var keys = message["data"]!.AsObject().Select(p => p.Key).ToList();
        Assert.True(keys.IndexOf("tijdstippen") < keys.IndexOf("locatie"));

        var codes = Messages.Validate(message).Findings.Where(f => f.Code != DomainRules.SchemaCode).Select(f => f.Code).ToList();
        var order = DomainRules.All.Select(r => r.Code).ToList();
        Assert.Equal(["VR-LOC-001", "VR-TIJD-001"], codes.Where(c => c is "VR-LOC-001" or "VR-TIJD-001"));
        Assert.Equal(codes.OrderBy(order.IndexOf), codes);
    }

    [Fact]
    public void Messages_name_the_values_involved()
    {
        var time = Messages.Validate(Cases["VR-TIJD-001"].Failing()).Findings.Single(f => f.Code == "VR-TIJD-001");
        Assert.Equal("terPlaatse (2026-11-20T21:15:00.0000000+01:00) is before alarmering (2026-11-20T21:15:30.0000000+01:00).", time.Message);
        var code = Messages.Validate(Cases["VR-CODE-001"].Failing()).Findings.Single(f => f.Code == "VR-CODE-001");
        Assert.Equal("Code A0 of prioriteit is valid from 2024-02-01, not on 2024-01-31, the date of the message.", code.Message);
        Assert.Equal("Code A0 van prioriteit is geldig vanaf 2024-02-01, niet op 2024-01-31, de datum van het bericht.", code.Dutch);
        var abroad = Messages.Validate(Cases["VR-LOC-003"].Failing());
        Assert.True(abroad.IsValid);
        Assert.DoesNotContain(abroad.Findings, f => f.Code == "VR-LOC-001");
        var swapped = Messages.Validate(Cases["VR-LOC-001"].Failing()).Findings.Single(f => f.Code == "VR-LOC-001");
        Assert.Contains("axes swapped", swapped.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"DE\"]", false)]
    [InlineData("[\"NL\", \"DE\"]", false)]
    [InlineData("[\"NL\"]", true)]
    public void A_location_that_names_another_country_is_across_the_border_on_purpose(string landen, bool warned)
    {
        // The chemical fire in Dortmund again, now with the countries it lies in (release 1.2).
        var message = Cases["VR-LOC-003"].Failing();
        message["dataschema"] = "https://vr-standaarden.github.io/spec/1.2/schemas/incident.schema.json";
        message["data"]!["locatie"]!["landen"] = JsonNode.Parse(landen);
        var result = Messages.Validate(message);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Equal(warned, result.Findings.Any(f => f.Code == "VR-LOC-003"));

        // Strict keeps every position outside the Netherlands an error, whatever the message says.
        Assert.Contains(Messages.Validate(message, new ValidationOptions { Area = AreaLevel.Strict }).Findings, f => f.Code == "VR-LOC-001");
    }

    [Theory]
    [InlineData("OGC:CRS84", 52.0907, 5.1214, "axes swapped")] // Utrecht, latitude first
    [InlineData("OGC:CRS84", 200.5, 10.0, "not on Earth")]
    [InlineData("OGC:CRS84", 155000.0, 463000.0, "looks like RD")]
    [InlineData("EPSG:28992", 5.1214, 52.0907, "looks like latitude and longitude")]
    [InlineData("EPSG:28992", 700000.0, 900000.0, "RD is defined only")]
    public void A_position_abroad_is_a_warning_only_where_no_mistake_explains_it(string crs, double first, double second, string named)
    {
        var message = With(Messages.Incident(), m => m["data"]!["locatie"] = new JsonObject { ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(first, second) }, ["crs"] = crs });
        var result = Messages.Validate(message);
        var error = Assert.Single(result.Findings, f => f.Code == "VR-LOC-001");
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Code == "VR-LOC-003");

        // Strict: a plausible place abroad is an error too.
        var dortmund = Cases["VR-LOC-003"].Failing();
        Assert.Contains(Messages.Validate(dortmund, new ValidationOptions { Area = AreaLevel.Strict }).Findings, f => f.Code == "VR-LOC-001");
    }
}
