using System.Text.Json;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>The attributes of a message's envelope (<c>bericht</c>): everything but <c>data</c>.</summary>
public sealed record Envelope
{
    /// <summary>The message's identifier; with <see cref="Source"/> it is unique.</summary>
    public required string Id { get; init; }

    /// <summary>The sender: <c>urn:nld:oin:&lt;OIN&gt;</c>, optionally with the system.</summary>
    public required string Source { get; init; }

    /// <summary><c>nl.veiligheidsregio.&lt;entiteit&gt;.v&lt;major&gt;</c> for the standard's entities.</summary>
    public required string Type { get; init; }

    /// <summary>When the source recorded the event.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The <c>$id</c> of the schema the data conforms to.</summary>
    public required string DataSchema { get; init; }

    /// <summary>The TLP 2.0 label, such as <c>TLP:AMBER</c>.</summary>
    public required string Tlp { get; init; }

    /// <summary>The purposes (doelbinding codes), separated by one space.</summary>
    public required string Doelbinding { get; init; }

    /// <summary>How long a recipient may keep the message after <see cref="Time"/>, as an ISO 8601 duration (<c>P30D</c>).</summary>
    public required string Bewaartermijn { get; init; }

    /// <summary>After this moment the content is not for operational use.</summary>
    public DateTimeOffset? ExpiryTime { get; init; }

    /// <summary>The subject within the source.</summary>
    public string? Subject { get; init; }

    /// <summary>The identifier shared by all messages about one matter.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the message that led to this one.</summary>
    public string? CausationId { get; init; }

    /// <summary>The formal classification marking, such as <c>DEP-V</c>.</summary>
    public string? Rubricering { get; init; }

    /// <summary>For TLP:RED: the named recipients, <c>urn:nld:oin:&lt;OIN&gt;</c> separated by one space.</summary>
    public string? Ontvangers { get; init; }

    /// <summary>The sender's signature (see <see cref="MessageSigner"/>).</summary>
    public string? Jws { get; init; }

    /// <summary>Other extension attributes, by name (strings, numbers or booleans).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();
}

/// <summary>How a message may be shared and kept: the envelope's TLP label, purposes, retention and validity.</summary>
public sealed record MessageSharing
{
    /// <summary>The TLP 2.0 label: <c>TLP:CLEAR</c>, <c>TLP:GREEN</c>, <c>TLP:AMBER</c>, <c>TLP:AMBER+STRICT</c> or <c>TLP:RED</c>.</summary>
    public required string Tlp { get; init; }

    /// <summary>The purposes (codes of the doelbinding code list), at least one.</summary>
    public required IReadOnlyList<string> Doelbinding { get; init; }

    /// <summary>How long a recipient may keep the message, as an ISO 8601 duration (<c>P30D</c>).</summary>
    public required string Bewaartermijn { get; init; }

    /// <summary>How long after <c>time</c> the content is for operational use; none by default.</summary>
    public TimeSpan? ValidFor { get; init; }

    /// <summary>The classification marking, only for special information.</summary>
    public string? Rubricering { get; init; }

    /// <summary>For TLP:RED: the OINs of the named recipients.</summary>
    public IReadOnlyList<string> Ontvangers { get; init; } = [];
}
