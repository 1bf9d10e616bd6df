using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr sign and vr verify as written: the signed message out, and one line per message with its verdict.</summary>
public sealed class SignCommandTests : IDisposable
{
    private const string Oin = "00000004000000042000";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-sign-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_root.FullName, name);

    private void MakePki() => CliPki.Write(_root.FullName, Oin);

    [Fact]
    public void A_message_signed_with_vr_sign_is_verified_by_vr_verify_and_a_changed_one_is_refused()
    {
        MakePki();
        var message = System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.1", "voorbeelden", "geldig", "bericht-rood-met-ontvangers.json");
        var (exit, stdout, stderr) = Vr.Run("sign", "--key", Path("leaf.key"), "--cert", Path("leaf.pem"), message);
        Assert.True(exit == 0, stderr);
        File.WriteAllText(Path("signed.json"), stdout);
        Assert.Equal(0, Vr.Run("sign", "--key", Path("leaf.key"), "--cert", Path("leaf.pem"), "-o", Path("signed2.json"), message).Exit);

        var changed = JsonNode.Parse(stdout)!;
        changed["data"]!["id"] = "INC-15-2026-0043";
        File.WriteAllText(Path("changed.json"), changed.ToJsonString());

        var (verifyExit, lines, _) = Vr.Run("verify", "--trust", Path("root.pem"), Path("signed.json"), Path("signed2.json"), Path("changed.json"));
        Assert.Equal(1, verifyExit);
        var output = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{Path("signed.json")}: verified {Oin}", output[0]);
        Assert.Equal($"{Path("signed2.json")}: verified {Oin}", output[1]);
        Assert.StartsWith($"{Path("changed.json")}: refused VR-SIG-011 The signature does not verify", output[2], StringComparison.Ordinal);
        Assert.Equal(0, Vr.Run("verify", "--trust", Path("root.pem"), Path("signed.json")).Exit);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        MakePki();
        Assert.Equal(2, Vr.Run("verify", Path("signed.json")).Exit);
        Assert.Equal(2, Vr.Run("sign", "--key", Path("leaf.key"), Path("x.json")).Exit);
        Assert.Equal(2, Vr.Run("sign", "--key", Path("root.pem"), "--cert", Path("leaf.pem"), Path("x.json")).Exit);
        Assert.Equal(2, Vr.Run("verify", "--trust", Path("leaf.key"), Path("x.json")).Exit);
        File.WriteAllText(Path("dup.json"), """{"a":1,"a":2}""");
        var (exit, _, stderr) = Vr.Run("sign", "--key", Path("leaf.key"), "--cert", Path("leaf.pem"), Path("dup.json"));
        Assert.Equal(1, exit);
        Assert.Contains("/a: The member name 'a' occurs twice", stderr, StringComparison.Ordinal);
    }
}
