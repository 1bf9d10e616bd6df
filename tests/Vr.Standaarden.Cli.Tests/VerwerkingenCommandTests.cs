using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr verwerkingen --data &lt;folder&gt; [--van --tot] [--verify] as written.</summary>
public sealed class VerwerkingenCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-verwerkingen-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public void The_processing_log_is_exported_as_audit_lines_and_its_chain_checked()
    {
        var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes("""
            {"afnemers": [{"oin": "00000004000000015000", "naam": "GHOR", "klantVan": ["00000004000000042000"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]}]}
            """));
        var data = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/melding-woningbrand.json")!.Utf8.Span)!.AsObject();
        var message = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "MK-1", ["source"] = "urn:nld:oin:00000004000000042000:systeem:GMS", ["type"] = "nl.veiligheidsregio.melding.v1",
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["dataschema"] = $"{Standard.BaseUri}{Standard.Newest.Name}/schemas/melding.schema.json", ["tlp"] = "TLP:AMBER", ["doelbinding"] = "incidentbestrijding", ["data"] = data,
        };
        using (var ingest = new KnooppuntIngest(Path.Combine(_root.FullName, "berichten.db")))
        {
            ingest.Ingest(message);
            var policy = new SharingPolicy(register);
            for (var i = 0; i < 3; i++)
            {
                ingest.ReadAs(register.Find("00000004000000015000")!, policy, null, "GET /situatiebeeld", p => p.Entities("melding").Count);
            }
        }

        var (exit, stdout, _) = Vr.Run("verwerkingen", "--data", _root.FullName);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal("00000004000000015000", (string?)JsonNode.Parse(line)!["attributes"]!["vr.afnemer"]));
        File.WriteAllLines(Path.Combine(_root.FullName, "export.jsonl"), lines);
        Assert.Equal(0, Vr.Run("audit", "verify", Path.Combine(_root.FullName, "export.jsonl")).Exit);
        Assert.Empty(Vr.Run("verwerkingen", "--data", _root.FullName, "--tot", "2020-01-01T00:00:00Z").Out.Trim());

        (exit, stdout, _) = Vr.Run("verwerkingen", "--data", _root.FullName, "--verify");
        Assert.Equal(0, exit);
        Assert.StartsWith("intact 3 records, last ", stdout, StringComparison.Ordinal);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_root.FullName, "berichten.db")};Pooling=False"))
        {
            connection.Open();
            using var change = connection.CreateCommand();
            change.CommandText = "UPDATE verwerkingen SET regel = replace(regel, '00000004000000015000', '00000004000000016000') WHERE volgnummer = 2";
            Assert.Equal(1, change.ExecuteNonQuery());
        }

        (exit, stdout, _) = Vr.Run("verwerkingen", "--data", _root.FullName, "--verify");
        Assert.Equal(1, exit);
        Assert.StartsWith("broken line 3", stdout, StringComparison.Ordinal);
        Assert.Equal(2, Vr.Run("verwerkingen", "--data", Path.Combine(_root.FullName, "nergens")).Exit);

        // A moment without an offset (local time of which machine?) or in another notation is a usage error.
        foreach (var loose in new[] { "2026-12-01", "2026-12-01T10:00:00", "12/01/2026 10:00", "2026-12-01 10:00:00Z" })
        {
            Assert.Equal(2, Vr.Run("verwerkingen", "--data", _root.FullName, "--van", loose).Exit);
        }
    }
}
