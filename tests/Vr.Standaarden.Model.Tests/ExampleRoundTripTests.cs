using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Model.Tests;

/// <summary>The generated models against every example of spec/1.0: valid ones round-trip, invalid ones fail for their stated reason.</summary>
public sealed class ExampleRoundTripTests
{
    private static readonly string Examples = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0", "voorbeelden");

    private delegate ISchemaWritable? Reader(ReadOnlySpan<byte> json, List<SchemaViolation> errors);

    private interface ISchemaWritable
    {
        byte[] Write();
    }

    private sealed class Box<T>(T value, Func<T, byte[]> write) : ISchemaWritable
    {
        public byte[] Write() => write(value);
    }

    private static Reader For<T>(Func<byte[], List<SchemaViolation>, T?> read, Func<T, byte[]> write)
        where T : class =>
        (json, errors) => read(json.ToArray(), errors) is { } value ? new Box<T>(value, write) : null;

    private static readonly Dictionary<string, Reader> Readers = new()
    {
        ["bericht"] = For((b, e) => Bericht.Read(b, e), v => v.ToUtf8Json()),
        ["organisatie"] = For((b, e) => Organisatie.Read(b, e), v => v.ToUtf8Json()),
        ["locatie"] = For((b, e) => Locatie.Read(b, e), v => v.ToUtf8Json()),
        ["melding"] = For((b, e) => Melding.Read(b, e), v => v.ToUtf8Json()),
        ["incident"] = For((b, e) => Incident.Read(b, e), v => v.ToUtf8Json()),
        ["eenheid"] = For((b, e) => Eenheid.Read(b, e), v => v.ToUtf8Json()),
        ["object"] = For((b, e) => RepressiefObject.Read(b, e), v => v.ToUtf8Json()),
        ["evenement"] = For((b, e) => Evenement.Read(b, e), v => v.ToUtf8Json()),
        ["risico"] = For((b, e) => Risico.Read(b, e), v => v.ToUtf8Json()),
        ["waarschuwing"] = For((b, e) => Waarschuwing.Read(b, e), v => v.ToUtf8Json()),
        ["situatiebeeld"] = For((b, e) => Situatiebeeld.Read(b, e), v => v.ToUtf8Json()),
        ["besluit"] = For((b, e) => Besluit.Read(b, e), v => v.ToUtf8Json()),
        ["actiepunt"] = For((b, e) => Actiepunt.Read(b, e), v => v.ToUtf8Json()),
        ["capaciteit"] = For((b, e) => Capaciteit.Read(b, e), v => v.ToUtf8Json()),
        ["statistiek"] = For((b, e) => Statistiek.Read(b, e), v => v.ToUtf8Json()),
        ["terugmelding"] = For((b, e) => Terugmelding.Read(b, e), v => v.ToUtf8Json()),
    };

    public static TheoryData<string> Valid() => [.. Files("geldig")];

    public static TheoryData<string> Invalid() => [.. Files("ongeldig").Where(f => !f.EndsWith(".verwacht.json", StringComparison.Ordinal))];

    private static IEnumerable<string> Files(string kind) =>
        Directory.GetFiles(Path.Combine(Examples, kind), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static Reader ReaderFor(string file) => Readers[file.Split('-')[0]];

    [Fact]
    public void Every_entity_of_the_release_has_a_generated_reader_here() =>
        Assert.Equal(
            Directory.GetFiles(Path.Combine(Examples, "..", "schemas"), "*.schema.json").Select(f => Path.GetFileName(f).Split('.')[0]).Where(n => n != "typen").Order(StringComparer.Ordinal),
            Readers.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_example_reads_without_violations_and_round_trips_stably(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Examples, "geldig", file));
        var errors = new List<SchemaViolation>();
        var first = ReaderFor(file)(input, errors);
        Assert.NotNull(first);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var written = first.Write();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(input), JsonNode.Parse(written)), $"written differs from the input:\n{System.Text.Encoding.UTF8.GetString(written)}");

        var again = ReaderFor(file)(written, errors);
        Assert.Empty(errors);
        Assert.Equal(written, again!.Write());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_example_is_rejected_for_its_stated_reason(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Examples, "ongeldig", file));
        var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Examples, "ongeldig", file.Replace(".json", ".verwacht.json", StringComparison.Ordinal)))).RootElement;
        var errors = new List<SchemaViolation>();
        ReaderFor(file)(input, errors);
        var location = expected.GetProperty("instanceLocation").GetString();
        var keyword = expected.GetProperty("keyword").GetString();
        Assert.True(errors.Exists(e => e.InstanceLocation == location && e.Keyword == keyword),
            $"expected {keyword} at '{location}', got: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Messages_read_the_data_as_the_entity_its_type_names()
    {
        var message = Messages.Read(File.ReadAllBytes(Path.Combine(Examples, "geldig", "bericht-incident-envelop.json")), out var errors);
        Assert.Empty(errors);
        Assert.Equal(TrafficLightProtocol.TlpAmber, message!.Tlp);
        var incident = Messages.ReadData<Incident>(message, out errors);
        Assert.Empty(errors);
        Assert.Equal(GripNiveau.Grip1, incident!.Grip!.Niveau);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 21, 14, 5, TimeSpan.FromHours(1)), incident.Tijdstippen.Melding);
        Assert.Equal(Discipline.Brw, incident.Disciplines[0]);
        Assert.Equal("0518100000212345", incident.Locatie.Bag!.PandIds![0]);
        var point = Assert.IsType<NetTopologySuite.Geometries.Point>(incident.Locatie.Geometrie);
        Assert.Equal(81390.2, point.X);
        Assert.Equal(455480.7, point.Y);
    }

    [Fact]
    public void Violations_keep_what_is_valid_and_name_the_place()
    {
        var json = File.ReadAllText(Path.Combine(Examples, "geldig", "incident-woningbrand-grip1.json"))
            .Replace("\"GRIP1\",\n    \"historie\"", "\"GRIP9\",\n    \"historie\"", StringComparison.Ordinal)
            .Replace("\"BESTRIJDING\"", "42", StringComparison.Ordinal);
        var errors = new List<SchemaViolation>();
        var incident = Incident.Read(System.Text.Encoding.UTF8.GetBytes(json), errors);
        Assert.Contains(errors, e => e.InstanceLocation == "/grip/niveau" && e.Keyword == "enum" && e.Message.Contains("'GRIP9'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.InstanceLocation == "/fase" && e.Keyword == "type");
        Assert.Equal("INC-15-2026-0042", incident!.Id);
        Assert.Equal(3, incident.Disciplines.Count);
    }

    [Fact]
    public void Spec_files_are_embedded_as_they_are()
    {
        Assert.Equal(Vr.Standaarden.Spec.Standard.NewestOf(1)!.Name, Messages.Release);
        var spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", Messages.Release);
        Assert.Equal(File.ReadAllBytes(Path.Combine(spec, "schemas", "incident.schema.json")), Messages.SpecFile("schemas/incident.schema.json").ToArray());
        Assert.Equal(File.ReadAllBytes(Path.Combine(spec, "codelijsten", "grip-niveau.json")), Messages.SpecFile("codelijsten/grip-niveau.json").ToArray());
        Assert.Throws<FileNotFoundException>(() => Messages.SpecFile("schemas/bestaat-niet.schema.json"));
    }
}
