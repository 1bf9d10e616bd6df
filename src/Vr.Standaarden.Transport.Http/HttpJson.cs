using System.Text.Json.Serialization;

namespace Vr.Standaarden.Transport.Http;

/// <summary>A problem+json body (RFC 9457) as the NL API Design Rules use it, with the standard's code.</summary>
internal sealed class ProblemDetails
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("status")]
    public int Status { get; set; }

    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    [JsonPropertyName("instance")]
    public string? Instance { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("invalidParams")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InvalidParam>? InvalidParams { get; set; }
}

/// <summary>One located problem of a problem+json body.</summary>
internal sealed class InvalidParam
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";
}

/// <summary>The answer to a batch: one result per message, in order.</summary>
internal sealed class BatchResult
{
    [JsonPropertyName("resultaten")]
    public List<BatchItem> Resultaten { get; set; } = [];
}

/// <summary>What became of one message of a batch.</summary>
internal sealed class BatchItem
{
    public const string AcceptedStatus = "geaccepteerd";
    public const string DuplicateStatus = "dubbel";
    public const string RefusedStatus = "geweigerd";

    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("problemen")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<BatchProblem>? Problemen { get; set; }
}

/// <summary>One reason in a batch answer.</summary>
internal sealed class BatchProblem
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("locatie")]
    public string Locatie { get; set; } = "";

    [JsonPropertyName("reden")]
    public string Reden { get; set; } = "";
}

/// <summary>The answer to a single message that was accepted or already there.</summary>
internal sealed class Receipt
{
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";
}

[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(BatchResult))]
[JsonSerializable(typeof(Receipt))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class HttpJson : JsonSerializerContext;
