using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Nats;
using Xunit.Abstractions;

namespace Vr.Standaarden.Transport.Tests.Faults;

public sealed class SenderProcessFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-zender-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task The_sending_process_killed_mid_batch_and_restarted_with_its_outbox_delivers_every_message_once()
    {
        const int Count = 5_000;
        using var server = NatsServer.StartJetStream();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");

        var messages = Directory.CreateDirectory(Path.Combine(_folder, "berichten")).FullName;
        var files = new List<string>();
        foreach (var message in TestMessages.Incidents(Count))
        {
            var file = Path.Combine(messages, message.Id + ".json");
            await File.WriteAllBytesAsync(file, message.Utf8.ToArray());
            files.Add(file);
        }

        var outbox = Path.Combine(_folder, "uit.db");
        string[] arguments = ["send", $"{server.Url}/vr.15.incident", "--outbox", outbox, "--batch-size", "10", .. files];

        using (var first = Start(arguments))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await StoredAsync(js) < Count / 5 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            Assert.False(first.HasExited, "vr send finished before it could be killed.");
            first.Kill();
            await first.WaitForExitAsync();
        }

        var atKill = await StoredAsync(js);
        OutboxCounts left;
        using (var inspect = new SqliteOutbox(outbox))
        {
            left = inspect.Counts();
        }

        Assert.True(left.Pending > 0, $"Nothing was pending in the outbox when vr send was killed ({left}).");
        Assert.Equal(Count, left.Pending + left.Delivered);

        using (var second = Start(arguments))
        {
            var text = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, text + second.StandardError.ReadToEnd());
            Assert.Contains($"{Count} delivered (", text, StringComparison.Ordinal);
            Assert.Contains("0 refused, 0 pending", text, StringComparison.Ordinal);
        }

        OutboxCounts done;
        using (var inspect = new SqliteOutbox(outbox))
        {
            done = inspect.Counts();
        }


        using var effects = new Effects(Path.Combine(_folder, "in.db"));
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Validation = ValidationMode.Off;
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var receiving = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "knooppunt" }), cts.Token);
        await effects.WaitForAsync(Count, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        await cts.CancelAsync();
        await receiving;

        var stored = await StoredAsync(js);
        var distinct = effects.Distinct;
        FaultReport.Write(output, "sending process SIGKILL mid-batch", Count, distinct, done.Duplicates, Count - distinct, $"killed with {left.Delivered} recorded as delivered, {left.Pending} pending and {atKill} in the stream; the stream refused {done.Duplicates} resent ones on Nats-Msg-Id");
        Assert.Equal(Count, stored);
        Assert.Equal(Count, distinct);
        Assert.Equal(Count, effects.Count);
    }

    private static async Task<long> StoredAsync(NatsJSContext js) => (await js.GetStreamAsync("VR15")).Info.State.Messages;

    private static Process Start(string[] arguments)
    {
        var vr = Path.Combine(AppContext.BaseDirectory, "vr.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(vr);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
