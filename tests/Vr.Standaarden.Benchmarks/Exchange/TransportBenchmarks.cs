using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Transport.Sqlite;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// Send → receive of 5,000 messages of about 1 KB over JetStream on a nats-server started for the run, in one run:
/// <list type="bullet">
/// <item><description>the floor: raw NATS.Net publish-with-ack (64 in flight, as the binding) and a pull consumer that acks each;</description></item>
/// <item><description>the binding: NatsMessageSender and NatsMessageSource through a MessageReceiver with every step off;</description></item>
/// <item><description>the full path: the same with signature verification, validation and a SQLite inbox, one commit per message and with the receiver's group commit;</description></item>
/// <item><description>everything on: the full path and the sharing policy.</description></item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TransportBenchmarks
{
    private const int Count = 5000;
    private const string Recipient = "00000004000000099000";
        private NatsServer _server = null!;
    private NatsConnection _nats = null!;
    private NatsJSContext _js = null!;
    private byte[] _bytes = [];
    private List<TransportMessage> _messages = [];
    private List<TransportMessage> _signed = [];
    private MessageVerifier _verifier = null!;
    private string _folder = "";
    private int _round;
    private SharingPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = NatsServer.StartJetStream();
        _nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        _js = new NatsJSContext(_nats);
        _bytes = Standard.Release("1.1").Find("voorbeelden/geldig/bericht-waarschuwing-envelop.json")!.Utf8.ToArray();
        _bytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(_bytes)!.ToJsonString());
        _messages = Make(_bytes, null);
        var oin = MessageVerifier.OinOf(_messages[0].Source)!;
        var (root, leaf) = BenchPki.Create(oin);
        var signer = new MessageSigner(leaf);
        _signed = Make(_bytes, signer);
        var options = new VerifierOptions();
        options.TrustAnchors.Add(root);
        _verifier = new MessageVerifier(options);
        _folder = Directory.CreateTempSubdirectory("vr-bench-").FullName;
        _policy = new SharingPolicy(RecipientRegister.Parse(System.Text.Encoding.UTF8.GetBytes($$"""
            {"afnemers":[{"oin":"{{Recipient}}","naam":"Knooppunt","klantVan":["{{oin}}"],"doelen":["publieksinformatie","incidentbestrijding"],"persoonsgegevens":["gewoon"],"rubricering":"geen"}]}
            """)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nats.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.Dispose();
        Directory.Delete(_folder, true);
    }

    [IterationSetup]
    public void Fresh()
    {
        _round++;
        foreach (var stream in new[] { "VR15", "RAW" })
        {
            try
            {
                _js.DeleteStreamAsync(stream).AsTask().GetAwaiter().GetResult();
            }
            catch (NatsJSApiException)
            {
            }
        }

        NatsStreams.EnsureNodeAsync(_js, "VR15").GetAwaiter().GetResult();
        _js.CreateStreamAsync(new StreamConfig("RAW", ["raw.>"]) { Storage = StreamConfigStorage.File, DuplicateWindow = TimeSpan.FromMinutes(10) }).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The floor: the same wire message as the binding sends (payload, Content-Type, Nats-Msg-Id).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("jetstream")]
    public Task<int> RawNats() => Raw(withContentType: true);

    /// <summary>Beside it: the payload and Nats-Msg-Id only, without the binding's Content-Type header.</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> RawNatsWithoutHeader() => Raw(withContentType: false);

    private async Task<int> Raw(bool withContentType)
    {
        for (var start = 0; start < Count; start += 64)
        {
            var pending = new List<Task<PubAckResponse>>();
            for (var i = start; i < Math.Min(Count, start + 64); i++)
            {
                var headers = withContentType ? new NatsHeaders { ["Content-Type"] = NatsMessageSender.ContentType } : null;
                pending.Add(_js.PublishAsync("raw.15.waarschuwing", _messages[i].Utf8, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, new NatsJSPubOpts { MsgId = _messages[i].DeduplicationKey }, headers).AsTask());
            }

            foreach (var ack in await Task.WhenAll(pending))
            {
                ack.EnsureSuccess();
            }
        }

        var consumer = await _js.CreateOrUpdateConsumerAsync("RAW", new ConsumerConfig("raw") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var received = 0;
        await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, new NatsJSConsumeOpts { MaxMsgs = 256 }))
        {
            await message.AckAsync();
            if (++received == Count)
            {
                break;
            }
        }

        return received;
    }

    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> Binding() => ThroughBinding(_messages, new ReceiverOptions
    {
        Verification = VerificationMode.Off,
        Validation = ValidationMode.Off,
        Sharing = SharingMode.Off,
        Deduplication = DeduplicationMode.Off,
    });

    /// <summary>The binding with signature verification only.</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> Verification() => ThroughBinding(_signed, new ReceiverOptions
    {
        Verifier = _verifier,
        Validation = ValidationMode.Off,
        Sharing = SharingMode.Off,
        Deduplication = DeduplicationMode.Off,
    });

    /// <summary>The binding with validation only.</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> Validation() => ThroughBinding(_messages, new ReceiverOptions
    {
        Verification = VerificationMode.Off,
        Sharing = SharingMode.Off,
        Deduplication = DeduplicationMode.Off,
    });

    /// <summary>The binding with the SQLite inbox only (synchronous FULL, the receiver's group commit).</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public async Task<int> Inbox()
    {
        using var inbox = new SqliteInbox(Path.Combine(_folder, $"inbox-only-{_round}.db"));
        return await ThroughBinding(_messages, new ReceiverOptions
        {
            Verification = VerificationMode.Off,
            Validation = ValidationMode.Off,
            Sharing = SharingMode.Off,
            Inbox = inbox,
        });
    }

    /// <summary>Verification, validation and the inbox, committed one message at a time (the receiver before group commit).</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> FullPathOneByOne() => FullPathWith("single", o => o.MaxBatch = 1);

    /// <summary>Verification, validation and the inbox with the receiver's defaults: group commit, checks on every core.</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> FullPath() => FullPathWith("defaults", _ => { });

    /// <summary>The same with group commit and the checks on one core: what the second core adds.</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> FullPathOneCore() => FullPathWith("one-core", o => o.Parallelism = 1);

    /// <summary>Everything on: verification, validation, the sharing policy for a recipient, and the inbox (defaults).</summary>
    [Benchmark, BenchmarkCategory("jetstream")]
    public Task<int> Everything() => FullPathWith("all", o =>
    {
        o.Sharing = SharingMode.Enforce;
        o.Policy = _policy;
        o.Recipient = Recipient;
    });

    /// <summary>Signed messages through verification, validation and a fresh SQLite inbox, with the receiver's options changed by <paramref name="vary"/>.</summary>
    private async Task<int> FullPathWith(string name, Action<ReceiverOptions> vary)
    {
        using var inbox = new SqliteInbox(Path.Combine(_folder, $"inbox-{name}-{_round}.db"));
        var options = new ReceiverOptions
        {
            Verification = VerificationMode.Required,
            Verifier = _verifier,
            Validation = ValidationMode.Full,
            Sharing = SharingMode.Off,
            Inbox = inbox,
        };
        vary(options);
        return await ThroughBinding(_signed, options);
    }

    private async Task<int> ThroughBinding(IReadOnlyList<TransportMessage> messages, ReceiverOptions options)
    {
        var sender = new NatsMessageSender(_js, new NatsSenderOptions { Node = "VR15" });
        foreach (var outcome in await sender.SendAsync(messages))
        {
            if (outcome.Status != DeliveryStatus.Accepted)
            {
                throw new InvalidOperationException($"{outcome.Status} {outcome.Detail}");
            }
        }

        // Counted once each message's outcome is final: after the commit that holds it.
        var received = 0;
        using var done = new CancellationTokenSource();
        var receiver = new MessageReceiver(options).HandleOther((_, _) => ValueTask.CompletedTask);
        receiver.Completed += (_, o) =>
        {
            if (o.Status != ReceiveStatus.Accepted)
            {
                throw new InvalidOperationException($"{o.Status}: {string.Join("; ", o.Problems)}");
            }

            if (++received == Count)
            {
                done.Cancel();
            }
        };
        await receiver.RunAsync(new NatsMessageSource(_js, new NatsSourceOptions { Node = "VR15", Consumer = "bench" }), done.Token);
        return received;
    }

    private static List<TransportMessage> Make(byte[] template, MessageSigner? signer)
    {
        var list = new List<TransportMessage>(Count);
        for (var i = 0; i < Count; i++)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(template)!;
            node["id"] = $"bench-{i:D6}";
            var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
            list.Add(TransportMessage.Parse(signer is null ? bytes : signer.Sign(bytes)));
        }

        return list;
    }
}
