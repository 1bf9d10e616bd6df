using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Transport.Sqlite;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr send &lt;target&gt; &lt;message.json&gt;...</c> and <c>vr receive &lt;source&gt; --out &lt;folder&gt;</c>: the
/// transport bindings from the command line. A target or source is <c>http(s)://…</c> or <c>nats://host:port/&lt;subject&gt;</c>.
/// </summary>
internal static class TransportCommands
{
    public static Command Send(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("target") { Description = "http(s)://host/path (the CloudEvents HTTP binding; a knooppunt: http(s)://host:port/v1/berichten) or nats://[user:password@]host:port/<subject> (JetStream)." };
        var messages = new Argument<string[]>("message.json") { Description = "Messages to send; - reads standard input. May be left out with --outbox, to deliver what is pending there.", Arity = ArgumentArity.ZeroOrMore };
        var outbox = new Option<string?>("--outbox") { Description = "A SQLite outbox file: messages are written there before they are sent and stay until acknowledged, so a run that is stopped or killed is finished by the next run with the same outbox." };
        var mode = new Option<string>("--mode") { Description = "HTTP content mode: structured (the default), binary or batch.", DefaultValueFactory = _ => "structured" };
        mode.AcceptOnlyFromAmong("structured", "binary", "batch");
        var timeout = new Option<int>("--timeout") { Description = "Seconds to keep trying while the target is unreachable (default 60).", DefaultValueFactory = _ => 60 };
        var batch = new Option<int>("--batch-size") { Description = "Messages per round of the outbox, and per request in batch mode (default 100).", DefaultValueFactory = _ => 100 };
        var clientCert = new Option<string?>("--client-cert") { Description = "A client certificate (PEM) for HTTPS with mutual TLS: a node that requires one knows the sender by the OIN in it. The server's certificate is checked against the system's roots (SSL_CERT_FILE adds one)." };
        var clientKey = new Option<string?>("--client-key") { Description = "The private key (PEM) of --client-cert." };
        var command = new Command("send", "Send messages and wait for each acknowledgement; an outbox makes it store-and-forward. Prints '<file>: acknowledged|duplicate|refused <code> <reason>|failed <reason>'. Exit code 0: every message acknowledged; 1: any refused, unreadable or not acknowledged in time; 2: usage error.")
        {
            target, messages, outbox, mode, timeout, batch, clientCert, clientKey,
        };
        command.SetAction(parse => RunSend(parse.GetValue(target)!, parse.GetValue(messages) ?? [], parse.GetValue(outbox), parse.GetValue(mode)!, parse.GetValue(timeout), parse.GetValue(batch), (parse.GetValue(clientCert), parse.GetValue(clientKey)), stdin, stdout, stderr).GetAwaiter().GetResult());
        return command;
    }

    public static Command Receive(TextWriter stdout, TextWriter stderr)
    {
        var source = new Argument<string>("source") { Description = "nats://[user:password@]host:port/<subject> (a durable consumer on the stream of the subject's node) or http://host:port/path (listen there)." };
        var output = new Option<string>("--out") { Description = "The folder accepted messages are written to, one file per message named after its id.", Required = true };
        var trust = new Option<string?>("--trust") { Description = "Trust anchors (PEM): unsigned and badly signed messages are refused. Without it, signatures are not checked." };
        var register = new Option<string?>("--register") { Description = "The recipient register (afnemers.json): the sharing policy is applied for --recipient." };
        var recipient = new Option<string?>("--recipient") { Description = "This receiver's OIN in the register." };
        var consumer = new Option<string>("--consumer") { Description = "The durable consumer's name (NATS); 'vr-receive' by default.", DefaultValueFactory = _ => "vr-receive" };
        var max = new Option<int?>("--max") { Description = "Stop after this many messages (accepted, duplicate or refused)." };
        var idle = new Option<double?>("--idle") { Description = "Stop after this many seconds without a message." };
        var command = new Command("receive", "Receive messages: verify (with --trust), validate, apply the sharing policy (with --register and --recipient), de-duplicate (an inbox in the output folder), and write each accepted message to <out>/<id>.json. (a message with an id already written for another source goes to <id>~<hash of source>.json). Prints 'accepted <id>' or 'refused <id> <code>: <reason>'. Runs until interrupted, --max or --idle. Exit code 0: nothing refused; 1: a message was refused; 2: usage error.")
        {
            source, output, trust, register, recipient, consumer, max, idle,
        };
        command.SetAction(parse => RunReceive(parse.GetValue(source)!, parse.GetValue(output)!, parse.GetValue(trust), parse.GetValue(register), parse.GetValue(recipient), parse.GetValue(consumer)!, parse.GetValue(max), parse.GetValue(idle), stdout, stderr).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunSend(string target, string[] files, string? outboxPath, string mode, int timeout, int batchSize, (string? Cert, string? Key) client, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        X509Certificate2? certificate = null;
        if (client.Cert is not null || client.Key is not null)
        {
            if (client.Cert is null || client.Key is null)
            {
                stderr.WriteLine("vr send: --client-cert and --client-key go together.");
                return Program.UsageError;
            }

            try
            {
                // Through PKCS#12, so that the TLS stack holds the key as a stored one rather than an ephemeral one.
                using var pem = X509Certificate2.CreateFromPemFile(client.Cert, client.Key);
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                stderr.WriteLine($"vr send: the client certificate cannot be read: {e.Message}");
                return Program.UsageError;
            }
        }

        if (batchSize < 1)
        {
            stderr.WriteLine("vr send: --batch-size must be at least 1.");
            return Program.UsageError;
        }

        if (files.Length == 0 && outboxPath is null)
        {
            stderr.WriteLine("vr send: give one or more messages, or --outbox to deliver what is pending there.");
            return Program.UsageError;
        }

        var exit = 0;
        var messages = new List<(string File, TransportMessage Message)>();
        foreach (var file in files)
        {
            try
            {
                var bytes = ValidateCommand.ReadInstance(file, stdin, InputLimits.Default.MaxBytes, out var length);
                if (bytes is null)
                {
                    stderr.WriteLine($"{file}: {JsonInput.CheckSize(length, InputLimits.Default.MaxBytes)!.Text.English}");
                    exit = 1;
                    continue;
                }

                messages.Add((file, TransportMessage.Parse(bytes)));
            }
            catch (TransportMessageException e)
            {
                stderr.WriteLine($"{file}: {Located(e)}");
                exit = 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vr send: {e.Message}");
                return Program.UsageError;
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, timeout)));
        await using var connection = await Connect(target, ModeOf(mode), batchSize, certificate, stderr);
        if (connection.Error is not null)
        {
            return Program.UsageError;
        }

        if (outboxPath is null)
        {
            var outcomes = await SendDirectly(connection.Sender!, [.. messages.Select(m => m.Message)], cts.Token);
            for (var i = 0; i < messages.Count; i++)
            {
                exit = Math.Max(exit, Report(stdout, messages[i].File, outcomes[i]));
            }

            return exit;
        }

        using var outbox = new SqliteOutbox(outboxPath, new OutboxOptions { MaxRetryDelay = TimeSpan.FromSeconds(5), BatchSize = batchSize });
        await outbox.AddAsync(messages.Select(m => m.Message), CancellationToken.None);
        try
        {
            await outbox.DeliverAsync(connection.Sender!, cts.Token);
        }
        catch (OperationCanceledException)
        {
        }

        var refused = outbox.Refusals().ToDictionary(r => (r.Source, r.Id));
        var counts = outbox.Counts();
        foreach (var (file, message) in messages)
        {
            if (refused.TryGetValue((message.Source, message.Id), out var refusal))
            {
                stdout.WriteLine($"{file}: refused {refusal.Code} {refusal.Detail}");
                exit = 1;
            }
        }

        stdout.WriteLine($"outbox {outboxPath}: {counts.Delivered} delivered ({counts.Duplicates} of them already there), {counts.Refused} refused, {counts.Pending} pending");
        return counts.Pending > 0 || counts.Refused > 0 ? 1 : exit;
    }

    private static async Task<List<DeliveryOutcome>> SendDirectly(IMessageSender sender, List<TransportMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new DeliveryOutcome[messages.Count];
        var open = Enumerable.Range(0, messages.Count).ToList();
        var delay = TimeSpan.FromMilliseconds(200);
        while (open.Count > 0)
        {
            IReadOnlyList<DeliveryOutcome> round;
            try
            {
                round = await sender.SendAsync([.. open.Select(i => messages[i])], cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var next = new List<int>();
            for (var k = 0; k < open.Count; k++)
            {
                outcomes[open[k]] = round[k];
                if (round[k].Status == DeliveryStatus.Failed)
                {
                    next.Add(open[k]);
                }
            }

            open = next;
            if (open.Count > 0)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }

        // A message whose first attempt outlasted the time-out has no outcome yet: it was not acknowledged.
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] ??= new DeliveryOutcome(messages[i], DeliveryStatus.Failed, null, "not acknowledged within --timeout (the target did not answer, or the connection was refused)");
        }

        return [.. outcomes];
    }

    private static int Report(TextWriter stdout, string file, DeliveryOutcome outcome)
    {
        switch (outcome.Status)
        {
            case DeliveryStatus.Accepted:
                stdout.WriteLine($"{file}: acknowledged");
                return 0;
            case DeliveryStatus.Duplicate:
                stdout.WriteLine($"{file}: duplicate");
                return 0;
            case DeliveryStatus.Refused:
                stdout.WriteLine($"{file}: refused {outcome.Code} {outcome.Detail}");
                return 1;
            default:
                stdout.WriteLine($"{file}: failed {outcome.Detail}");
                return 1;
        }
    }

    private static async Task<int> RunReceive(string source, string folder, string? trust, string? registerFile, string? recipient, string consumer, int? max, double? idle, TextWriter stdout, TextWriter stderr)
    {
        if ((registerFile is null) != (recipient is null))
        {
            stderr.WriteLine("vr receive: --register and --recipient go together.");
            return Program.UsageError;
        }

        var options = new ReceiverOptions { Validation = ValidationMode.Full };
        try
        {
            if (trust is null)
            {
                options.Verification = VerificationMode.Off;
                stderr.WriteLine("vr receive: no --trust given: signatures are not checked, unsigned messages are accepted.");
            }
            else
            {
                var verifier = new VerifierOptions();
                verifier.TrustAnchors.ImportFromPem(File.ReadAllText(trust));
                if (verifier.TrustAnchors.Count == 0)
                {
                    stderr.WriteLine($"vr receive: {trust} holds no certificate (PEM).");
                    return Program.UsageError;
                }

                options.Verifier = new MessageVerifier(verifier);
            }

            if (registerFile is null)
            {
                options.Sharing = SharingMode.Off;
            }
            else
            {
                options.Policy = new SharingPolicy(RecipientRegister.Parse(File.ReadAllBytes(registerFile)));
                options.Recipient = recipient;
            }

            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or FormatException)
        {
            stderr.WriteLine($"vr receive: {e.Message}");
            return Program.UsageError;
        }

        using var inbox = new SqliteInbox(Path.Combine(folder, ".vr-inbox.db"));
        options.Inbox = inbox;
        var receiver = new MessageReceiver(options).HandleOther((message, _) =>
        {
            var path = Path.Combine(folder, FileName(message.Raw.Id) + ".json");
            if (File.Exists(path) && TransportMessage.Parse(File.ReadAllBytes(path)).Source != message.Raw.Source)
            {
                // The same id from another sender: kept beside it, never over it.
                path = Path.Combine(folder, $"{FileName(message.Raw.Id)}~{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Raw.Source)))[..8]}.json");
            }

            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, message.Raw.Utf8.ToArray());
            File.Move(temporary, path, overwrite: true);
            return ValueTask.CompletedTask;
        });

        using var stop = new CancellationTokenSource();
        var refused = 0;
        var seen = 0;
        var last = DateTime.UtcNow;
        var gate = new object();
        receiver.Completed += (_, outcome) =>
        {
            lock (gate)
            {
                last = DateTime.UtcNow;
                seen++;
                switch (outcome.Status)
                {
                    case ReceiveStatus.Accepted:
                        stdout.WriteLine($"accepted {outcome.Id}");
                        break;
                    case ReceiveStatus.Duplicate:
                        stdout.WriteLine($"duplicate {outcome.Id}");
                        break;
                    case ReceiveStatus.Refused:
                        refused++;
                        stdout.WriteLine($"refused {outcome.Id ?? "(no id)"} {string.Join("; ", outcome.Problems)}");
                        break;
                    default:
                        stdout.WriteLine($"failed {outcome.Id} {string.Join("; ", outcome.Problems)}");
                        break;
                }

                stdout.Flush();
                if (max is { } m && seen >= m)
                {
                    stop.Cancel();
                }
            }
        };
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var watch = idle is { } seconds ? Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(100);
                lock (gate)
                {
                    if (DateTime.UtcNow - last > TimeSpan.FromSeconds(seconds))
                    {
                        stop.Cancel();
                    }
                }
            }
        }) : Task.CompletedTask;

        try
        {
            if (source.StartsWith("nats://", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryNats(source, out var url, out var subject, out var node, stderr))
                {
                    return Program.UsageError;
                }

                await using var nats = new NatsConnection(new NatsOpts { Url = url, MaxReconnectRetry = -1 });
                var js = new NatsJSContext(nats);
                await EnsureStreamAsync(js, node, stop.Token);
                await receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = node, Consumer = consumer, FilterSubject = subject == NatsSubjects.Wildcard(node) ? null : subject }), stop.Token);
            }
            else if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls($"{uri.Scheme}://{uri.Authority}");
                await using var app = builder.Build();
                app.MapMessageReceiver(uri.AbsolutePath, receiver);
                await app.StartAsync(stop.Token);
                stderr.WriteLine($"vr receive: listening on {uri}");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }

                await app.StopAsync(CancellationToken.None);
            }
            else
            {
                stderr.WriteLine($"vr receive: '{source}' is neither nats://host:port/<subject> nor an http(s) URL.");
                return Program.UsageError;
            }
        }
        catch (Exception e) when (e is NatsException or IOException or InvalidOperationException)
        {
            stderr.WriteLine($"vr receive: {e.Message}");
            return Program.UsageError;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
            await stop.CancelAsync();
            await watch;
        }

        return refused > 0 ? 1 : 0;
    }

    private static async Task<Connection> Connect(string target, HttpContentMode mode, int batchSize, X509Certificate2? certificate, TextWriter stderr)
    {
        if (target.StartsWith("nats://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryNats(target, out var url, out var subject, out var node, stderr))
            {
                return new Connection(null, null, "usage");
            }

            var nats = new NatsConnection(new NatsOpts { Url = url, MaxReconnectRetry = -1 });
            try
            {
                var js = new NatsJSContext(nats);
                await EnsureStreamAsync(js, node, CancellationToken.None);
                return new Connection(new NatsMessageSender(js, new NatsSenderOptions { Subject = _ => subject }), nats, null);
            }
            catch (NatsException e)
            {
                stderr.WriteLine($"vr send: {url}: {e.Message}");
                await nats.DisposeAsync();
                return new Connection(null, null, e.Message);
            }
        }

        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var handler = new SocketsHttpHandler();
            if (certificate is not null)
            {
                handler.SslOptions.ClientCertificates = [certificate];
                handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
            }

            var client = new HttpClient(handler);
            return new Connection(new HttpMessageSender(client, uri, new HttpSenderOptions { Mode = mode, BatchSize = batchSize }), client, null);
        }

        stderr.WriteLine($"vr send: '{target}' is neither nats://host:port/<subject> nor an http(s) URL.");
        return new Connection(null, null, "usage");
    }

    private static HttpContentMode ModeOf(string? mode) => mode switch
    {
        "binary" => HttpContentMode.Binary,
        "batch" => HttpContentMode.Batch,
        _ => HttpContentMode.Structured,
    };

    /// <summary>Creates the stream of the subject's node when no stream of that name exists; an existing stream is left as its operator made it.</summary>
    private static async Task EnsureStreamAsync(NatsJSContext js, string node, CancellationToken cancellationToken)
    {
        try
        {
            await js.GetStreamAsync(NatsSubjects.Stream(node), cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            await NatsStreams.EnsureNodeAsync(js, node, cancellationToken: cancellationToken);
        }
    }

    private static bool TryNats(string text, out string url, out string subject, out string node, TextWriter stderr)
    {
        url = subject = node = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.AbsolutePath.Length <= 1)
        {
            stderr.WriteLine($"vr: '{text}' is not nats://host:port/<subject>.");
            return false;
        }

        url = $"nats://{(uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) + "@" : "")}{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port)}";
        subject = Uri.UnescapeDataString(uri.AbsolutePath[1..]);
        var tokens = subject.Split('.');
        if (tokens.Length < 2 || tokens[0] != NatsSubjects.Prefix)
        {
            stderr.WriteLine($"vr: the subject '{subject}' is not in the scheme vr.<node>.<entity> (such as vr.15.incident).");
            return false;
        }

        try
        {
            node = NatsSubjects.Node(tokens[1]);
            return true;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"vr: {e.Message}");
            return false;
        }
    }

    private static string FileName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string([.. id.Select(c => invalid.Contains(c) || c == '\\' ? '_' : c)]);
        return name is "." or ".." ? "_" + name : name;
    }

    private static string Located(TransportMessageException e) =>
        (e.Location.Length > 0 ? $"at {e.Location}: " : "") + e.Message + (e.Offset > 0 ? $" (byte {e.Offset})" : "");

    private sealed record Connection(IMessageSender? Sender, object? Resource, string? Error) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            switch (Resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
