using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Transport;

/// <summary>What became of a received message.</summary>
public enum ReceiveStatus
{
    /// <summary>Checked, handled and recorded in the inbox.</summary>
    Accepted,

    /// <summary>Accepted before (same <c>source</c> and <c>id</c>): not handled again.</summary>
    Duplicate,

    /// <summary>Refused for good, with the codes in <see cref="ReceiveOutcome.Problems"/>; the handler did not see it.</summary>
    Refused,

    /// <summary>The handler or the inbox failed; nothing was recorded, and the message should be delivered again.</summary>
    Failed,
}

/// <summary>One reason a message was refused or failed.</summary>
/// <param name="Code">A stable code: <c>VR-SIG-…</c>, <c>VR-DEEL-…</c>, a validation code, or <c>VR-TRANS-…</c>.</param>
/// <param name="Location">A JSON Pointer into the message (<c>""</c> for the whole message).</param>
/// <param name="Text">The reason in English.</param>
public sealed record ReceiveProblem(string Code, string Location, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => Location.Length == 0 ? $"{Code}: {Text}" : $"{Code} at {Location}: {Text}";
}

/// <summary>The outcome of receiving one message.</summary>
/// <param name="Status">What became of it.</param>
/// <param name="Source">Its <c>source</c>, when it could be read.</param>
/// <param name="Id">Its <c>id</c>, when it could be read.</param>
/// <param name="Problems">Why it was refused or failed; empty otherwise.</param>
public sealed record ReceiveOutcome(ReceiveStatus Status, string? Source, string? Id, IReadOnlyList<ReceiveProblem> Problems);

/// <summary>Codes of the transport's own refusals and failures.</summary>
public static class TransportCodes
{
    /// <summary>The bytes are not a message: not JSON, too large or too deep, or without <c>source</c>, <c>id</c> or <c>type</c>.</summary>
    public const string NotAMessage = "VR-TRANS-001";

    /// <summary>No handler takes messages of this <c>dataschema</c>.</summary>
    public const string NoHandler = "VR-TRANS-002";

    /// <summary>The handler failed on every delivery the binding allows.</summary>
    public const string HandlerFailed = "VR-TRANS-003";

    /// <summary>The receiving side is unavailable for now (its store or handler); the message may be sent again.</summary>
    public const string Unavailable = "VR-TRANS-004";
}

/// <summary>
/// Thrown by a handler that finds a message it can never use: the receiver refuses the message with
/// <see cref="Problem"/> (and records nothing) instead of treating it as a failure to be delivered again.
/// </summary>
public sealed class MessageRefusedException : Exception
{
    /// <summary>A refusal for <paramref name="problem"/>.</summary>
    public MessageRefusedException(ReceiveProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString()) => Problem = problem;

    /// <summary>Why the message is refused.</summary>
    public ReceiveProblem Problem { get; }
}

/// <summary>A message that passed the receiver's checks, as handed to application code.</summary>
public class Received
{
    internal Received(TransportMessage message, JsonElement document, SignatureVerification? signature, SharingDecision? sharing, InboxEntry? inbox, int deliveryCount, IncomingMessage? incoming)
    {
        Raw = message;
        Document = document;
        Signature = signature;
        Sharing = sharing;
        Inbox = inbox;
        DeliveryCountGiven = deliveryCount;
        Incoming = incoming;
    }

    internal int DeliveryCountGiven { get; }

    internal IncomingMessage? Incoming { get; }

    /// <summary>The message as accepted: the bytes as received, or the minimised message when the policy minimised it.</summary>
    public TransportMessage Raw { get; }

    /// <summary>
    /// The message as it arrived, parsed once by the receiver; verification, validation and the sharing policy all read
    /// this document. When the policy minimised the message, <see cref="SharingDecision.Message"/> is what may be kept.
    /// </summary>
    public JsonElement Document { get; }

    /// <summary>The signature check, or <c>null</c> when verification is off or the message was accepted unsigned.</summary>
    public SignatureVerification? Signature { get; }

    /// <summary>The policy's decision, or <c>null</c> when sharing is off.</summary>
    public SharingDecision? Sharing { get; }

    /// <summary>
    /// The inbox entry that records the acceptance, or <c>null</c> when de-duplication is off. With a
    /// <c>SqliteInbox</c> (Vr.Standaarden.Transport.Sqlite), write the handler's effect through its transaction to make it exactly-once.
    /// </summary>
    public InboxEntry? Inbox { get; }

    /// <summary>How often the binding delivered the message, this time included.</summary>
    public int DeliveryCount => Incoming?.DeliveryCount ?? DeliveryCountGiven;
}

/// <summary>A message that passed the receiver's checks, with its data typed.</summary>
/// <typeparam name="T">The entity.</typeparam>
public sealed class Received<T> : Received
    where T : class, ISchemaType<T>
{
    internal Received(Received received, Message<T> message)
        : base(received.Raw, received.Document, received.Signature, received.Sharing, received.Inbox, received.DeliveryCountGiven, received.Incoming) => Message = message;

    /// <summary>The message, typed.</summary>
    public Message<T> Message { get; }
}

/// <summary>
/// The receiving pipeline every binding shares: read → de-duplicate → verify → validate → sharing policy → typed
/// handler → commit in the inbox → acknowledge. A message reaches application code only when every step that is on
/// passed it; a refused message is settled as rejected (a binding's dead letter) with its codes, a failed one is left
/// for redelivery. Each message is traced (<see cref="ActivitySourceName"/>) and counted
/// (<c>vr.transport.received</c>, tagged with the status; <c>vr.transport.settle_failed</c> when the binding could not
/// take the settlement, after which the message comes again).
/// </summary>
public sealed class MessageReceiver
{
    /// <summary>The name of the receiver's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string ActivitySourceName = "Vr.Standaarden.Transport";

    private static readonly ActivitySource Activities = new(ActivitySourceName);
    private static readonly Meter Meter = new(ActivitySourceName);
    private static readonly Counter<long> ReceivedCounter = Meter.CreateCounter<long>("vr.transport.received", "{message}", "Messages received, by outcome.");
    private static readonly Counter<long> SettleFailures = Meter.CreateCounter<long>("vr.transport.settle_failed", "{message}", "Acknowledgements, retries or rejections the binding could not pass on; those messages come again.");

    private readonly ReceiverOptions _options;
    private readonly MessageValidator? _validator;
    private readonly IInbox? _inbox;
    private readonly List<Handler> _handlers = [];
    private Func<Received, CancellationToken, ValueTask>? _other;

    /// <summary>A receiver with <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A step is on without what it needs (see <see cref="ReceiverOptions"/>).</exception>
    public MessageReceiver(ReceiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        _options = options;
        _inbox = options.Deduplication == DeduplicationMode.Inbox ? options.Inbox : null;
        _validator = options.Validation == ValidationMode.Full ? options.Validator ?? new MessageValidator(new ValidationOptions { Limits = options.Limits }) : null;
    }

    /// <summary>Raised after each message with its outcome.</summary>
    public event EventHandler<ReceiveOutcome>? Completed;

    /// <summary>
    /// Hands messages whose <c>dataschema</c> is <typeparamref name="T"/>'s schema, in any release of its major line, to
    /// <paramref name="handler"/>, their data read by the generated reader.
    /// </summary>
    public MessageReceiver Handle<T>(Func<Received<T>, CancellationToken, ValueTask> handler)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!Standard.TryParseId(T.SchemaId, out var release, out var path))
        {
            throw new ArgumentException($"{typeof(T).Name} is not an entity of the standard (its schema id is '{T.SchemaId}').", nameof(handler));
        }

        var major = ReleaseVersion.Parse(release).Major;
        _handlers.Add(new Handler(major, path, async (received, cancellationToken) =>
        {
            var message = Message.Read<T>(received.Raw.Utf8.Span, out var errors);
            if (message is null || errors.Count > 0)
            {
                return errors.Select(e => new ReceiveProblem(DomainRules.SchemaCode, e.InstanceLocation, e.Message)).DefaultIfEmpty(new ReceiveProblem(DomainRules.SchemaCode, "", $"The message could not be read as {typeof(T).Name}.")).ToList();
            }

            await handler(new Received<T>(received, message), cancellationToken).ConfigureAwait(false);
            return null;
        }));
        return this;
    }

    /// <summary>Hands messages that no typed handler takes to <paramref name="handler"/>, as bytes; without it they are refused (<see cref="TransportCodes.NoHandler"/>).</summary>
    public MessageReceiver HandleOther(Func<Received, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _other = handler;
        return this;
    }

    /// <summary>
    /// Reads from <paramref name="source"/> and settles every message by its outcome; returns when the source ends or
    /// <paramref name="cancellationToken"/> is cancelled (a message being handled then is left unsettled, for redelivery).
    /// Messages that are waiting are taken as a batch of up to <see cref="ReceiverOptions.MaxBatch"/>: checked on
    /// <see cref="ReceiverOptions.Parallelism"/> cores, handled in the order they arrived, made durable in one commit of
    /// the inbox (<see cref="IInbox.BeginBatchAsync"/>) and only then acknowledged.
    /// </summary>
    public async Task RunAsync(IMessageSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            if (_options.MaxBatch == 1)
            {
                await foreach (var incoming in source.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    var outcome = await ReceiveAsync(incoming.Utf8, 1, incoming, cancellationToken).ConfigureAwait(false);
                    await SettleQuietlyAsync(incoming, outcome, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await RunBatchesAsync(source, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Settles <paramref name="incoming"/> by <paramref name="outcome"/>: acknowledge, retry, or reject.</summary>
    public async ValueTask SettleAsync(IncomingMessage incoming, ReceiveOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Status)
        {
            case ReceiveStatus.Accepted or ReceiveStatus.Duplicate:
                await incoming.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ReceiveStatus.Refused:
                await incoming.RejectAsync(outcome, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (incoming.IsLastDelivery)
                {
                    var problems = outcome.Problems.Prepend(new ReceiveProblem(TransportCodes.HandlerFailed, "", $"Not accepted after {incoming.DeliveryCount} deliveries.")).ToList();
                    await incoming.RejectAsync(outcome with { Problems = problems }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await incoming.RetryAsync(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>Runs the pipeline on one message's bytes and returns the outcome; the caller settles it with its binding.</summary>
    public Task<ReceiveOutcome> ReceiveAsync(ReadOnlyMemory<byte> utf8Json, int deliveryCount = 1, CancellationToken cancellationToken = default) =>
        ReceiveAsync(utf8Json, deliveryCount, null, cancellationToken);

    private async Task<ReceiveOutcome> ReceiveAsync(ReadOnlyMemory<byte> utf8Json, int deliveryCount, IncomingMessage? incoming, CancellationToken cancellationToken)
    {
        var activity = Activities.StartActivity("vr.transport.receive", ActivityKind.Consumer);
        var step = await CheckAsync(utf8Json, activity, cancellationToken).ConfigureAwait(false);
        var outcome = step.Outcome;
        if (outcome is null)
        {
            outcome = await HandleAsync(step, _inbox is { } inbox ? inbox.BeginAsync : null, deliveryCount, incoming, cancellationToken).ConfigureAwait(false);
        }

        Finish(step, outcome);
        return outcome;
    }

    /// <summary>Settles a message; a binding that cannot take the settlement delivers the message again.</summary>
    private async ValueTask SettleQuietlyAsync(IncomingMessage incoming, ReceiveOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await SettleAsync(incoming, outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unsettled, the binding delivers the message again; the inbox keeps that to one effect.
            SettleFailures.Add(1, new KeyValuePair<string, object?>("vr.error", e.GetType().Name));
        }
    }

    /// <summary>
    /// The batched loop: one task reads the source into a queue, a second takes what is waiting (at least one message,
    /// at most <see cref="ReceiverOptions.MaxBatch"/>) and checks it as a batch, and this one handles, commits and settles
    /// the checked batches in turn.
    /// </summary>
    private async Task RunBatchesAsync(IMessageSource source, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<IncomingMessage>(new BoundedChannelOptions(_options.MaxBatch * 2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var incoming in source.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        await queue.Writer.WriteAsync(incoming, stop.Token).ConfigureAwait(false);
                    }

                    queue.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    queue.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        // Two stages: while one batch is handled and committed, the next is checked. The checks read nothing the
        // handlers write (a redelivery of a message still being committed passes the check and is a duplicate when its
        // turn comes), so running them ahead changes no outcome; at most one checked batch waits for its turn.
        var ready = Channel.CreateBounded<(List<IncomingMessage> Batch, Step[] Steps)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var checker = Task.Run(
            async () =>
            {
                try
                {
                    while (await queue.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                    {
                        var batch = new List<IncomingMessage>(Math.Min(_options.MaxBatch, queue.Reader.Count));
                        while (batch.Count < _options.MaxBatch && queue.Reader.TryRead(out var incoming))
                        {
                            batch.Add(incoming);
                        }

                        var steps = await CheckBatchAsync(batch.Count, i => batch[i].Utf8, stop.Token).ConfigureAwait(false);
                        await ready.Writer.WriteAsync((batch, steps), stop.Token).ConfigureAwait(false);
                    }

                    ready.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    ready.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var (batch, steps) in ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await HandleBatchAsync(steps, i => batch[i], (i, outcome) => SettleQuietlyAsync(batch[i], outcome, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            await checker.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the pipeline on a batch of messages' bytes and returns their outcomes in the same order; the caller settles
    /// them with its binding. As <see cref="RunAsync"/> does with what is waiting: checked on
    /// <see cref="ReceiverOptions.Parallelism"/> cores, handled one by one in the order given (which keeps each source's
    /// order), and made durable in one commit of the inbox (<see cref="IInbox.BeginBatchAsync"/>). When that commit
    /// fails, every message it would have accepted is <see cref="ReceiveStatus.Failed"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReceiveOutcome>> ReceiveBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new ReceiveOutcome[messages.Count];
        if (messages.Count > 0)
        {
            var steps = await CheckBatchAsync(messages.Count, i => messages[i], cancellationToken).ConfigureAwait(false);
            await HandleBatchAsync(
                steps,
                null,
                (i, outcome) =>
                {
                    outcomes[i] = outcome;
                    return ValueTask.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>
    /// Checks <paramref name="count"/> messages, the bytes of each from <paramref name="bytes"/>, on
    /// <see cref="ReceiverOptions.Parallelism"/> cores: each step is final (refused, a known duplicate) or ready to be handled.
    /// </summary>
    private async Task<Step[]> CheckBatchAsync(int count, Func<int, ReadOnlyMemory<byte>> bytes, CancellationToken cancellationToken)
    {
        // The checks read nothing but the message itself (and the inbox, to skip what it holds), so they run side by side.
        var steps = new Step[count];
        var parent = Activity.Current;
        if (count == 1 || _options.Parallelism == 1)
        {
            for (var i = 0; i < count; i++)
            {
                steps[i] = await CheckAsync(bytes(i), Activities.StartActivity("vr.transport.receive", ActivityKind.Consumer), cancellationToken).ConfigureAwait(false);
                Activity.Current = parent;
            }
        }
        else
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
            {
                steps[i] = await CheckAsync(bytes(i), Activities.StartActivity("vr.transport.receive", ActivityKind.Consumer), token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        return steps;
    }

    /// <summary>
    /// Handles checked messages in their order and commits them together; the binding's message of each (if any) comes
    /// from <paramref name="incoming"/>, and <paramref name="complete"/> takes each outcome once it is final.
    /// </summary>
    private async Task HandleBatchAsync(Step[] steps, Func<int, IncomingMessage>? incoming, Func<int, ReceiveOutcome, ValueTask> complete, CancellationToken cancellationToken)
    {
        var count = steps.Length;
        var parent = Activity.Current;

        // Handled one by one in the order of arrival, which keeps each source's order; durable together. What is settled
        // without the batch's commit (refused, or known to the inbox before) is settled at once; so is everything when
        // the inbox commits each entry by itself, so that a slow handler does not hold back the acknowledgements.
        var outcomes = new ReceiveOutcome?[count];
        InboxBatch? inboxBatch = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (steps[i].Outcome is { } outcome)
                {
                    await CompleteAsync(i, outcome).ConfigureAwait(false);
                    continue;
                }

                if (_inbox is not null && inboxBatch is null)
                {
                    try
                    {
                        inboxBatch = await _inbox.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        await CompleteAsync(i, Fail(steps[i].Source!, steps[i].Id!, TransportCodes.Unavailable, $"The inbox could not be written: {e.Message}")).ConfigureAwait(false);
                        continue;
                    }
                }

                Activity.Current = steps[i].Activity ?? parent;
                ReceiveOutcome handled;
                try
                {
                    handled = await HandleAsync(steps[i], inboxBatch is null ? null : inboxBatch.BeginAsync, 1, incoming?.Invoke(i), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Activity.Current = parent;
                }

                if (inboxBatch is null or OneByOneBatch)
                {
                    await CompleteAsync(i, handled).ConfigureAwait(false);
                }
                else
                {
                    outcomes[i] = handled;
                }
            }

            if (inboxBatch is not null and not OneByOneBatch)
            {
                using var commit = Activities.StartActivity("vr.transport.commit");
                commit?.SetTag("vr.count", outcomes.Count(o => o?.Status == ReceiveStatus.Accepted));
                try
                {
                    await inboxBatch.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing of the batch is durable: what was accepted in it comes again.
                    commit?.SetStatus(ActivityStatusCode.Error, e.Message);
                    for (var i = 0; i < outcomes.Length; i++)
                    {
                        if (outcomes[i] is { Status: ReceiveStatus.Accepted } accepted)
                        {
                            outcomes[i] = Fail(accepted.Source!, accepted.Id!, TransportCodes.Unavailable, $"The inbox could not commit: {e.Message}");
                        }
                    }
                }
            }
        }
        finally
        {
            if (inboxBatch is not null)
            {
                await inboxBatch.DisposeAsync().ConfigureAwait(false);
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (outcomes[i] is { } outcome)
            {
                await CompleteAsync(i, outcome).ConfigureAwait(false);
            }
        }

        async ValueTask CompleteAsync(int i, ReceiveOutcome outcome)
        {
            outcomes[i] = null;
            Finish(steps[i], outcome);
            await complete(i, outcome).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a message's trace and counts its outcome.</summary>
    private void Finish(Step step, ReceiveOutcome outcome)
    {
        if (step.Activity is { } activity)
        {
            activity.SetTag("vr.source", outcome.Source);
            activity.SetTag("vr.id", outcome.Id);
            activity.SetTag("vr.status", outcome.Status.ToString());
            if (outcome.Problems.Count > 0)
            {
                activity.SetTag("vr.codes", string.Join(' ', outcome.Problems.Select(p => p.Code).Distinct()));
                activity.SetStatus(outcome.Status == ReceiveStatus.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Unset, outcome.Problems[0].Text);
            }

            activity.Dispose();
        }

        ReceivedCounter.Add(1, new KeyValuePair<string, object?>("vr.status", outcome.Status.ToString()));
        Completed?.Invoke(this, outcome);
    }

    /// <summary>
    /// The steps that read only the message: parse, encoding, the inbox's memory, signature, validation, sharing policy,
    /// the handler to use. The result is final (<see cref="Step.Outcome"/>) or ready to be handled.
    /// </summary>
    private async ValueTask<Step> CheckAsync(ReadOnlyMemory<byte> utf8Json, Activity? activity, CancellationToken cancellationToken)
    {
        var step = new Step { Activity = activity };
        TransportMessage message;
        try
        {
            message = TransportMessage.Parse(utf8Json, _options.Limits);
        }
        catch (TransportMessageException e)
        {
            return step.End(Refuse(null, null, new ReceiveProblem(e.Code ?? TransportCodes.NotAMessage, e.Location, e.Offset > 0 ? $"{e.Message} (byte {e.Offset})" : e.Message)));
        }

        var (source, id) = (message.Source, message.Id);
        step.Source = source;
        step.Id = id;

        // Bytes that are not UTF-8 are refused for what they are before any step reads them (a signature over them
        // would be judged on a misreading).
        if (JsonInput.CheckEncoding(message.Utf8.Span) is { } encoding)
        {
            return step.End(Refuse(source, id, new ReceiveProblem(DomainRules.EncodingCode, "", encoding.Text.English)));
        }

        // The one document of the message: every step below reads it, none parses the bytes again.
        JsonElement document;
        try
        {
            document = JsonInput.Parse(message.Utf8.Span, _options.Limits, nameof(MessageReceiver));
        }
        catch (JsonException e)
        {
            return step.End(Refuse(source, id, new ReceiveProblem(TransportCodes.NotAMessage, "", e.Message)));
        }

        try
        {
            if (_inbox is { } inbox && await inbox.ContainsAsync(source, id, cancellationToken).ConfigureAwait(false))
            {
                return step.End(new ReceiveOutcome(ReceiveStatus.Duplicate, source, id, []));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return step.End(Fail(source, id, TransportCodes.Unavailable, $"The inbox could not be read: {e.Message}"));
        }

        SignatureVerification? signature = null;
        if (_options.Verification != VerificationMode.Off)
        {
            signature = _options.Verifier!.Verify(message.Utf8.Span, document);
            if (!signature.IsVerified)
            {
                if (_options.Verification == VerificationMode.WhenSigned && signature.Code == SignatureCodes.Missing)
                {
                    signature = null;
                }
                else
                {
                    return step.End(Refuse(source, id, new ReceiveProblem(signature.Code!, "/jws", signature.Reason?.English ?? "The signature does not verify.")));
                }
            }
        }

        if (_validator is not null)
        {
            var result = _validator.Validate(message.Utf8.Span, document);
            if (!result.IsValid)
            {
                return step.End(new ReceiveOutcome(ReceiveStatus.Refused, source, id, [.. result.Errors.Select(f => new ReceiveProblem(f.Code, f.InstanceLocation, f.English))]));
            }
        }

        SharingDecision? sharing = null;
        if (_options.Sharing == SharingMode.Enforce)
        {
            sharing = _options.Policy!.Decide(document, _options.Recipient!);
            switch (sharing.Verdict)
            {
                case SharingVerdict.Refuse:
                    return step.End(new ReceiveOutcome(ReceiveStatus.Refused, source, id, [.. sharing.Reasons.Select(r => new ReceiveProblem(r.Code, "", r.Text.English))]));
                case SharingVerdict.Minimise:
                    // The policy changed only the data and the signature: the routing attributes stay, nothing is read again.
                    message = message.WithBody(JsonSerializer.SerializeToUtf8Bytes(sharing.Message!, TransportJson.Default.JsonObject));
                    break;
            }
        }

        var handler = Find(message.DataSchema);
        if (handler is null && _other is null)
        {
            return step.End(Refuse(source, id, new ReceiveProblem(TransportCodes.NoHandler, "/dataschema", $"No handler takes messages of dataschema '{message.DataSchema}'.")));
        }

        step.Message = message;
        step.Document = document;
        step.Signature = signature;
        step.Sharing = sharing;
        step.Handler = handler;
        return step;
    }

    /// <summary>Takes a checked message's inbox entry (through <paramref name="begin"/>), runs its handler and keeps the entry.</summary>
    private async ValueTask<ReceiveOutcome> HandleAsync(Step step, Func<string, string, CancellationToken, ValueTask<InboxEntry?>>? begin, int deliveryCount, IncomingMessage? incoming, CancellationToken cancellationToken)
    {
        var (source, id) = (step.Source!, step.Id!);
        InboxEntry? entry;
        try
        {
            entry = begin is null ? null : await begin(source, id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail(source, id, TransportCodes.Unavailable, $"The inbox could not be written: {e.Message}");
        }

        if (begin is not null && entry is null)
        {
            return new ReceiveOutcome(ReceiveStatus.Duplicate, source, id, []);
        }

        try
        {
            var received = new Received(step.Message!, step.Document, step.Signature, step.Sharing, entry, deliveryCount, incoming);
            if (step.Handler is { } handler)
            {
                if (await handler.Run(received, cancellationToken).ConfigureAwait(false) is { } problems)
                {
                    return new ReceiveOutcome(ReceiveStatus.Refused, source, id, problems);
                }
            }
            else
            {
                await _other!(received, cancellationToken).ConfigureAwait(false);
            }

            if (entry is not null)
            {
                await entry.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new ReceiveOutcome(ReceiveStatus.Accepted, source, id, []);
        }
        catch (MessageRefusedException e)
        {
            return new ReceiveOutcome(ReceiveStatus.Refused, source, id, [e.Problem]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail(source, id, TransportCodes.HandlerFailed, $"The handler failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (entry is not null)
            {
                await entry.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Handler? Find(string? dataSchema)
    {
        if (_handlers.Count == 0 || !Standard.TryParseId(dataSchema, out var release, out var path))
        {
            return null;
        }

        var major = ReleaseVersion.TryParse(release, out var version) ? version.Major : -1;
        return _handlers.FirstOrDefault(h => h.Major == major && h.Path == path);
    }

    private static ReceiveOutcome Refuse(string? source, string? id, ReceiveProblem problem) => new(ReceiveStatus.Refused, source, id, [problem]);

    private static ReceiveOutcome Fail(string source, string id, string code, string text) => new(ReceiveStatus.Failed, source, id, [new ReceiveProblem(code, "", text)]);

    private sealed record Handler(int Major, string Path, Func<Received, CancellationToken, Task<List<ReceiveProblem>?>> Run);

    /// <summary>A message on its way through the pipeline: what the checks learned, or how it ended.</summary>
    private sealed class Step
    {
        public Activity? Activity { get; init; }

        public ReceiveOutcome? Outcome { get; private set; }

        public string? Source { get; set; }

        public string? Id { get; set; }

        public TransportMessage? Message { get; set; }

        public JsonElement Document { get; set; }

        public SignatureVerification? Signature { get; set; }

        public SharingDecision? Sharing { get; set; }

        public Handler? Handler { get; set; }

        public Step End(ReceiveOutcome outcome)
        {
            Outcome = outcome;
            return this;
        }
    }
}
