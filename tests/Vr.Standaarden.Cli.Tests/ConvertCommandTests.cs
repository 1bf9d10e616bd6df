using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr convert as written: CAP, EDXL-DE, P2000 and messages of the standard, to each other and to GeoJSON.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private const string Source = "urn:nld:oin:00000004000000042000:systeem:vr";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-convert-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_root.FullName, name);

    private static string Fixture(string kind, string name) => System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fixtures", "interop", kind, name);

    [Fact]
    public void Cap_becomes_messages_that_vr_validate_accepts_and_they_become_the_alert_again()
    {
        var (exit, _, stderr) = Vr.Run("convert", "--from", "cap", "--to", "bericht", "--source", Source, "-o", Path("berichten"), Fixture("cap", "knmi-storm-oranje.xml"));
        Assert.True(exit == 0, stderr);
        var files = Directory.GetFiles(Path("berichten")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        var validate = Vr.Run(["validate", .. files]);
        Assert.True(validate.Exit == 0, validate.Out + validate.Err);

        var back = Vr.Run(["convert", "--from", "bericht", "--to", "cap", .. files]);
        Assert.True(back.Exit == 0, back.Err);
        Assert.Contains("<identifier>2.49.0.1.528.0.20261129083000.ZH.wind.oranje</identifier>", back.Out, StringComparison.Ordinal);
        Assert.Equal(2, back.Out.Split("<info>").Length - 1);
    }

    [Fact]
    public void P2000_lines_become_meldingen_that_validate_and_unreadable_lines_are_named()
    {
        var (exit, _, stderr) = Vr.Run("convert", "--from", "p2000", "--to", "bericht", "--source", Source, "--meldkamer", "BDH=00000004000000042000", "--default-meldkamer", "00000004000000099000", "-o", Path("meldingen"), Fixture("p2000", "meldingen.txt"));
        Assert.Equal(1, exit);
        Assert.Contains("meldingen.txt:11: No priority", stderr, StringComparison.Ordinal);
        var files = Directory.GetFiles(Path("meldingen"));
        Assert.Equal(10, files.Length);
        var validate = Vr.Run(["validate", .. files]);
        Assert.True(validate.Exit == 0, validate.Out + validate.Err);
    }

    [Fact]
    public void Invalid_cap_exits_1_with_located_codes_and_usage_errors_exit_2()
    {
        var (exit, _, stderr) = Vr.Run("convert", "--from", "cap", "--to", "bericht", "--source", Source, Fixture("cap", "fouten.xml"));
        Assert.Equal(1, exit);
        Assert.Contains("/alert/identifier (3:4): error CAP-006", stderr, StringComparison.Ordinal);

        File.WriteAllText(Path("xxe.xml"), "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&x;</alert>");
        var xxe = Vr.Run("convert", "--from", "cap", "--to", "bericht", Path("xxe.xml"));
        Assert.Equal(1, xxe.Exit);
        Assert.Contains("CAP-XML-002", xxe.Err, StringComparison.Ordinal);

        Assert.Equal(2, Vr.Run("convert", "--to", "bericht", Fixture("cap", "knmi-storm-oranje.xml")).Exit);
        Assert.Equal(2, Vr.Run("convert", "--from", "cap", "--to", "kml", Fixture("cap", "knmi-storm-oranje.xml")).Exit);
        Assert.Equal(2, Vr.Run("convert", "--from", "p2000", "--to", "bericht", Fixture("p2000", "meldingen.txt")).Exit);
    }

    [Fact]
    public void Edxl_de_with_embedded_cap_gives_messages_with_its_confidentiality()
    {
        var (exit, stdout, stderr) = Vr.Run("convert", "--from", "edxl-de", "--to", "bericht", "--source", Source, Fixture("edxl", "de2-met-cap.xml"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("image/png", stderr, StringComparison.Ordinal);
        var message = JsonNode.Parse(stdout)!;
        Assert.Equal("TLP:AMBER", (string?)message["tlp"]);
        Assert.Equal("STG-C", (string?)message["rubricering"]);
        File.WriteAllText(Path("bericht.json"), stdout);
        Assert.Equal(0, Vr.Run("validate", Path("bericht.json")).Exit);
    }

    [Fact]
    public void Cap_becomes_geojson_and_edxl_de()
    {
        var geojson = Vr.Run("convert", "--from", "cap", "--to", "geojson", Fixture("cap", "nl-alert-brand.xml"));
        Assert.Equal(0, geojson.Exit);
        var collection = JsonNode.Parse(geojson.Out)!;
        Assert.Equal("FeatureCollection", (string?)collection["type"]);
        Assert.Equal("urn:nld:oin:00000004000000042000", (string?)collection["features"]![0]!["properties"]!["bron"]);

        var edxl = Vr.Run("convert", "--from", "cap", "--to", "edxl-de", Fixture("cap", "nl-alert-brand.xml"));
        Assert.Equal(0, edxl.Exit);
        Assert.Contains("urn:oasis:names:tc:emergency:EDXL:DE:2.0", edxl.Out, StringComparison.Ordinal);
        File.WriteAllText(Path("de.xml"), edxl.Out);
        var again = Vr.Run("convert", "--from", "edxl-de", "--to", "cap", Path("de.xml"));
        Assert.Equal(0, again.Exit);
        Assert.Contains("NL-ALERT-VR15-2026-0042", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_notes_are_warnings_unless_strict_and_each_input_ends_with_a_summary()
    {
        var alert = System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fixtures", "interop", "cap-wereld", "naad-restriction-public.xml");
        var lenient = Vr.Run("convert", "--from", "cap", "--to", "bericht", "--source", Source, alert);
        Assert.True(lenient.Exit == 0, lenient.Err);
        Assert.Contains("warning CAP-009", lenient.Err, StringComparison.Ordinal);
        Assert.Contains($"{alert}: converted 1, 1 warnings, 0 errors", lenient.Err, StringComparison.Ordinal);

        var strict = Vr.Run("convert", "--strict", "--from", "cap", "--to", "bericht", "--source", Source, alert);
        Assert.Equal(1, strict.Exit);
        Assert.Equal("", strict.Out);
        Assert.Contains($"{alert}: converted 0, 0 warnings, 1 errors", strict.Err, StringComparison.Ordinal);

        // What parses as CAP round-trips, errors or not; the exit code tells whether it had errors.
        var roundTrip = Vr.Run("convert", "--strict", "--from", "cap", "--to", "cap", alert);
        Assert.Equal(1, roundTrip.Exit);
        Assert.Contains("<restriction>Broadcast immediately; do not alter the message.</restriction>", roundTrip.Out, StringComparison.Ordinal);

        Assert.Equal(2, Vr.Run("convert", "--lenient", "--strict", "--from", "cap", "--to", "bericht", alert).Exit);
    }
}
