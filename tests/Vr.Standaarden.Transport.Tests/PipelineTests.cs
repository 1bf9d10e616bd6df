using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Model;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Transport.Tests;

public sealed class PipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-pijplijn-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private Effects NewEffects() => new(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));

    [Fact]
    public void A_step_that_is_on_without_what_it_needs_fails_when_the_receiver_is_made_never_later()
    {
        using var effects = NewEffects();
        var noVerifier = Assert.Throws<InvalidOperationException>(() => new MessageReceiver(new ReceiverOptions { Policy = new SharingPolicy(TestMessages.Register), Recipient = TestMessages.Node, Inbox = effects.Inbox }));
        Assert.Contains("VerificationMode.Off", noVerifier.Message, StringComparison.Ordinal);
        var noPolicy = Assert.Throws<InvalidOperationException>(() => new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Inbox = effects.Inbox }));
        Assert.Contains("SharingMode.Off", noPolicy.Message, StringComparison.Ordinal);
        var noInbox = Assert.Throws<InvalidOperationException>(() => new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off }));
        Assert.Contains("DeduplicationMode.Off", noInbox.Message, StringComparison.Ordinal);
        _ = new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off });
    }

    [Fact]
    public async Task Every_step_refuses_with_its_own_code_and_the_handler_never_sees_what_was_refused()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Verification = VerificationMode.WhenSigned;
        options.Verifier = new MessageVerifier(new VerifierOptions());
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));

        var notJson = await receiver.ReceiveAsync("{\"id\": 1,"u8.ToArray());
        Assert.Equal(TransportCodes.NotAMessage, notJson.Problems[0].Code);

        var forged = TestMessages.IncidentJson(1);
        forged["jws"] = "eyJhbGciOiJFUzI1NiJ9..c2lnbmF0dXJl";
        var badSignature = await receiver.ReceiveAsync(Encoding.UTF8.GetBytes(forged.ToJsonString()));
        Assert.Equal(ReceiveStatus.Refused, badSignature.Status);
        Assert.StartsWith("VR-SIG-", badSignature.Problems[0].Code, StringComparison.Ordinal);
        Assert.Equal("/jws", badSignature.Problems[0].Location);

        var invalid = TestMessages.IncidentJson(2);
        invalid["data"]!["grip"]!["niveau"] = "GRIP9";
        var invalidOutcome = await receiver.ReceiveAsync(Encoding.UTF8.GetBytes(invalid.ToJsonString()));
        Assert.Equal(ReceiveStatus.Refused, invalidOutcome.Status);
        Assert.Contains(invalidOutcome.Problems, p => p.Location == "/data/grip/niveau");

        var red = TestMessages.IncidentJson(3);
        red["tlp"] = "TLP:RED";
        var refused = await receiver.ReceiveAsync(Encoding.UTF8.GetBytes(red.ToJsonString()));
        Assert.Equal(ReceiveStatus.Refused, refused.Status);
        Assert.All(refused.Problems, p => Assert.StartsWith("VR-DEEL-", p.Code, StringComparison.Ordinal));

        var unsigned = await receiver.ReceiveAsync(TestMessages.Incident(4).Utf8);
        Assert.Equal(ReceiveStatus.Accepted, unsigned.Status);
        Assert.Equal(1, effects.Count);
        Assert.Equal(1, effects.Inbox.Count);
    }

    [Fact]
    public async Task Required_verification_refuses_an_unsigned_message()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Verification = VerificationMode.Required;
        options.Verifier = new MessageVerifier(new VerifierOptions());
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        var outcome = await receiver.ReceiveAsync(TestMessages.Incident(1).Utf8);
        Assert.Equal(SignatureCodes.Missing, outcome.Problems.Single().Code);
        Assert.Equal(0, effects.Count);
    }

    [Fact]
    public async Task A_recipient_that_may_not_have_personal_data_gets_the_message_minimised()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Recipient = TestMessages.Limited;
        Received<Incident>? received = null;
        var receiver = new MessageReceiver(options).Handle<Incident>((m, _) =>
        {
            received = m;
            return ValueTask.CompletedTask;
        });

        var outcome = await receiver.ReceiveAsync(TestMessages.Incident(1).Utf8);
        Assert.Equal(ReceiveStatus.Accepted, outcome.Status);
        Assert.Equal(SharingVerdict.Minimise, received!.Sharing!.Verdict);
        Assert.Contains("/data/grip/historie/0/toelichting", received.Sharing.Removed);
        Assert.Null(received.Message.Data.Grip!.Historie![0].Toelichting);
        var delivered = JsonNode.Parse(received.Raw.Utf8.Span)!;
        Assert.True(delivered[SharingPolicy.MinimisedAttribute]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_typed_handler_takes_every_release_of_its_major_line_and_nothing_else()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Sharing = SharingMode.Off;
        options.Deduplication = DeduplicationMode.Off; // the examples of both releases share source and id
        var incidents = new List<string>();
        var receiver = new MessageReceiver(options).Handle<Incident>((m, _) =>
        {
            incidents.Add(m.Message.Envelope.DataSchema);
            return ValueTask.CompletedTask;
        });

        foreach (var release in Standard.Line(1))
        {
            var outcome = await receiver.ReceiveAsync(release.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8);
            Assert.Equal(ReceiveStatus.Accepted, outcome.Status);
        }

        Assert.Equal(Standard.Line(1).Select(r => $"{Standard.BaseUri}{r.Name}/schemas/incident.schema.json"), incidents);
        var warning = await receiver.ReceiveAsync(Standard.Newest.Find("voorbeelden/geldig/bericht-waarschuwing-envelop.json")!.Utf8);
        Assert.Equal(TransportCodes.NoHandler, warning.Problems.Single().Code);
    }

    [Fact]
    public async Task A_failing_handler_leaves_nothing_recorded_so_the_redelivery_is_handled_again()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.RetryDelay = TimeSpan.Zero;
        var calls = 0;
        var receiver = new MessageReceiver(options).HandleOther(async (m, ct) =>
        {
            await Effects.Apply(m);
            if (++calls < 3)
            {
                throw new IOException("the application's database is locked");
            }
        });
        var channel = new InProcessChannel(maxDeliveries: 5);
        await channel.SendAsync([TestMessages.Incident(1), TestMessages.Incident(1), TestMessages.Incident(2)]);
        var outcomes = new List<ReceiveOutcome>();
        receiver.Completed += (_, o) => outcomes.Add(o);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = receiver.RunAsync(channel, cts.Token);
        while (outcomes.Count < 5 && !cts.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await run;
        Assert.Equal([ReceiveStatus.Accepted, ReceiveStatus.Accepted, ReceiveStatus.Duplicate, ReceiveStatus.Failed, ReceiveStatus.Failed], outcomes.Select(o => o.Status).Order());
        Assert.Equal(2, effects.Count);
        Assert.Equal(2, effects.Distinct);
        Assert.Empty(channel.DeadLetters);
    }

    [Fact]
    public async Task The_in_process_channel_dead_letters_a_message_the_handler_never_takes_after_its_last_delivery()
    {
        var options = new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off, RetryDelay = TimeSpan.Zero };
        var calls = 0;
        var receiver = new MessageReceiver(options).HandleOther((_, _) => throw new InvalidOperationException($"attempt {++calls}"));
        var channel = new InProcessChannel(maxDeliveries: 3);
        await channel.SendAsync([TestMessages.Incident(1)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = receiver.RunAsync(channel, cts.Token);
        while (channel.DeadLetters.Count == 0 && !cts.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await run;
        var (message, outcome) = Assert.Single(channel.DeadLetters);
        Assert.Equal("bericht-000001", message.Id);
        Assert.Equal(3, calls);
        Assert.Equal(TransportCodes.HandlerFailed, outcome.Problems[0].Code);
        Assert.Contains("attempt 3", outcome.Problems[1].Text, StringComparison.Ordinal);
    }
}

public sealed class ReceiverTracingTests
{
    [Fact]
    public async Task Each_message_is_traced_with_its_source_id_status_and_codes()
    {
        var activities = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == MessageReceiver.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var receiver = new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off })
            .HandleOther((_, _) => ValueTask.CompletedTask);
        // Ids no other test uses: tests of other classes run at the same time and are traced too.
        var invalid = TestMessages.IncidentJson(987655);
        invalid["data"]!["grip"]!["niveau"] = "GRIP9";
        await receiver.ReceiveAsync(TestMessages.Incident(987654).Utf8);
        await receiver.ReceiveAsync(System.Text.Encoding.UTF8.GetBytes(invalid.ToJsonString()));

        List<System.Diagnostics.Activity> mine;
        lock (activities)
        {
            mine = [.. activities.Where(a => a.OperationName == "vr.transport.receive" && a.GetTagItem("vr.id") is "bericht-987654" or "bericht-987655")];
        }

        var accepted = Assert.Single(mine, a => (string?)a.GetTagItem("vr.id") == "bericht-987654");
        Assert.Equal("Accepted", accepted.GetTagItem("vr.status"));
        Assert.Equal("urn:nld:oin:00000004000000042000:systeem:GMS", accepted.GetTagItem("vr.source"));
        var refused = Assert.Single(mine, a => (string?)a.GetTagItem("vr.id") == "bericht-987655");
        Assert.Equal("Refused", refused.GetTagItem("vr.status"));
        Assert.Contains("VR-", (string?)refused.GetTagItem("vr.codes"), StringComparison.Ordinal);
    }
}
