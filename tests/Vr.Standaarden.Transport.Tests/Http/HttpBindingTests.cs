using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vr.Standaarden.Model;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Uitwisseling.Tests;

namespace Vr.Standaarden.Transport.Tests.Http;

public sealed class HttpBindingTests : IDisposable
{
    private static readonly (X509Certificate2 Root, X509Certificate2 Intermediate) Authority = TestPki.Authority();
    private static readonly X509Certificate2 Leaf = TestPki.Leaf(Authority.Intermediate, TestMessages.Sender, ECDsa.Create(ECCurve.NamedCurves.nistP256), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-http-").FullName;
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_folder, true);
    }

    private static MessageVerifier Verifier()
    {
        var options = new VerifierOptions();
        options.TrustAnchors.Add(Authority.Root);
        return new MessageVerifier(options);
    }

    private static TransportMessage Signed(int n) =>
        TransportMessage.Parse(new MessageSigner(Leaf, [Authority.Intermediate]).Sign(Encoding.UTF8.GetBytes(TestMessages.IncidentJson(n).ToJsonString())));

    private Effects NewEffects(string name = "ontvanger.db") => new(Path.Combine(_folder, name));

    private static ReceiverOptions SignedOptions(IInbox inbox)
    {
        var options = TestMessages.Unsigned(inbox);
        options.Verification = VerificationMode.Required;
        options.Verifier = Verifier();
        return options;
    }

    [Theory]
    [InlineData(HttpContentMode.Structured)]
    [InlineData(HttpContentMode.Binary)]
    [InlineData(HttpContentMode.Batch)]
    public async Task Signed_messages_arrive_verified_in_every_content_mode(HttpContentMode mode)
    {
        using var effects = NewEffects();
        var ids = new List<string>();
        var receiver = new MessageReceiver(SignedOptions(effects.Inbox)).Handle<Incident>((m, _) =>
        {
            Assert.True(m.Signature!.IsVerified);
            ids.Add(m.Message.Envelope.Id);
            return Effects.Apply(m);
        });
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", receiver));
        var sender = new HttpMessageSender(_client, new Uri(server.Address, "/berichten"), new HttpSenderOptions { Mode = mode, BatchSize = 4 });

        var messages = Enumerable.Range(0, 10).Select(Signed).ToList();
        var outcomes = await sender.SendAsync(messages);
        Assert.All(outcomes, o => Assert.Equal(DeliveryStatus.Accepted, o.Status));
        var again = await sender.SendAsync(messages);
        Assert.All(again, o => Assert.Equal(DeliveryStatus.Duplicate, o.Status));
        Assert.Equal(10, effects.Count);
        Assert.Equal(messages.Select(m => m.Id), ids);
    }

    [Fact]
    public async Task A_binary_mode_header_changed_on_the_way_breaks_the_signature()
    {
        using var effects = NewEffects();
        var receiver = new MessageReceiver(SignedOptions(effects.Inbox)).HandleOther((m, _) => Effects.Apply(m));
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", receiver));
        var content = HttpBinding.PrepareBinary(Signed(1))!.ToContent();
        content.Headers.Remove("ce-tlp");
        content.Headers.TryAddWithoutValidation("ce-tlp", "TLP:CLEAR");
        using var response = await _client.PostAsync(new Uri(server.Address, "/berichten"), content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("VR-SIG-011", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(0, effects.Count);
    }

    [Fact]
    public async Task The_endpoint_answers_with_the_status_codes_and_problem_bodies_of_the_design_rules()
    {
        using var effects = NewEffects();
        var failNext = false;
        var receiver = new MessageReceiver(SignedOptions(effects.Inbox)).HandleOther((m, _) =>
            failNext ? throw new IOException("disk full") : Effects.Apply(m));
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", receiver));
        var url = new Uri(server.Address, "/berichten");

        async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Post(byte[] body, string contentType)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var response = await _client.PostAsync(url, content);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
        }

        var signed = Signed(1).Utf8.ToArray();
        var created = await Post(signed, "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("geaccepteerd", created.Body.GetProperty("status").GetString());
        Assert.Equal("1.0.0", created.Response.Headers.GetValues("API-Version").Single());

        var duplicate = await Post(signed, "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.OK, duplicate.Status);
        Assert.Equal("dubbel", duplicate.Body.GetProperty("status").GetString());

        var invalidJson = TestMessages.IncidentJson(2);
        invalidJson["data"]!["classificatie"] = 12;
        var invalid = await Post(new MessageSigner(Leaf, [Authority.Intermediate]).Sign(Encoding.UTF8.GetBytes(invalidJson.ToJsonString())), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("application/problem+json", invalid.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, invalid.Body.GetProperty("status").GetInt32());
        Assert.Contains(invalid.Body.GetProperty("invalidParams").EnumerateArray(), p => p.GetProperty("name").GetString() == "/data/classificatie");

        var unsigned = await Post(Encoding.UTF8.GetBytes(TestMessages.IncidentJson(3).ToJsonString()), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.Equal("VR-SIG-001", unsigned.Body.GetProperty("code").GetString());

        var red = TestMessages.IncidentJson(4);
        red["tlp"] = "TLP:RED";
        var refused = await Post(new MessageSigner(Leaf, [Authority.Intermediate]).Sign(Encoding.UTF8.GetBytes(red.ToJsonString())), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.StartsWith("VR-DEEL-", refused.Body.GetProperty("code").GetString(), StringComparison.Ordinal);

        var notJson = await Post("{\"id\":"u8.ToArray(), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal("VR-TRANS-001", notJson.Body.GetProperty("code").GetString());

        var plain = await Post(signed, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.Status);

        failNext = true;
        var unavailable = await Post(Signed(5).Utf8.ToArray(), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Equal("1", unavailable.Response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("VR-TRANS-003", unavailable.Body.GetProperty("code").GetString());
        Assert.Equal(1, effects.Count);
    }

    [Fact]
    public async Task The_webhook_handshake_grants_allowed_origins_only()
    {
        using var effects = NewEffects();
        var options = new HttpReceiverOptions { AllowedRate = 120 };
        options.AllowedOrigins.Add("meldkamer.vr15.example");
        var receiver = new MessageReceiver(SignedOptions(effects.Inbox)).HandleOther((m, _) => Effects.Apply(m));
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", receiver, options));

        using var allowed = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Address, "/berichten"));
        allowed.Headers.Add("WebHook-Request-Origin", "meldkamer.vr15.example");
        using var granted = await _client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("meldkamer.vr15.example", granted.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.Equal("120", granted.Headers.GetValues("WebHook-Allowed-Rate").Single());

        using var other = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Address, "/berichten"));
        other.Headers.Add("WebHook-Request-Origin", "elders.example");
        using var denied = await _client.SendAsync(other);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task A_batch_settles_each_message_on_its_own_and_loses_none_that_was_valid()
    {
        using var effects = NewEffects();
        var receiver = new MessageReceiver(SignedOptions(effects.Inbox)).HandleOther((m, _) => Effects.Apply(m));
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", receiver));
        var sender = new HttpMessageSender(_client, new Uri(server.Address, "/berichten"), new HttpSenderOptions { Mode = HttpContentMode.Batch });
        var unsigned = TransportMessage.Parse(Encoding.UTF8.GetBytes(TestMessages.IncidentJson(99).ToJsonString()));
        var outcomes = await sender.SendAsync([Signed(1), unsigned, Signed(2)]);

        Assert.Equal([DeliveryStatus.Accepted, DeliveryStatus.Refused, DeliveryStatus.Accepted], outcomes.Select(o => o.Status));
        Assert.Equal("VR-SIG-001", outcomes[1].Code);
        Assert.Equal(2, effects.Count);
    }
}
