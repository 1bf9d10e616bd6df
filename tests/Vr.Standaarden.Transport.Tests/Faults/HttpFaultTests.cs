using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Transport.Tests.Faults;

public sealed class HttpFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-http-fout-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task A_receiver_that_answers_503_then_times_out_then_is_down_loses_nothing_and_applies_each_message_once()
    {
        const int Count = 300;
        using var effects = new Effects(Path.Combine(_folder, "in.db"));
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Validation = ValidationMode.Off;
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        long duplicates = 0;
        receiver.Completed += (_, o) =>
        {
            if (o.Status == ReceiveStatus.Duplicate)
            {
                Interlocked.Increment(ref duplicates);
            }
        };

        var requests = 0;
        long unavailable = 0, stalled = 0;
        void Configure(WebApplication app)
        {
            app.Use(async (context, next) =>
            {
                var n = Interlocked.Increment(ref requests);
                if (n % 60 is 3 or 4)
                {
                    // Overloaded: 503 with Retry-After.
                    Interlocked.Increment(ref unavailable);
                    context.Response.StatusCode = 503;
                    context.Response.Headers.RetryAfter = "1";
                    return;
                }

                if (n % 60 == 10)
                {
                    // Handled, but the answer comes after the sender gave up: a time-out with the message accepted.
                    Interlocked.Increment(ref stalled);
                    var body = context.Response.Body;
                    using var buffer = new MemoryStream();
                    context.Response.Body = buffer;
                    await next(context);
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    context.Response.Body = body;
                    buffer.Position = 0;
                    await buffer.CopyToAsync(body);
                    return;
                }

                await next(context);
            });
            app.MapMessageReceiver("/berichten", receiver);
        }

        var server = await Kestrel.StartAsync(Configure);
        var port = server.Address.Port;
        using var outbox = new SqliteOutbox(Path.Combine(_folder, "uit.db"), new OutboxOptions { BatchSize = 20, RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(1) });
        await outbox.AddAsync(TestMessages.Incidents(Count));
        using var client = new HttpClient();
        var sender = new HttpMessageSender(client, new Uri(server.Address, "/berichten"), new HttpSenderOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(1),
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryAttempts = 2,
        });

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var delivering = outbox.DeliverAsync(sender, cts.Token);
        while (outbox.Counts().Delivered < Count / 3 && !delivering.IsCompleted)
        {
            await Task.Delay(10);
        }

        // The receiver goes down for 3 s: connections refused, then it comes back on the same port with the same inbox.
        await server.DisposeAsync();
        var downAt = outbox.Counts().Delivered;
        await Task.Delay(TimeSpan.FromSeconds(3));
        server = await Kestrel.StartAsync(Configure, port);
        var counts = await delivering;
        await server.DisposeAsync();

        var distinct = effects.Distinct;
        FaultReport.Write(output, "HTTP receiver 503, time-outs, down 3 s", Count, distinct, Interlocked.Read(ref duplicates), Count - distinct,
            $"{unavailable} answers 503, {stalled} answers too late, down after {downAt} delivered; {requests} requests");
        Assert.True(unavailable > 0 && stalled > 0);
        Assert.True(downAt < Count);
        Assert.Equal(Count, counts.Delivered);
        Assert.Equal(Count, distinct);
        Assert.Equal(Count, effects.Count);
        Assert.True(Interlocked.Read(ref duplicates) >= 1, "A message accepted but answered too late comes again and is recognised.");
    }
}
