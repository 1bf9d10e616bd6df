using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr send and vr receive as written, over a real nats-server and a real HTTP listener.</summary>
public sealed class TransportCommandTests : IDisposable
{
    private const string Oin = "00000004000000042000";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-transport-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_root.FullName, name);

    private static string Example(string name) => System.IO.Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.1", "voorbeelden", "geldig", name);

    [Theory]
    [InlineData(new[] { "send", "nats://127.0.0.1:4222/vr.15.incident" }, "give one or more messages")]
    [InlineData(new[] { "send", "ftp://127.0.0.1/x", "x.json" }, "neither nats://")]
    [InlineData(new[] { "send", "nats://127.0.0.1:4222/incidenten", "x.json" }, "not in the scheme vr.<node>.<entity>")]
    [InlineData(new[] { "send", "nats://127.0.0.1:4222/vr.99.incident", "x.json" }, "not a safety region")]
    [InlineData(new[] { "receive", "nats://127.0.0.1:4222/vr.15.>", "--out", "x", "--register", "r.json" }, "--register and --recipient go together")]
    [InlineData(new[] { "receive", "nats://127.0.0.1:4222/vr.15.>" }, "--out")]
    public void Usage_errors_exit_2_and_say_what_is_wrong(string[] args, string text)
    {
        File.WriteAllText(Path("x.json"), "{}");
        var (exit, _, stderr) = Vr.Run([.. args.Select(a => a == "x.json" ? Path("x.json") : a)]);
        Assert.Equal(2, exit);
        Assert.Contains(text, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_sent_over_nats_are_received_into_files_named_after_their_id_and_refusals_are_printed_with_their_code()
    {
        using var server = NatsServer.StartJetStream();
        var invalid = JsonNode.Parse(File.ReadAllText(Example("bericht-incident-envelop.json")))!;
        invalid["id"] = "ongeldig-1";
        invalid["data"]!["grip"]!["niveau"] = "GRIP9";
        File.WriteAllText(Path("ongeldig.json"), invalid.ToJsonString());
        File.WriteAllText(Path("kapot.json"), "{\"id\":");

        var (exit, stdout, stderr) = Vr.Run("send", $"{server.Url}/vr.15.incident", Example("bericht-incident-envelop.json"), Example("bericht-waarschuwing-envelop.json"), Path("ongeldig.json"), Path("kapot.json"));
        Assert.Equal(1, exit);
        Assert.Contains($"{Example("bericht-incident-envelop.json")}: acknowledged", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path("ongeldig.json")}: acknowledged", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path("kapot.json")}: ", stderr, StringComparison.Ordinal);
        Assert.Equal(0, Vr.Run("send", $"{server.Url}/vr.15.incident", Example("bericht-incident-envelop.json")).Exit);

        var received = Vr.Run("receive", $"{server.Url}/vr.15.incident", "--out", Path("uit"), "--max", "3");
        Assert.Equal(1, received.Exit);
        Assert.Equal(1, received.Err.Split('\n').Count(l => l.Contains("signatures are not checked", StringComparison.Ordinal)));
        Assert.Contains("accepted 0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11", received.Out, StringComparison.Ordinal);
        Assert.Contains("refused ongeldig-1 VR-SCHEMA-001 at /data/grip/niveau", received.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path("uit/0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11.json")));
        Assert.False(File.Exists(Path("uit/ongeldig-1.json")));
        Assert.Equal(File.ReadAllBytes(Example("bericht-incident-envelop.json")), File.ReadAllBytes(Path("uit/0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11.json")));
    }

    [Fact]
    public async Task With_trust_anchors_an_unsigned_message_is_refused_and_a_signed_one_accepted_over_http()
    {
        CliPki.Write(_root.FullName, Oin);
        var signed = Vr.Run("sign", "--key", Path("leaf.key"), "--cert", Path("leaf.pem"), "-o", Path("getekend.json"), Example("bericht-incident-envelop.json"));
        Assert.Equal(0, signed.Exit);
        var port = NatsServer.FreePort();
        var url = $"http://127.0.0.1:{port}/berichten";
        var receiving = Task.Run(() => Vr.Run("receive", url, "--out", Path("uit"), "--trust", Path("root.pem"), "--max", "2"));
        await WaitForPortAsync(port);

        var unsigned = Vr.Run("send", url, Example("bericht-waarschuwing-envelop.json"));
        Assert.Equal(1, unsigned.Exit);
        Assert.Contains("refused VR-SIG-001", unsigned.Out, StringComparison.Ordinal);
        var sent = Vr.Run("send", url, "--mode", "binary", Path("getekend.json"));
        Assert.True(sent.Exit == 0, sent.Out + sent.Err);

        var (exit, stdout, stderr) = await receiving;
        Assert.Equal(1, exit);
        Assert.DoesNotContain("signatures are not checked", stderr, StringComparison.Ordinal);
        Assert.Contains("refused 7d3f0e52-8b1c-4f7e-9b63-1c2d3e4f5a6b VR-SIG-001", stdout, StringComparison.Ordinal);
        Assert.Contains("accepted 0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path("uit/0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11.json")));
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listens on port {port}.");
    }
}
