using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>The vr tool against what a hostile sender tries: a member name given twice, a signature dated back.</summary>
public sealed class WeerbaarheidCommandTests : IDisposable
{
    private const string Oin = "00000004000000042000";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-weerbaar-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_root.FullName, name);

    private static string Example(string name) => System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.1", "voorbeelden", "geldig", name);

    /// <summary>The incident example with its GRIP level given twice, written to a file.</summary>
    private string Poisoned()
    {
        var text = JsonNode.Parse(File.ReadAllText(Example("bericht-incident-envelop.json")))!.ToJsonString();
        var at = text.IndexOf("\"niveau\":\"GRIP1\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(Path("dubbel.json"), text.Insert(at, "\"niveau\":\"GRIP4\","));
        return Path("dubbel.json");
    }

    [Fact]
    public void Vr_validate_calls_a_member_name_given_twice_invalid_at_the_member_in_every_mode()
    {
        var (exit, stdout, _) = Vr.Run("validate", Poisoned());
        Assert.Equal(1, exit);
        Assert.Contains("/data/grip/niveau: error VR-JSON-004: Duplicate member name 'niveau'", stdout, StringComparison.Ordinal);

        var schema = System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.1", "schemas", "bericht.schema.json");
        (exit, stdout, _) = Vr.Run("validate", "--schema", schema, Poisoned());
        Assert.Equal(1, exit);
        Assert.Contains(": invalid", stdout, StringComparison.Ordinal);
        Assert.Contains("Duplicate member name 'niveau'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Vr_share_refuses_it_with_its_code_instead_of_crashing()
    {
        File.WriteAllText(Path("afnemers.json"), """
            {"afnemers": [{"oin": "00000004000000015000", "naam": "GHOR", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]}]}
            """);
        var (exit, stdout, stderr) = Vr.Run("share", "--register", Path("afnemers.json"), "--recipient", "00000004000000015000", Poisoned());
        Assert.Equal(1, exit);
        var decision = JsonNode.Parse(stdout)!;
        Assert.Equal(("refuse", "VR-JSON-004"), ((string?)decision["decision"], (string?)decision["codes"]![0]));
        Assert.Contains("/data/grip/niveau", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Vr_verify_judges_certificates_now_or_at_the_moment_an_audit_names()
    {
        CliPki.Write(_root.FullName, Oin);
        // A message that says it was made in 2019, long before the certificate: the date it claims is not what counts.
        var message = JsonNode.Parse(File.ReadAllText(Example("bericht-rood-met-ontvangers.json")))!;
        message["time"] = "2019-03-01T10:00:00Z";
        File.WriteAllText(Path("oud.json"), message.ToJsonString());
        var (exit, signed, stderr) = Vr.Run("sign", "--key", Path("leaf.key"), "--cert", Path("leaf.pem"), Path("oud.json"));
        Assert.True(exit == 0, stderr);
        File.WriteAllText(Path("signed.json"), signed);

        var (verified, line, _) = Vr.Run("verify", "--trust", Path("root.pem"), Path("signed.json"));
        Assert.Equal(0, verified);
        Assert.Equal($"{Path("signed.json")}: verified {Oin}", line.Trim());

        var (audit, refused, _) = Vr.Run("verify", "--trust", Path("root.pem"), "--at", "2019-03-01T10:00:00Z", Path("signed.json"));
        Assert.Equal(1, audit);
        Assert.StartsWith($"{Path("signed.json")}: refused VR-SIG-008", refused.Trim(), StringComparison.Ordinal);

        var (usage, _, error) = Vr.Run("verify", "--trust", Path("root.pem"), "--at", "gisteren", Path("signed.json"));
        Assert.Equal(2, usage);
        Assert.Contains("--at 'gisteren'", error, StringComparison.Ordinal);
    }
}
