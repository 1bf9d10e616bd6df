using System.Globalization;

namespace Vr.Standaarden.Knooppunt;

/// <summary>The forms in which the node writes times.</summary>
internal static class Timestamps
{
    /// <summary>RFC 3339 with the time's own offset, to the second: how messages and provenance show a time.</summary>
    public static string Text(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>UTC to the tick, fixed width: how the record stores a time, so that text order is time order.</summary>
    public static string Stored(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
