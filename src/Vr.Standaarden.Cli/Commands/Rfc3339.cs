using System.Globalization;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>Moments on the command line: RFC 3339 date-times with an offset (<c>Z</c> or <c>±hh:mm</c>), nothing looser.</summary>
internal static class Rfc3339
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Reads <paramref name="text"/>; <c>false</c> for anything but a date-time with seconds and an offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset moment)
    {
        moment = default;
        return text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment);
    }
}
