using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Transport.Http;

/// <summary>How a receiving endpoint answers.</summary>
public sealed class HttpReceiverOptions
{
    /// <summary>
    /// The origins whose abuse-protection handshake (CloudEvents webhook spec, <c>OPTIONS</c> with
    /// <c>WebHook-Request-Origin</c>) is granted; any origin when empty (the default).
    /// </summary>
    public ICollection<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>The requests per minute granted in the handshake (<c>WebHook-Allowed-Rate</c>); not stated when <c>null</c>.</summary>
    public int? AllowedRate { get; set; }

    /// <summary>The most messages one batch request may carry; 1000 by default. Counted while the request arrives: the 1001st ends it with 413.</summary>
    public int MaxBatch { get; set; } = 1000;

    /// <summary>
    /// The largest batch request, in bytes; 16 MiB by default (a thousand signed messages of a few kilobytes fit many
    /// times over). A larger request is answered 413 from its <c>Content-Length</c>, or as soon as it grows past this.
    /// One message (structured or binary mode) is bounded by <see cref="Vr.Standaarden.Schema.Input.InputLimits.MaxBytes"/>.
    /// </summary>
    public long MaxBatchBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The most bytes all requests being read at one time may hold together; 256 MiB by default. A request that would
    /// go beyond it is answered 503 with <c>Retry-After</c>, so many large requests at once cannot exhaust the node's memory.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The <c>API-Version</c> header of every answer (NL API Design Rules, API-57); <c>1.0.0</c> by default.</summary>
    public string ApiVersion { get; set; } = "1.0.0";

    /// <summary>
    /// Decides per message whether the caller of the request may deliver it, before the receiver sees it: <c>null</c> to
    /// let it through, or the problem that refuses it (answered 403, or that item of a batch refused). A message whose
    /// routing attributes cannot be read is left to the receiver to refuse. None by default.
    /// </summary>
    /// <remarks>A node uses it to accept a message only from the system its <c>source</c> names.</remarks>
    public Func<HttpContext, TransportMessage, ReceiveProblem?>? Authorize { get; set; }

    /// <summary>How long a sender is asked to wait after a 503 (<c>Retry-After</c>); 1 s by default.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The receiving endpoint of the HTTP binding for ASP.NET Core. <c>POST</c> takes one message (structured or binary
/// mode) or a batch and runs each through the <see cref="MessageReceiver"/>; the answer follows the NL API Design
/// Rules:
/// <list type="table">
/// <item><term>201</term><description>accepted (structured or binary).</description></item>
/// <item><term>200</term><description>already accepted before (a duplicate); for a batch, every message settled, with one result per message.</description></item>
/// <item><term>400</term><description>not a message, or invalid: problem+json with the codes under <c>invalidParams</c> (JSON Pointers).</description></item>
/// <item><term>403</term><description>refused by signature (<c>VR-SIG-…</c>) or sharing policy (<c>VR-DEEL-…</c>).</description></item>
/// <item><term>413</term><description>larger than the receiver's limits.</description></item>
/// <item><term>415</term><description>neither a CloudEvent nor a batch.</description></item>
/// <item><term>503</term><description>the receiver could not record it now (<c>Retry-After</c>); nothing was recorded, send it again.</description></item>
/// </list>
/// <c>OPTIONS</c> answers the webhook abuse-protection handshake. Nothing the receiver trusts comes from headers alone:
/// binary-mode headers are checked by the message's signature like the rest of the message.
/// </summary>
public static class MessageEndpoints
{
    /// <summary>The code of a message beyond the input limits (as validation reports it), answered 413.</summary>
    private const string DomainLimitCode = Validatie.DomainRules.LimitCode;

    /// <summary>Maps <c>POST</c> and <c>OPTIONS</c> on <paramref name="pattern"/> to <paramref name="receiver"/>.</summary>
    public static IEndpointConventionBuilder MapMessageReceiver(this IEndpointRouteBuilder endpoints, string pattern, MessageReceiver receiver, HttpReceiverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(receiver);
        options ??= new HttpReceiverOptions();
        var limits = InputLimits.Default;
        var budget = new BodyBudget(options.MaxBufferedBytes);
        return endpoints.MapMethods(pattern, ["POST", "OPTIONS"], context => HandleAsync(context, receiver, options, limits, budget));
    }

    private static async Task HandleAsync(HttpContext context, MessageReceiver receiver, HttpReceiverOptions options, InputLimits limits, BodyBudget budget)
    {
        context.Response.Headers["API-Version"] = options.ApiVersion;
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            await HandshakeAsync(context, options).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        var mediaType = context.Request.ContentType is { } ct ? ct.Split(';')[0].Trim().ToLowerInvariant() : "";
        var isBatch = mediaType == HttpBinding.Batch;
        var read = await BodyReader.ReadAsync(context.Request, isBatch ? options.MaxBatchBytes : limits.MaxBytes, isBatch ? options.MaxBatch : null, limits.MaxDepth + 1, budget, cancellationToken).ConfigureAwait(false);
        using var held = read;
        switch (read.Refusal)
        {
            case BodyRefusal.TooLarge:
                await ProblemAsync(context, 413, DomainLimitCode, "Te groot", $"The request is larger than this receiver accepts: {(isBatch ? $"a batch at most {options.MaxBatchBytes} bytes" : $"a message at most {limits.MaxBytes} bytes")}.", null).ConfigureAwait(false);
                return;
            case BodyRefusal.TooManyMessages:
                await ProblemAsync(context, 413, DomainLimitCode, "Te groot", $"The batch has more than {options.MaxBatch} messages, the most this receiver takes in one request.", null).ConfigureAwait(false);
                return;
            case BodyRefusal.Busy:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemAsync(context, 503, TransportCodes.Unavailable, "Tijdelijk niet beschikbaar", "The receiver holds as many request bytes as it allows at one time; send again later.", null).ConfigureAwait(false);
                return;
        }

        var body = read.Body;
        if (isBatch)
        {
            await BatchAsync(context, receiver, options, body, limits, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] message;
        if (mediaType == HttpBinding.Structured)
        {
            message = body;
        }
        else if (context.Request.Headers.ContainsKey("ce-specversion"))
        {
            try
            {
                using var request = ToRequestMessage(context.Request, body);
                message = await HttpBinding.FromBinaryAsync(request, body).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
            {
                await ProblemAsync(context, 400, TransportCodes.NotAMessage, "Geen bericht", $"The binary-mode request is not a CloudEvent: {e.Message}", null).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            context.Response.Headers.Accept = $"{HttpBinding.Structured}, {HttpBinding.Batch}";
            await ProblemAsync(context, 415, TransportCodes.NotAMessage, "Geen CloudEvent", $"Send {HttpBinding.Structured}, {HttpBinding.Batch}, or binary mode with ce- headers; '{context.Request.ContentType}' is none of these.", null).ConfigureAwait(false);
            return;
        }

        if (Unauthorized(context, options, message) is { } unauthorized)
        {
            await ProblemAsync(context, 403, unauthorized.Code, "Geweigerd", unauthorized.Text, [unauthorized]).ConfigureAwait(false);
            return;
        }

        var outcome = await receiver.ReceiveAsync(message, 1, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ReceiveStatus.Accepted or ReceiveStatus.Duplicate:
                context.Response.StatusCode = outcome.Status == ReceiveStatus.Accepted ? 201 : 200;
                await context.Response.WriteAsJsonAsync(new Receipt { Source = outcome.Source, Id = outcome.Id, Status = outcome.Status == ReceiveStatus.Accepted ? BatchItem.AcceptedStatus : BatchItem.DuplicateStatus }, HttpJson.Default.Receipt, contentType: null, cancellationToken).ConfigureAwait(false);
                break;
            case ReceiveStatus.Failed:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemAsync(context, 503, outcome.Problems[0].Code, "Tijdelijk niet beschikbaar", outcome.Problems[0].Text, null).ConfigureAwait(false);
                break;
            default:
                var first = outcome.Problems[0];
                var status = first.Code.StartsWith("VR-SIG-", StringComparison.Ordinal) || first.Code.StartsWith("VR-DEEL-", StringComparison.Ordinal) ? 403
                    : first.Code == DomainLimitCode ? 413 : 400;
                await ProblemAsync(context, status, first.Code, status switch { 403 => "Geweigerd", 413 => "Te groot", _ => "Ongeldig bericht" }, first.Text, outcome.Problems).ConfigureAwait(false);
                break;
        }
    }

    private static async Task BatchAsync(HttpContext context, MessageReceiver receiver, HttpReceiverOptions options, ReadOnlyMemory<byte> body, InputLimits limits, CancellationToken cancellationToken)
    {
        List<ReadOnlyMemory<byte>> items;
        try
        {
            items = HttpBinding.SplitBatch(body, limits.MaxDepth + 1);
        }
        catch (JsonException e)
        {
            await ProblemAsync(context, 400, TransportCodes.NotAMessage, "Geen batch", $"The batch is not a JSON array of messages: {e.Message}", null).ConfigureAwait(false);
            return;
        }

        if (items.Count > options.MaxBatch)
        {
            await ProblemAsync(context, 413, TransportCodes.NotAMessage, "Te groot", $"The batch has {items.Count} messages; this receiver takes at most {options.MaxBatch}.", null).ConfigureAwait(false);
            return;
        }

        var result = new BatchResult();
        var failed = false;
        for (var i = 0; i < items.Count; i++)
        {
            var outcome = Unauthorized(context, options, items[i]) is { } unauthorized
                ? new ReceiveOutcome(ReceiveStatus.Refused, null, null, [unauthorized])
                : await receiver.ReceiveAsync(items[i], 1, cancellationToken).ConfigureAwait(false);
            failed |= outcome.Status == ReceiveStatus.Failed;
            result.Resultaten.Add(new BatchItem
            {
                Index = i,
                Source = outcome.Source,
                Id = outcome.Id,
                Status = outcome.Status switch
                {
                    ReceiveStatus.Accepted => BatchItem.AcceptedStatus,
                    ReceiveStatus.Duplicate => BatchItem.DuplicateStatus,
                    ReceiveStatus.Refused => BatchItem.RefusedStatus,
                    _ => "mislukt",
                },
                Problemen = outcome.Problems.Count == 0 ? null : [.. outcome.Problems.Select(p => new BatchProblem { Code = p.Code, Locatie = p.Location, Reden = p.Text })],
            });
        }

        if (failed)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var first = result.Resultaten.First(r => r.Status == "mislukt");
            await ProblemAsync(context, 503, first.Problemen?[0].Code ?? TransportCodes.Unavailable, "Tijdelijk niet beschikbaar", $"Message {first.Index} of the batch could not be recorded now; the batch may be sent again (what was accepted counts once).", null).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        await context.Response.WriteAsJsonAsync(result, HttpJson.Default.BatchResult, contentType: null, cancellationToken).ConfigureAwait(false);
    }

    private static ReceiveProblem? Unauthorized(HttpContext context, HttpReceiverOptions options, ReadOnlyMemory<byte> message)
    {
        if (options.Authorize is not { } authorize)
        {
            return null;
        }

        TransportMessage parsed;
        try
        {
            parsed = TransportMessage.Parse(message);
        }
        catch (TransportMessageException)
        {
            return null;
        }

        return authorize(context, parsed);
    }

    private static async Task HandshakeAsync(HttpContext context, HttpReceiverOptions options)
    {
        var origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
        {
            context.Response.Headers.Allow = "POST, OPTIONS";
            context.Response.StatusCode = 204;
            return;
        }

        if (options.AllowedOrigins.Count > 0 && !options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await ProblemAsync(context, 403, "VR-TRANS-005", "Herkomst niet toegestaan", $"This receiver does not accept deliveries from '{origin}'.", null).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.Allow = "POST, OPTIONS";
        context.Response.Headers["WebHook-Allowed-Origin"] = options.AllowedOrigins.Count == 0 ? "*" : origin;
        if (options.AllowedRate is { } rate)
        {
            context.Response.Headers["WebHook-Allowed-Rate"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = 200;
    }

    private static HttpRequestMessage ToRequestMessage(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "http://localhost/") { Content = new ReadOnlyMemoryContent(body) };
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.TryAddWithoutValidation(name, values.ToString());
            }
            else if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, values.ToString());
            }
        }

        return message;
    }

    private static async Task ProblemAsync(HttpContext context, int status, string code, string title, string detail, IReadOnlyList<ReceiveProblem>? problems)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:vr-standaarden:probleem:{code}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = $"urn:uuid:{Guid.NewGuid()}",
            Code = code,
            InvalidParams = problems is { Count: > 0 } ? [.. problems.Select(p => new InvalidParam { Name = p.Location, Code = p.Code, Reason = p.Text })] : null,
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = HttpBinding.Problem;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, HttpJson.Default.ProblemDetails, context.RequestAborted).ConfigureAwait(false);
    }
}
