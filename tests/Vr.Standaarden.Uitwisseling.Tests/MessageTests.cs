using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>Messages made from entities in one call, read back typed, and carried by the CNCF CloudEvents SDK in every HTTP mode.</summary>
public sealed class MessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 21, 42, 0, TimeSpan.FromHours(1));

    private static Incident Entity()
    {
        var errors = new List<SchemaViolation>();
        var incident = Vr.Standaarden.Model.Incident.Read(Standard.Release("1.1").Find("voorbeelden/geldig/incident-woningbrand-grip1.json")!.Utf8.Span, errors);
        Assert.Empty(errors);
        return incident!;
    }

    private static readonly MessageSharing Amber = new() { Tlp = "TLP:AMBER", Doelbinding = ["incidentbestrijding", "crisisbeheersing"], Bewaartermijn = "P30D", ValidFor = TimeSpan.FromHours(24) };

    private static MessageFactory Factory() => new("00000004000000042000", "GMS", new FixedTime(Now));

    [Fact]
    public void One_call_makes_a_valid_message_with_every_attribute_the_standard_asks()
    {
        var message = Factory().Create(Entity(), Amber, subject: "INC-15-2026-0042");
        var e = message.Envelope;
        Assert.Equal("nl.veiligheidsregio.incident.v1", e.Type);
        Assert.Equal(Vr.Standaarden.Model.Incident.SchemaId, e.DataSchema);
        Assert.Equal("urn:nld:oin:00000004000000042000:systeem:GMS", e.Source);
        Assert.Equal(Now, e.Time);
        Assert.Equal(Now.AddHours(24), e.ExpiryTime);
        Assert.Equal(7, Guid.Parse(e.Id).Version);
        Assert.Equal("incidentbestrijding crisisbeheersing", e.Doelbinding);

        var bytes = message.ToUtf8Json();
        Assert.True(Valid(bytes), Encoding.UTF8.GetString(bytes));
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("2026-11-20T21:42:00+01:00", document.RootElement.GetProperty("time").GetString());
        Assert.Equal("2026-11-21T21:42:00+01:00", document.RootElement.GetProperty("expirytime").GetString());

        var twice = Factory().Create(Entity(), Amber);
        Assert.NotEqual(message.Envelope.Id, twice.Envelope.Id);
    }

    [Fact]
    public void A_reply_names_its_cause_and_keeps_the_correlation()
    {
        var first = Factory().Create(Entity(), Amber);
        var reply = Factory().Reply(first.Envelope, Entity(), Amber);
        Assert.Equal(first.Envelope.Id, reply.Envelope.CausationId);
        Assert.Equal(first.Envelope.Id, reply.Envelope.CorrelationId);
        var third = Factory().Reply(reply.Envelope, Entity(), Amber);
        Assert.Equal(reply.Envelope.Id, third.Envelope.CausationId);
        Assert.Equal(first.Envelope.Id, third.Envelope.CorrelationId);
    }

    [Fact]
    public void A_message_reads_back_typed_and_writes_the_same_canonical_json()
    {
        var red = new MessageSharing { Tlp = "TLP:RED", Doelbinding = ["incidentbestrijding"], Bewaartermijn = "P7D", Ontvangers = ["00000004000000015000"], Rubricering = "DEP-V" };
        var bytes = Factory().Create(Entity(), red).ToUtf8Json();
        var read = Message.Read<Incident>(bytes, out var errors);
        Assert.Empty(errors);
        Assert.Equal("urn:nld:oin:00000004000000015000", read!.Envelope.Ontvangers);
        Assert.Equal("DEP-V", read.Envelope.Rubricering);
        Assert.Equal(Entity().Id, read.Data.Id);
        Assert.Equal(JsonCanonicalizer.Canonicalize(bytes), JsonCanonicalizer.Canonicalize(read.ToUtf8Json()));

        var broken = Message.Read<Incident>("""{"id":"x","data":{"id":"x"}}"""u8, out var problems);
        Assert.Null(broken);
        Assert.Contains(problems, p => p.InstanceLocation == "/source");
        Assert.Contains(problems, p => p.InstanceLocation.StartsWith("/data", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ContentMode.Structured)]
    [InlineData(ContentMode.Binary)]
    public async Task A_signed_message_travels_through_the_cloudevents_sdk_and_still_verifies(ContentMode mode)
    {
        var (root, intermediate) = TestPki.Authority();
        var signer = new MessageSigner(TestPki.Leaf(intermediate, "00000004000000042000", ECDsa.Create(ECCurve.NamedCurves.nistP256)), [intermediate]);
        var signed = signer.Sign(Factory().Create(Entity(), Amber).ToUtf8Json());
        var message = Message.Read<Incident>(signed, out var errors);
        Assert.Empty(errors);

        var formatter = new JsonEventFormatter();
        using var content = message!.ToCloudEvent().ToHttpContent(mode, formatter);
        using var response = new HttpResponseMessage { Content = content };
        var received = await response.ToCloudEventAsync(formatter, [.. MessageExtensions.Attributes]);
        var back = Message.FromCloudEvent<Incident>(received, out var backErrors);
        Assert.Empty(backErrors);

        var options = new VerifierOptions();
        options.TrustAnchors.Add(root);
        var verification = new MessageVerifier(options).Verify(back!.ToUtf8Json());
        Assert.True(verification.IsVerified, verification.Reason?.English);
        Assert.Equal(JsonCanonicalizer.Canonicalize(signed), JsonCanonicalizer.Canonicalize(back.ToUtf8Json()));
    }

    [Fact]
    public async Task A_batch_travels_through_the_cloudevents_sdk()
    {
        var messages = Enumerable.Range(0, 3).Select(_ => Factory().Create(Entity(), Amber)).ToList();
        var formatter = new JsonEventFormatter();
        using var content = messages.Select(m => m.ToCloudEvent()).ToList().ToHttpContent(formatter);
        using var response = new HttpResponseMessage { Content = content };
        var received = await response.ToCloudEventBatchAsync(formatter, [.. MessageExtensions.Attributes]);
        Assert.Equal(3, received.Count);
        for (var i = 0; i < 3; i++)
        {
            var back = Message.FromCloudEvent<Incident>(received[i], out var errors);
            Assert.Empty(errors);
            Assert.Equal(JsonCanonicalizer.Canonicalize(messages[i].ToUtf8Json()), JsonCanonicalizer.Canonicalize(back!.ToUtf8Json()));
        }
    }

    [Fact]
    public void Sharing_attributes_that_are_not_of_the_standard_are_refused()
    {
        var factory = Factory();
        Assert.Throws<ArgumentException>(() => factory.Create(Entity(), Amber with { Tlp = "TLP:WIT" }));
        Assert.Throws<ArgumentException>(() => factory.Create(Entity(), Amber with { Doelbinding = [] }));
        Assert.Throws<ArgumentException>(() => factory.Create(Entity(), Amber with { Bewaartermijn = "30 dagen" }));
        Assert.Throws<ArgumentException>(() => factory.Create(Entity(), Amber with { Tlp = "TLP:RED" }));
        Assert.Throws<ArgumentException>(() => new MessageFactory("123"));
        Assert.Throws<ArgumentException>(() => new MessageFactory("00000004000000042000", "met spatie"));
    }

    private static bool Valid(byte[] message)
    {
        // The envelope of the newest 1.x release, whose schemas new messages name.
        var release = Standard.NewestOf(1)!;
        var registry = new SchemaRegistry();
        foreach (var file in release.Definitions)
        {
            registry.Register(file.Root);
        }

        using var document = JsonDocument.Parse(message);
        return JsonSchema.FromElement(release.Schema("bericht").Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry }).IsValid(document.RootElement);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("test", now.Offset, "test", "test");
    }
}
