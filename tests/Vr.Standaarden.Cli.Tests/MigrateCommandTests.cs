using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr migrate --to &lt;release&gt; &lt;message.json&gt;...: migrated messages out, drops and problems located on stderr.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private static readonly string Spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-migrate-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_1_0_message_comes_out_as_a_valid_1_1_message()
    {
        var input = Path.Combine(Spec, "1.0", "voorbeelden", "geldig", "bericht-incident-envelop.json");
        var (exit, stdout, stderr) = Vr.Run("migrate", "--to", "1.1", input);
        Assert.True(exit == 0, stderr);
        var message = JsonNode.Parse(stdout)!;
        Assert.Equal("https://vr-standaarden.github.io/spec/1.1/schemas/incident.schema.json", message["dataschema"]!.GetValue<string>());

        // Two messages: one line each; and the migrated message validates with vr validate.
        var (twoExit, two, _) = Vr.Run("migrate", "--to", "1.1", input, Path.Combine(Spec, "1.0", "voorbeelden", "geldig", "bericht-waarschuwing-envelop.json"));
        Assert.Equal(0, twoExit);
        Assert.Equal(2, two.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var output = Path.Combine(_root.FullName, "out");
        Assert.Equal(0, Vr.Run("migrate", "--to", "1.1", "--output-dir", output, input).Exit);
        Assert.Equal(0, Vr.Run("validate", Path.Combine(output, "bericht-incident-envelop.json")).Exit);
    }

    [Fact]
    public void Drops_are_listed_with_their_reason_and_problems_are_located()
    {
        var spec = Path.Combine(_root.FullName, "spec");
        foreach (var release in new[] { Path.Combine(Spec, "1.0"), Path.Combine(Spec, "1.1"), Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "spec", "2.0") })
        {
            foreach (var file in Directory.GetFiles(release, "*.json", SearchOption.AllDirectories).Where(f => !f.Contains("docs", StringComparison.Ordinal)))
            {
                var target = Path.Combine(spec, Path.GetFileName(release), Path.GetRelativePath(release, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var melding = Path.Combine(_root.FullName, "melding.json");
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(Spec, "1.0", "voorbeelden", "geldig", "melding-woningbrand.json")))!;
        var text = data["omschrijving"]!.ToJsonString();
        File.WriteAllText(melding, new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "m-1", ["source"] = "urn:nld:oin:00000004000000042000", ["type"] = "nl.veiligheidsregio.melding.v1",
            ["time"] = "2026-11-20T21:40:00+01:00", ["datacontenttype"] = "application/json",
            ["dataschema"] = "https://vr-standaarden.github.io/spec/1.0/schemas/melding.schema.json", ["tlp"] = "TLP:AMBER",
            ["doelbinding"] = "incidentbestrijding", ["bewaartermijn"] = "P30D", ["data"] = data,
        }.ToJsonString());
        var (exit, stdout, stderr) = Vr.Run("migrate", "--to", "2.0", "--spec", spec, melding);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"{melding}: /data/omschrijving: dropped {text}: Vrije tekst over personen", stderr, StringComparison.Ordinal);
        Assert.Equal("nl.veiligheidsregio.melding.v2", JsonNode.Parse(stdout)!["type"]!.GetValue<string>());

        var unknown = Path.Combine(_root.FullName, "onbekend.json");
        File.WriteAllText(unknown, """{"dataschema":"https://example.org/x.json"}""");
        var (badExit, _, badErr) = Vr.Run("migrate", "--to", "1.1", unknown);
        Assert.Equal(1, badExit);
        Assert.Contains($"{unknown}: /dataschema: 'https://example.org/x.json' is not a schema of a release known here", badErr, StringComparison.Ordinal);

        Assert.Equal(2, Vr.Run("migrate", melding).Exit);

        // A migration file that points at a property that does not exist: refused, naming the file and the step.
        var migration = Path.Combine(spec, "2.0", "migraties", "van-1.1.json");
        File.WriteAllText(migration, File.ReadAllText(migration).Replace("\"van\": \"/fase\"", "\"van\": \"/faze\"", StringComparison.Ordinal));
        var (brokenExit, _, brokenErr) = Vr.Run("migrate", "--to", "2.0", "--spec", spec, melding);
        Assert.Equal(2, brokenExit);
        Assert.Contains($"{migration}: /stappen/0/van: /faze is not a property of incident in release 1.1.", brokenErr, StringComparison.Ordinal);
    }
}
