using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Uitwisseling.Tests;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>Measurements on a process-wide meter: nothing else in this assembly runs while these do.</summary>
[CollectionDefinition(nameof(ParseCountTests), DisableParallelization = true)]
public sealed class ParseCounting;

/// <summary>
/// A received message is parsed into a document once on the knooppunt's path, and verification, validation, the
/// sharing policy and the record all read that one document. Counted on the meter every parse reports to
/// (<see cref="JsonInput.Parse"/>), whoever calls it.
/// </summary>
[Collection(nameof(ParseCountTests))]
public sealed class ParseCountTests : IDisposable
{
    private const string Organisation = "00000099150000000000";
    private const string Node = "00000099150000000001";
    private const string Gms = "00000099150000000010";

    private static readonly (X509Certificate2 Root, X509Certificate2 Intermediate) Authority = TestPki.Authority();
    private static readonly X509Certificate2 Leaf = TestPki.Leaf(Authority.Intermediate, Gms, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private readonly string _folder = Directory.CreateTempSubdirectory("vr-parse-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static RecipientRegister Register() => RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{Organisation}}", "naam": "VR15", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{Node}}", "naam": "VR15 knooppunt", "organisatie": "{{Organisation}}", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{Gms}}", "naam": "VR15 GMS", "organisatie": "{{Organisation}}", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"]}
        ]}
        """));

    private static MessageVerifier Verifier()
    {
        var options = new VerifierOptions();
        options.TrustAnchors.Add(Authority.Root);
        return new MessageVerifier(options);
    }

    private static byte[] Signed(int number)
    {
        var message = TestIncidents.Message($"urn:nld:oin:{Gms}:systeem:GMS", number, DateTimeOffset.UtcNow.AddMinutes(-number), data => data["id"] = $"INC-15-{number}");
        message["subject"] = $"INC-15-{number}";
        message["correlationid"] = $"INC-15-{number}";
        message["tlp"] = "TLP:AMBER";
        message["doelbinding"] = "incidentbestrijding";
        message.Remove("expirytime");
        return new MessageSigner(Leaf, [Authority.Intermediate]).Sign(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    [Fact]
    public async Task A_signed_message_is_parsed_once_from_the_wire_into_the_record()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "knooppunt.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verification = VerificationMode.Required,
            Verifier = Verifier(),
            Validation = ValidationMode.Full,
            Policy = new SharingPolicy(Register()),
            Recipient = Node,
            Inbox = ingest.Inbox,
        }));
        var messages = Enumerable.Range(1, 3).Select(Signed).ToList();

        using var parses = new ParseCounter();
        var outcomes = new List<ReceiveOutcome>();
        foreach (var message in messages)
        {
            outcomes.Add(await receiver.ReceiveAsync(message));
        }

        Assert.All(outcomes, o => Assert.True(o.Status == ReceiveStatus.Accepted, string.Join("; ", o.Problems)));
        Assert.All(outcomes, o => Assert.True(o.Problems.Count == 0));
        Assert.Equal(["INC-15-1", "INC-15-2", "INC-15-3"], ingest.Read(p => p.IncidentIds.Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(Enumerable.Repeat(nameof(MessageReceiver), 3), parses.By);
    }

    [Fact]
    public void Each_step_given_only_bytes_parses_them_itself_and_is_counted()
    {
        var message = Signed(4);
        using var parses = new ParseCounter();

        Assert.True(Verifier().Verify(message).IsVerified);
        Assert.True(new MessageValidator().Validate(message).IsValid);
        Assert.Equal(SharingVerdict.Deliver, new SharingPolicy(Register()).Decide(message, Node).Verdict);

        Assert.Equal([nameof(MessageVerifier), nameof(MessageValidator), nameof(SharingPolicy)], parses.By);
    }

    /// <summary>The documents <see cref="JsonInput.Parse"/> builds while it lives, by the name of the caller.</summary>
    private sealed class ParseCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<string?> _by = new();

        public ParseCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == JsonInput.MeterName && instrument.Name == JsonInput.DocumentsInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "vr.json.by")
                    {
                        _by.Enqueue(tag.Value as string);
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string?> By => [.. _by];

        public void Dispose() => _listener.Dispose();
    }
}
