using System.Text;
using System.Text.Json.Nodes;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Uitwisseling.Tests;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>A regional node forwards to the national node over JetStream (a real nats-server), and TLP and doelbinding hold at both hops.</summary>
public sealed class RollupTests : IDisposable
{
    private const string RegionOrg = "00000099150000000000";
    private const string RegionNode = "00000099150000000001";
    private const string Gms = "urn:nld:oin:00000099150000000010:systeem:GMS";
    private const string National = "00000099990000000000";
    private const string Outsider = "00000099070000000000";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-rollup-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    // The national node is registered for "bijzonder" personal data: release 1.1 marks a situatiebeeld's beeld so, and
    // without it the policy withholds the node's reports (the national picture is then built from the messages alone).
    private static RecipientRegister Register() => RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{RegionOrg}}", "naam": "VR15", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding", "crisisbeheersing", "evaluatie"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{RegionNode}}", "naam": "VR15 knooppunt", "organisatie": "{{RegionOrg}}", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding", "crisisbeheersing", "evaluatie"], "persoonsgegevens": ["gewoon"]},
          {"oin": "00000099150000000010", "naam": "VR15 GMS", "organisatie": "{{RegionOrg}}", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"]},
          {"oin": "{{National}}", "naam": "Landelijk knooppunt", "klantVan": ["{{RegionOrg}}"], "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon", "bijzonder"]},
          {"oin": "{{Outsider}}", "naam": "VR07", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"]}
        ]}
        """));

    [Fact]
    public async Task The_national_picture_is_built_from_the_regional_node_over_jetstream_without_what_the_register_withholds()
    {
        using var server = NatsServer.StartJetStream();
        await using var connection = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(connection);
        await NatsStreams.EnsureNodeAsync(js, "landelijk");
        var register = Register();

        // The region's record: an AMBER incident for incidentbestrijding, a RED one addressed to another region, and
        // one whose doelbinding is evaluation only.
        using var regional = new KnooppuntIngest(Path.Combine(_folder, "regio.db"));
        regional.Ingest(Message(1, "INC-15-1", "TLP:AMBER", "incidentbestrijding"));
        regional.Ingest(Message(2, "INC-15-2", "TLP:RED", "incidentbestrijding", red: Outsider));
        regional.Ingest(Message(3, "INC-15-3", "TLP:AMBER", "evaluatie"));
        using var forwarder = new KnooppuntForwarder(regional, new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }), new ForwarderOptions
        {
            Name = "landelijk",
            Policy = new SharingPolicy(register),
            Recipient = National,
            ReportSource = $"urn:nld:oin:{RegionNode}:systeem:knooppunt",
        });
        var first = await forwarder.ForwardAsync();
        Assert.Equal((1, 2, 0, 0), (first.Forwarded, first.Withheld, first.RefusedByRecipient, first.Pending));
        // The node's own picture of each incident is a situatiebeeld in its record, shared no wider than its sources.
        var reports = regional.Read(p => p.Entities("situatiebeeld"));
        Assert.Equal([("SB-INC-15-1", "TLP:AMBER"), ("SB-INC-15-2", "TLP:RED"), ("SB-INC-15-3", "TLP:AMBER")], reports.Select(r => (r.Id, r.Tlp)));

        // The next pass forwards the reports the national node may have (one), and a third has nothing left.
        var second = await forwarder.ForwardAsync();
        Assert.Equal((1, 2), (second.Forwarded, second.Withheld));
        Assert.Equal(0, (await forwarder.ForwardAsync()).Forwarded);

        // The national node reads its stream and applies its own policy again.
        using var national = new KnooppuntIngest(Path.Combine(_folder, "landelijk.db"));
        var receiver = national.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verification = VerificationMode.Off,
            Policy = new SharingPolicy(register),
            Recipient = National,
            Deduplication = DeduplicationMode.Off,
        }));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "landelijk", Consumer = "knooppunt" }), cts.Token);
        while (national.Log.Count < 2 && !cts.IsCancellationRequested)
        {
            await Task.Delay(100);
        }

        // Forwarding again after a restart of the forwarder sends nothing new, and a message sent twice is one effect.
        using (var again = new KnooppuntForwarder(regional, new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }), new ForwarderOptions { Name = "landelijk", Policy = new SharingPolicy(register), Recipient = National }))
        {
            Assert.Equal(0, (await again.ForwardAsync()).Forwarded);
        }

        await new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }).SendAsync([TransportMessage.Parse(Encoding.UTF8.GetBytes(Message(1, "INC-15-1", "TLP:AMBER", "incidentbestrijding").ToJsonString()))]);
        await Task.Delay(500);
        await cts.CancelAsync();
        await running;

        Assert.Equal(2, national.Log.Count);
        Assert.Equal(["INC-15-1"], national.Read(p => p.IncidentIds));
        var nationalReport = Assert.Single(national.Read(p => p.Entities("situatiebeeld")));
        Assert.Equal("INC-15-1", (string?)nationalReport.Data["incidentId"]);
        Assert.Equal(Gms, national.Read(p => p.Incident("INC-15-1"))!.Fields["grip"].Herkomst.Source);
    }

    [Fact]
    public async Task While_the_next_node_is_unreachable_nothing_is_skipped_and_forwarding_resumes_where_it_stopped()
    {
        using var regional = new KnooppuntIngest(Path.Combine(_folder, "regio.db"));
        regional.Ingest(Message(1, "INC-15-1", "TLP:AMBER", "incidentbestrijding"));
        regional.Ingest(Message(2, "INC-15-2", "TLP:AMBER", "incidentbestrijding"));
        var options = new ForwarderOptions { Name = "landelijk", Policy = new SharingPolicy(Register()), Recipient = National };

        // Nothing listens on this port: every delivery fails, and the forwarder's place in the record stays.
        using var client = new HttpClient();
        var down = new Transport.Http.HttpMessageSender(client, new Uri($"http://127.0.0.1:{NatsServer.FreePort()}/berichten"), new Transport.Http.HttpSenderOptions { MaxRetryAttempts = 0 });
        using (var failing = new KnooppuntForwarder(regional, down, options))
        {
            var result = await failing.ForwardAsync();
            Assert.Equal((0, 2), (result.Forwarded, result.Pending));
        }

        Assert.Equal(0, regional.Log.Cursor("landelijk"));
        var channel = new InProcessChannel();
        using var working = new KnooppuntForwarder(regional, channel, options);
        Assert.Equal(2, (await working.ForwardAsync()).Forwarded);
        channel.Complete();
        var ids = new List<string>();
        await foreach (var incoming in channel.ReadAllAsync())
        {
            ids.Add(TransportMessage.Parse(incoming.Utf8).Id);
            await incoming.AcknowledgeAsync();
        }

        Assert.Equal(["GMS-1", "GMS-2"], ids);
        Assert.Equal(2, regional.Log.Cursor("landelijk"));
    }

    [Fact]
    public async Task A_signed_message_passes_the_regional_node_unchanged_and_still_verifies_at_the_national_node()
    {
        var authority = TestPki.Authority();
        var leaf = TestPki.Leaf(authority.Intermediate, "00000099150000000010", System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256));
        var verifier = new VerifierOptions();
        verifier.TrustAnchors.Add(authority.Root);
        var signed = new MessageSigner(leaf, [authority.Intermediate]).Sign(Encoding.UTF8.GetBytes(Message(1, "INC-15-1", "TLP:AMBER", "incidentbestrijding").ToJsonString()));

        using var regional = new KnooppuntIngest(Path.Combine(_folder, "regio.db"));
        var regionalReceiver = regional.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verifier = new MessageVerifier(verifier),
            Policy = new SharingPolicy(Register()),
            Recipient = RegionNode,
            Inbox = regional.Inbox,
        }));
        var first = await regionalReceiver.ReceiveAsync(signed);
        Assert.True(first.Status == ReceiveStatus.Accepted, string.Join("; ", first.Problems));
        Assert.Equal(ReceiveStatus.Duplicate, (await regionalReceiver.ReceiveAsync(signed)).Status);

        var channel = new InProcessChannel();
        using var forwarder = new KnooppuntForwarder(regional, channel, new ForwarderOptions { Name = "landelijk", Policy = new SharingPolicy(Register()), Recipient = National });
        Assert.Equal(1, (await forwarder.ForwardAsync()).Forwarded);
        channel.Complete();

        using var national = new KnooppuntIngest(Path.Combine(_folder, "landelijk.db"));
        var nationalReceiver = national.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verifier = new MessageVerifier(verifier),
            Policy = new SharingPolicy(Register()),
            Recipient = National,
            Inbox = national.Inbox,
        }));
        var outcomes = new List<ReceiveOutcome>();
        nationalReceiver.Completed += (_, o) => outcomes.Add(o);
        await nationalReceiver.RunAsync(channel);
        Assert.Equal(ReceiveStatus.Accepted, Assert.Single(outcomes).Status);
        Assert.Equal(["INC-15-1"], national.Read(p => p.IncidentIds));
    }

    private static JsonObject Message(int number, string id, string tlp, string purpose, string? red = null)
    {
        var message = TestIncidents.Message(Gms, number, new DateTimeOffset(2026, 11, 20, 21, number, 0, TimeSpan.FromHours(1)), data => data["id"] = id);
        message["subject"] = id;
        message["correlationid"] = id;
        message["tlp"] = tlp;
        message["doelbinding"] = purpose;
        message.Remove("expirytime");
        if (red is not null)
        {
            message["ontvangers"] = red;
        }

        return message;
    }
}
