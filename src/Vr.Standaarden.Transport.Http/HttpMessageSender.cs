using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Vr.Standaarden.Transport.Http;

/// <summary>How an <see cref="HttpMessageSender"/> sends.</summary>
public sealed class HttpSenderOptions
{
    /// <summary>The content mode; <see cref="HttpContentMode.Structured"/> by default.</summary>
    public HttpContentMode Mode { get; set; } = HttpContentMode.Structured;

    /// <summary>How many messages one batch request carries in <see cref="HttpContentMode.Batch"/>; 100 by default.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often a request is tried again after a 408, 429, 5xx, time-out or connection failure; 4 by default.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first wait before trying again, growing exponentially with jitter; 500 ms by default. A <c>Retry-After</c> of the receiver takes precedence.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts; 30 s by default.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take; 10 s by default.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Sends messages with the CloudEvents HTTP binding to a receiving endpoint (such as one mapped with
/// <see cref="MessageEndpoints.MapMessageReceiver"/>). Each request goes through a Polly 8 pipeline: a time-out per attempt
/// and retries with exponential back-off and jitter on 408, 429, 5xx, time-outs and connection failures, honouring
/// <c>Retry-After</c>. A 2xx is an acknowledgement (200 for a message the receiver already had); another 4xx is a
/// refusal with the <c>code</c> of its problem+json body; what is still failing after the retries is reported as
/// <see cref="DeliveryStatus.Failed"/>, for an outbox to send again later. Transport security (mTLS, an FSC gateway)
/// belongs to the <see cref="HttpClient"/>'s handler; the message's trust lives in its own signature.
/// </summary>
public sealed class HttpMessageSender : IMessageSender
{
    private readonly HttpClient _client;
    private readonly Uri _target;
    private readonly HttpSenderOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>A sender that posts to <paramref name="target"/> with <paramref name="client"/>.</summary>
    public HttpMessageSender(HttpClient client, Uri target, HttpSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{target}' is not an absolute http or https URL.", nameof(target));
        }

        _client = client;
        _target = target;
        _options = options ?? new HttpSenderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, _options.MaxRetryAttempts),
            Delay = _options.RetryDelay,
            MaxDelay = _options.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        _pipeline = builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new List<DeliveryOutcome>(messages.Count);
        if (_options.Mode == HttpContentMode.Batch)
        {
            foreach (var chunk in messages.Chunk(_options.BatchSize))
            {
                outcomes.AddRange(await SendBatchAsync(chunk, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            foreach (var message in messages)
            {
                outcomes.Add(await SendOneAsync(message, cancellationToken).ConfigureAwait(false));
            }
        }

        return outcomes;
    }

    private async Task<DeliveryOutcome> SendOneAsync(TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var binary = _options.Mode == HttpContentMode.Binary ? HttpBinding.PrepareBinary(message) : null;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _target);
                if (binary is not null)
                {
                    request.Content = binary.ToContent();
                }
                else
                {
                    request.Content = new ReadOnlyMemoryContent(message.Utf8);
                    request.Content.Headers.ContentType = HttpBinding.MediaType(HttpBinding.Structured);
                }

                return await _client.SendAsync(request, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return await OutcomeAsync(message, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Transient(e, cancellationToken))
        {
            return new DeliveryOutcome(message, DeliveryStatus.Failed, "VR-HTTP-001", $"{_target} did not answer: {e.Message}");
        }
    }

    private async Task<IEnumerable<DeliveryOutcome>> SendBatchAsync(TransportMessage[] batch, CancellationToken cancellationToken)
    {
        var body = HttpBinding.JoinBatch(batch);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _target) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = HttpBinding.MediaType(HttpBinding.Batch);
                return await _client.SendAsync(request, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var whole = await OutcomeAsync(batch[0], response, cancellationToken).ConfigureAwait(false);
                return batch.Select(m => whole with { Message = m });
            }

            var results = await response.Content.ReadFromJsonAsync(HttpJson.Default.BatchResult, cancellationToken).ConfigureAwait(false);
            if (results?.Resultaten is not { } items || items.Count != batch.Length)
            {
                return batch.Select(m => new DeliveryOutcome(m, DeliveryStatus.Failed, "VR-HTTP-002", "The receiver's batch answer does not list every message."));
            }

            return batch.Select((m, i) => items[i].Status switch
            {
                BatchItem.AcceptedStatus => new DeliveryOutcome(m, DeliveryStatus.Accepted),
                BatchItem.DuplicateStatus => new DeliveryOutcome(m, DeliveryStatus.Duplicate),
                BatchItem.RefusedStatus => new DeliveryOutcome(m, DeliveryStatus.Refused, items[i].Problemen?.FirstOrDefault()?.Code, string.Join(" | ", items[i].Problemen?.Select(p => p.Reden) ?? [])),
                _ => new DeliveryOutcome(m, DeliveryStatus.Failed, "VR-HTTP-002", $"Unknown status '{items[i].Status}' in the batch answer."),
            });
        }
        catch (Exception e) when (Transient(e, cancellationToken))
        {
            return batch.Select(m => new DeliveryOutcome(m, DeliveryStatus.Failed, "VR-HTTP-001", $"{_target} did not answer: {e.Message}"));
        }
    }

    private static async Task<DeliveryOutcome> OutcomeAsync(TransportMessage message, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return new DeliveryOutcome(message, response.StatusCode == HttpStatusCode.OK ? DeliveryStatus.Duplicate : DeliveryStatus.Accepted);
        }

        var (code, detail) = await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
        var transient = status is 408 or 429 or >= 500;
        return new DeliveryOutcome(message, transient ? DeliveryStatus.Failed : DeliveryStatus.Refused, code ?? $"HTTP-{status}", detail ?? response.ReasonPhrase);
    }

    private static async Task<(string? Code, string? Detail)> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != HttpBinding.Problem)
        {
            return (null, null);
        }

        try
        {
            var problem = await response.Content.ReadFromJsonAsync(HttpJson.Default.ProblemDetails, cancellationToken).ConfigureAwait(false);
            return (problem?.Code, problem?.Detail ?? problem?.Title);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static bool Transient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
