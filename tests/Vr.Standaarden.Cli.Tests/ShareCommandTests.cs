using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr share --register &lt;afnemers.json&gt; --recipient &lt;OIN&gt; &lt;message.json&gt; as written.</summary>
public sealed class ShareCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-share-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void The_decision_is_json_with_its_codes_and_the_message_as_delivered()
    {
        var register = Path.Combine(_root.FullName, "afnemers.json");
        File.WriteAllText(register, """
            {"afnemers": [
              {"oin": "00000004000000015000", "naam": "GHOR", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
              {"oin": "00000001823288444000", "naam": "Gemeente", "doelen": ["bevolkingszorg"]}
            ]}
            """);
        // The example, without its expirytime (it expired; that refusal is tested in the library).
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.1", "voorbeelden", "geldig", "bericht-rood-met-ontvangers.json")))!.AsObject();
        example.Remove("expirytime");
        var message = Path.Combine(_root.FullName, "bericht.json");
        File.WriteAllText(message, example.ToJsonString());

        var (exit, stdout, _) = Vr.Run("share", "--register", register, "--recipient", "00000004000000015000", message);
        Assert.Equal(0, exit);
        var result = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["decision", "codes", "message"], result.Select(p => p.Key));
        Assert.Equal("deliver", result["decision"]!.GetValue<string>());
        Assert.Empty(result["codes"]!.AsArray());
        Assert.Equal("TLP:RED", result["message"]!["tlp"]!.GetValue<string>());

        var (refusedExit, refused, stderr) = Vr.Run("share", "--register", register, "--recipient", "00000001823288444000", message);
        Assert.Equal(1, refusedExit);
        var decision = JsonNode.Parse(refused)!.AsObject();
        Assert.Equal("refuse", decision["decision"]!.GetValue<string>());
        Assert.Equal(["VR-DEEL-006"], decision["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.False(decision.ContainsKey("message"));
        Assert.Contains("VR-DEEL-006", stderr, StringComparison.Ordinal);

        Assert.Equal(2, Vr.Run("share", "--recipient", "00000004000000015000", message).Exit);
        File.WriteAllText(register, """{"afnemers": [{"oin": "kort", "naam": "X", "doelen": []}]}""");
        var (badExit, _, badErr) = Vr.Run("share", "--register", register, "--recipient", "00000004000000015000", message);
        Assert.Equal(2, badExit);
        Assert.Contains("/afnemers/0/oin", badErr, StringComparison.Ordinal);
    }
}

/// <summary>vr audit verify: an intact file, a broken one, and one cut off the end.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-audit-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Intact_broken_and_cut_files_are_told_apart()
    {
        var path = Path.Combine(_root.FullName, "audit.jsonl");
        var prev = Uitwisseling.AuditLog.Genesis;
        var lines = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var line = "{\"seq\":" + i + ",\"prev\":\"" + prev + "\",\"trace_id\":\"0\",\"span_id\":\"" + i + "\",\"name\":\"vr.bericht.verzonden\",\"status_code\":1,\"start_time\":\"t\",\"end_time\":\"t\",\"attributes\":{}}";
            lines.Add(line);
            prev = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(line)));
        }

        File.WriteAllLines(path, lines);
        var (exit, stdout, _) = Vr.Run("audit", "verify", path);
        Assert.Equal(0, exit);
        Assert.Equal($"{path}: intact 3 records, last {prev}\n", stdout);

        File.WriteAllLines(path, lines.Take(2));
        Assert.Equal(0, Vr.Run("audit", "verify", path).Exit);
        var (cutExit, cut, _) = Vr.Run("audit", "verify", path, "--last", prev);
        Assert.Equal(1, cutExit);
        Assert.Contains("cut off the end", cut, StringComparison.Ordinal);

        File.WriteAllLines(path, [lines[0], lines[2]]);
        var (brokenExit, broken, _) = Vr.Run("audit", "verify", path);
        Assert.Equal(1, brokenExit);
        Assert.Contains("broken line 2: sequence 3 where 2 was expected", broken, StringComparison.Ordinal);
        Assert.Equal(2, Vr.Run("audit", "verify", Path.Combine(_root.FullName, "nope.jsonl")).Exit);
    }
}
