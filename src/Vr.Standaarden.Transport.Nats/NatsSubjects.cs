using System.Text.RegularExpressions;

namespace Vr.Standaarden.Transport.Nats;

/// <summary>
/// The subject scheme. A message of node <c>N</c> about entity <c>E</c> travels on <c>vr.N.E</c>:
/// <list type="bullet">
/// <item><description><c>N</c> is a safety region's two-digit number (<c>VR06</c> → <c>06</c>), or <c>landelijk</c> for the national node;</description></item>
/// <item><description><c>E</c> is the entity from the message's <c>type</c> (<c>nl.veiligheidsregio.incident.v1</c> → <c>incident</c>);</description></item>
/// <item><description>node <c>N</c>'s stream is <c>VRN</c> (<c>VR06</c>, <c>VRLANDELIJK</c>) on <c>vr.N.&gt;</c>;</description></item>
/// <item><description>its dead letters are on <c>vr-dlq.N.&lt;consumer&gt;</c>, in stream <c>VRN_DLQ</c>.</description></item>
/// </list>
/// The region is the first token after <c>vr</c>, so account permissions can give a region's systems
/// <c>vr.06.&gt;</c> and nothing else, and a consumer can filter on one entity across regions (<c>vr.*.incident</c>).
/// </summary>
public static partial class NatsSubjects
{
    /// <summary>The first token of every message subject.</summary>
    public const string Prefix = "vr";

    /// <summary>The first token of every dead-letter subject.</summary>
    public const string DeadLetterPrefix = "vr-dlq";

    /// <summary>The node token of the national node.</summary>
    public const string National = "landelijk";

    /// <summary>
    /// The node token for <paramref name="node"/>: a safety region code (<c>VR06</c>, <c>vr6</c>, <c>06</c>) becomes its
    /// two-digit number, <c>landelijk</c> stays, any other name of letters, digits and hyphens is taken lower-cased.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> cannot be a subject token.</exception>
    public static string Node(string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        var region = RegionCode().Match(node);
        if (region.Success)
        {
            var number = int.Parse(region.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number is < 1 or > 25)
            {
                throw new ArgumentException($"'{node}' is not a safety region: the numbers run from 01 to 25.", nameof(node));
            }

            return number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!Token().IsMatch(node))
        {
            throw new ArgumentException($"'{node}' cannot be a node in a subject: use letters, digits and hyphens.", nameof(node));
        }

        return node.ToLowerInvariant();
    }

    /// <summary>The subject of <paramref name="message"/> sent by <paramref name="node"/>: <c>vr.N.E</c>.</summary>
    public static string For(string node, TransportMessage message) => $"{Prefix}.{Node(node)}.{EntityToken(message)}";

    internal static string EntityToken(TransportMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entity = message.Entity.ToLowerInvariant();
        return Token().IsMatch(entity) ? entity : "overig";
    }

    /// <summary>The subjects of node <paramref name="node"/>'s stream: <c>vr.N.&gt;</c>.</summary>
    public static string Wildcard(string node) => $"{Prefix}.{Node(node)}.>";

    /// <summary>The stream of node <paramref name="node"/>: <c>VR06</c>, <c>VRLANDELIJK</c>.</summary>
    public static string Stream(string node) => "VR" + Node(node).Replace("-", "_", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The dead-letter stream of node <paramref name="node"/>: <c>VR06_DLQ</c>.</summary>
    public static string DeadLetterStream(string node) => Stream(node) + "_DLQ";

    /// <summary>The dead-letter subject of consumer <paramref name="consumer"/> on node <paramref name="node"/>.</summary>
    public static string DeadLetter(string node, string consumer) => $"{DeadLetterPrefix}.{Node(node)}.{consumer}";

    [GeneratedRegex("^(?:[Vv][Rr])?([0-9]{1,2})$")]
    private static partial Regex RegionCode();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex Token();
}
