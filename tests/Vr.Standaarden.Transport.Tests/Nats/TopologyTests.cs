using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Nats;
using Xunit.Abstractions;

namespace Vr.Standaarden.Transport.Tests.Nats;

public sealed class TopologyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Region_and_hub_keep_publishing_through_a_30_second_link_outage_and_both_pictures_catch_up()
    {
        using var topology = new NatsTopology();
        await topology.WaitForLinkAsync();
        await using var regionConnection = new NatsConnection(new NatsOpts { Url = NatsTopology.UrlOf(topology.Region) });
        await using var hubConnection = new NatsConnection(new NatsOpts { Url = NatsTopology.UrlOf(topology.Hub) });
        var region = new NatsJSContext(regionConnection);
        var hub = new NatsJSContext(hubConnection);
        await NatsStreams.EnsureNodeAsync(region, "VR06", sources: [new NatsSourceNode("landelijk", "landelijk")]);
        await NatsStreams.EnsureNodeAsync(hub, "landelijk", sources: [new NatsSourceNode("VR06", "vr06")]);

        var regionSender = new NatsMessageSender(region, new NatsSenderOptions { Node = "VR06" });
        var hubSender = new NatsMessageSender(hub, new NatsSenderOptions { Node = "landelijk" });
        const int PerPhase = 100;
        var sent = 0;
        var acknowledgedDuringOutage = 0;

        async Task PublishAsync(int phase, bool duringOutage)
        {
            for (var i = 0; i < PerPhase; i++)
            {
                var n = (phase * PerPhase) + i;
                var outcomes = await Task.WhenAll(
                    regionSender.SendAsync(TestMessages.Incident(n, "urn:nld:oin:00000004000000042000:systeem:GMS06")),
                    hubSender.SendAsync(TestMessages.Incident(n, "urn:nld:oin:00000001003214345000:systeem:LCMS")));
                sent += 2;
                Assert.All(outcomes, o => Assert.Equal(DeliveryStatus.Accepted, o.Status));
                acknowledgedDuringOutage += duringOutage ? 2 : 0;
                if (duringOutage)
                {
                    await Task.Delay(280);
                }
            }
        }

        await PublishAsync(0, false);
        topology.Link.Down();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        await PublishAsync(1, true);
        // Task.Delay may wake a timer tick before the stopwatch says the time is up: wait until the stopwatch agrees.
        while (outage.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(30) - outage.Elapsed + TimeSpan.FromMilliseconds(20));
        }

        var outageSeconds = outage.Elapsed.TotalSeconds;
        topology.Link.Up();
        await PublishAsync(2, false);

        var expected = 3 * PerPhase * 2;
        var national = await WaitForCountAsync(hub, "VRLANDELIJK", expected);
        var regional = await WaitForCountAsync(region, "VR06", expected);
        var nationalKeys = await KeysAsync(hub, "VRLANDELIJK");
        var regionalKeys = await KeysAsync(region, "VR06");

        FaultReport.Write(output, "leaf link down 30 s (national picture)", sent, nationalKeys.Distinct().Count(), nationalKeys.Count - nationalKeys.Distinct().Count(), sent - nationalKeys.Distinct().Count(), $"outage {outageSeconds:0} s, {acknowledgedDuringOutage} publishes acknowledged during it");
        FaultReport.Write(output, "leaf link down 30 s (regional picture)", sent, regionalKeys.Distinct().Count(), regionalKeys.Count - regionalKeys.Distinct().Count(), sent - regionalKeys.Distinct().Count());
        Assert.True(outageSeconds >= 30);
        Assert.Equal(PerPhase * 2, acknowledgedDuringOutage);
        Assert.Equal(expected, national);
        Assert.Equal(expected, regional);
        Assert.Equal(expected, nationalKeys.Distinct().Count());
        Assert.Equal(expected, regionalKeys.Distinct().Count());
    }

    [Fact]
    public async Task A_regional_server_without_a_certificate_of_the_hubs_anchors_never_links_though_it_knows_the_password()
    {
        using var topology = new NatsTopology();
        await topology.WaitForLinkAsync();

        // A server with a certificate of another authority (and the right password), and one that does not trust the
        // hub's certificate: the hub refuses the first in the handshake, the second refuses the hub.
        using (var other = NatsTopology.Authority("Another CA"))
        {
            topology.Issue(other, "vr07", "vr07", server: false);
            System.IO.File.WriteAllText(Path.Combine(topology.Folder, "other-ca.pem"), other.ExportCertificatePem());
        }

        using var stranger = topology.StartRegion("vr07", "vr07", Path.Combine(topology.Folder, "ca.pem"));
        using var distrustful = topology.StartRegion("vr08", "vr06", Path.Combine(topology.Folder, "other-ca.pem"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(stranger.Log().Contains("Leafnode connection closed", StringComparison.Ordinal) && distrustful.Log().Contains("Leafnode connection closed", StringComparison.Ordinal)))
        {
            await Task.Delay(200);
        }

        // Each has tried (and failed) at least once by now; give them a few more attempts.
        await Task.Delay(3000);
        output.WriteLine("vr07: " + stranger.Log());
        output.WriteLine("vr08: " + distrustful.Log());
        await AssertNotLinkedAsync(stranger);
        await AssertNotLinkedAsync(distrustful);
        Assert.Contains("TLS Handshake Failure", stranger.Log() + distrustful.Log(), StringComparison.Ordinal);
        Assert.Contains("certificate signed by unknown authority", distrustful.Log(), StringComparison.Ordinal);
        Assert.Contains("TLS leafnode handshake error", topology.Hub.Log(), StringComparison.Ordinal);

        // The region with the right certificate is linked all along.
        Assert.True(NatsTopology.IsLinked(topology.Region.Log()));
    }

    /// <summary>
    /// Asserts that every leaf connection the server's log shows open is closed two seconds later: a refused handshake
    /// closes within milliseconds of its connection being created, a link stays.
    /// </summary>
    private static async Task AssertNotLinkedAsync(NatsServer server)
    {
        var open = NatsTopology.OpenLinks(server.Log());
        if (open.Count > 0)
        {
            await Task.Delay(2000);
            open.IntersectWith(NatsTopology.OpenLinks(server.Log()));
        }

        Assert.Empty(open);
    }

    [Fact]
    public async Task A_system_may_publish_only_its_own_regions_subjects()
    {
        using var topology = new NatsTopology();
        await using var watcher = new NatsConnection(new NatsOpts { Url = NatsTopology.UrlOf(topology.Hub) });
        var seen = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var subscription = await watcher.SubscribeCoreAsync<byte[]>("vr.>", cancellationToken: cts.Token);
        await watcher.PingAsync();

        await using var meldkamer = new NatsConnection(topology.As(topology.Region06));
        await meldkamer.PublishAsync("vr.07.melding", "{}"u8.ToArray());
        await meldkamer.PublishAsync("vr.06.melding", "{}"u8.ToArray());
        await meldkamer.PingAsync();

        await foreach (var message in subscription.Msgs.ReadAllAsync(cts.Token))
        {
            seen.Add(message.Subject);
            if (message.Subject == "vr.06.melding")
            {
                break;
            }
        }

        // Region 06's account imports only its own subjects from the national account: a subscriber to vr.> there saw
        // only vr.06.melding, although vr.07.melding was published first on the same connection.
        Assert.Equal(["vr.06.melding"], seen);
    }

    [Fact]
    public async Task A_regions_nkey_reads_its_own_regions_stream_and_neither_writes_nor_reads_another_regions()
    {
        using var topology = new NatsTopology();
        await using var node = new NatsConnection(new NatsOpts { Url = NatsTopology.UrlOf(topology.Hub) });
        var hub = new NatsJSContext(node);
        foreach (var region in new[] { "VR06", "VR07" })
        {
            await NatsStreams.EnsureNodeAsync(hub, region);
            await hub.PublishAsync($"vr.{region[2..]}.melding", "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = region + "-1" });
        }

        // Without its seed the key is nothing: a connection that names the public key but signs with another seed fails.
        using var impostor = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);
        await using (var forged = new NatsConnection(topology.As(topology.Region06) with { AuthOpts = new NatsAuthOpts { NKey = topology.Region06.GetPublicKey(), Seed = impostor.GetSeed() }, MaxReconnectRetry = 0 }))
        {
            await Assert.ThrowsAnyAsync<NatsException>(async () => await forged.ConnectAsync());
        }

        await using var vr06 = new NatsConnection(topology.As(topology.Region06) with { RequestTimeout = TimeSpan.FromSeconds(3) });
        // The national JetStream API comes into region 06's account under the prefix $JS.VR.API (its own $JS.API answers
        // that the account has no JetStream).
        var own = new NatsJSContext(vr06, new NatsJSOpts(vr06.Opts, apiPrefix: "$JS.VR.API"));
        var consumer = await own.CreateOrUpdateConsumerAsync("VR06", new NATS.Client.JetStream.Models.ConsumerConfig("vr06-lezer"));
        var read = 0;
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 10, Expires = TimeSpan.FromSeconds(2) }))
        {
            Assert.Equal("vr.06.melding", message.Subject);
            read++;
        }

        Assert.Equal(1, read);

        // Published through JetStream, region 06's message is stored in its stream and acknowledged across the accounts.
        var ack = await own.PublishAsync("vr.06.melding", "{}"u8.ToArray(), opts: new NatsJSPubOpts { MsgId = "VR06-2" });
        Assert.Equal("VR06", ack.Stream);
        Assert.Equal(2, (await hub.GetStreamAsync("VR06")).Info.State.Messages);

        // Region 07's stream: no consumer for region 06's key, and what it publishes on region 07's subjects never lands there.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => own.CreateOrUpdateConsumerAsync("VR07", new NATS.Client.JetStream.Models.ConsumerConfig("vr06-spion")).AsTask());
        output.WriteLine($"region 06 reading VR07: {refused.GetType().Name}: {refused.Message}");
        await vr06.PublishAsync("vr.07.melding", "{}"u8.ToArray());
        await vr06.PingAsync();
        await Task.Delay(500);
        Assert.Equal(1, (await hub.GetStreamAsync("VR07")).Info.State.Messages);
        Assert.Equal(0, (await hub.GetStreamAsync("VR07")).Info.State.ConsumerCount);
    }

    private static async Task<long> WaitForCountAsync(NatsJSContext js, string stream, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long count = 0;
        while (DateTime.UtcNow < deadline)
        {
            count = (await js.GetStreamAsync(stream)).Info.State.Messages;
            if (count >= expected)
            {
                await Task.Delay(500);
                return (await js.GetStreamAsync(stream)).Info.State.Messages;
            }

            await Task.Delay(200);
        }

        return count;
    }

    private static async Task<List<string>> KeysAsync(NatsJSContext js, string stream)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new NATS.Client.JetStream.Models.ConsumerConfig("tellen"));
        var keys = new List<string>();
        var info = await js.GetStreamAsync(stream);
        var total = info.Info.State.Messages;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: cts.Token))
        {
            var parsed = TransportMessage.Parse(message.Data!);
            keys.Add(parsed.Source + " " + parsed.Id);
            await message.AckAsync();
            if (keys.Count == total)
            {
                break;
            }
        }

        return keys;
    }
}
