using System.Globalization;

namespace Vr.Standaarden.Interop.Cap;

/// <summary>The CAP versions the reader knows, by namespace.</summary>
public static class CapNamespaces
{
    /// <summary>CAP 1.2.</summary>
    public const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>CAP 1.1.</summary>
    public const string Cap11 = "urn:oasis:names:tc:emergency:cap:1.1";

    /// <summary>CAP 1.0.</summary>
    public const string Cap10 = "http://www.incident.com/cap/1.0";

    /// <summary>XML Signature, whose <c>Signature</c> may close an alert.</summary>
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Whether <paramref name="ns"/> is one of the CAP namespaces.</summary>
    public static bool IsCap(string? ns) => ns is Cap12 or Cap11 or Cap10;
}

/// <summary>
/// A CAP date and time: the text as written and, when it has CAP's form (<c>YYYY-MM-DDThh:mm:ss±hh:mm</c>), its
/// value. <c>-00:00</c> (UTC) and <c>+00:00</c> have the same value and different texts; the text is what is written.
/// </summary>
public readonly record struct CapDateTime
{
    private CapDateTime(string text, DateTimeOffset? value)
    {
        Text = text;
        Value = value;
    }

    /// <summary>The text as read or made.</summary>
    public string Text { get; }

    /// <summary>The value, or <c>null</c> when the text is not a date and time.</summary>
    public DateTimeOffset? Value { get; }

    /// <summary>Whether the text has CAP's exact form: seconds, no fractions, a numeric offset.</summary>
    public bool HasCapForm => Text.Length == 25 && Value is not null && Text[19] is '+' or '-';

    /// <summary>The text <paramref name="text"/>, parsed when it can be.</summary>
    public static CapDateTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Fast(text) is { } fast)
        {
            return new CapDateTime(text, fast);
        }

        var trimmed = text.Trim();
        return new CapDateTime(text, DateTimeOffset.TryParseExact(trimmed, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null);
    }

    /// <summary>CAP's own form, <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>, read without the general parser; <c>null</c> for any other text.</summary>
    private static DateTimeOffset? Fast(string t)
    {
        if (t.Length != 25 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] is not ('+' or '-') || t[22] != ':')
        {
            return null;
        }

        static int Digits(string t, int at, int count)
        {
            var value = 0;
            for (var i = at; i < at + count; i++)
            {
                var d = t[i] - '0';
                if (d is < 0 or > 9)
                {
                    return -1;
                }

                value = (value * 10) + d;
            }

            return value;
        }

        int year = Digits(t, 0, 4), month = Digits(t, 5, 2), day = Digits(t, 8, 2), hour = Digits(t, 11, 2), minute = Digits(t, 14, 2), second = Digits(t, 17, 2), oh = Digits(t, 20, 2), om = Digits(t, 23, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || oh > 14 || om > 59 || oh < 0 || om < 0 || hour < 0 || minute < 0 || second < 0)
        {
            return null;
        }

        var offset = new TimeSpan(oh, om, 0);
        return new DateTimeOffset(year, month, day, hour, minute, second, t[19] == '-' ? -offset : offset);
    }

    /// <summary><paramref name="value"/> in CAP's form: <c>±hh:mm</c>, <c>-00:00</c> for UTC, no fractions (they are dropped).</summary>
    public static CapDateTime From(DateTimeOffset value)
    {
        var whole = new DateTimeOffset(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, value.Offset);
        var text = whole.Offset == TimeSpan.Zero
            ? whole.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "-00:00"
            : whole.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return new CapDateTime(text, whole);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A <c>valueName</c> + <c>value</c> pair: an eventCode, a parameter or a geocode.</summary>
public sealed class CapValue : CapElement
{
    /// <summary>A pair of <paramref name="valueName"/> and <paramref name="value"/>.</summary>
    public CapValue(string valueName, string value)
    {
        ValueName = valueName;
        Value = value;
    }

    /// <summary>The name, such as <c>awareness_level</c> or <c>EMMA_ID</c>.</summary>
    public string ValueName { get; set; }

    /// <summary>The value.</summary>
    public string Value { get; set; }

    /// <summary>CAP 1.0 wrote a pair as the text <c>valueName=value</c>; such a pair is written back that way.</summary>
    internal bool AsText { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{ValueName}={Value}";
}

/// <summary>What every element of the model shares: where it was read, and how it was laid out, so it is written back the same.</summary>
public abstract class CapElement
{
    /// <summary>The line where the element was read (1-based), or 0 for an element made in code.</summary>
    public int Line { get; internal set; }

    /// <summary>The column where the element was read (1-based), or 0.</summary>
    public int Column { get; internal set; }

    /// <summary>Elements of other namespaces inside this one (an enveloped <c>ds:Signature</c>, a profile's additions), as XML, kept in place.</summary>
    public IList<string> Extensions { get; } = new List<string>();

    internal Layout? Layout { get; set; }
}

/// <summary>How an element's children were laid out when read: their names, the whitespace before each, where each was.</summary>
internal sealed class Layout
{
    public List<Slot> Slots { get; } = [];

    public string Trailing { get; set; } = "";

    public List<(string Prefix, string LocalName, string Namespace, string Value)> Attributes { get; } = [];

    public string? Prefix { get; set; }
}

/// <summary>One child as read: its name (<c>#ext</c> for another namespace), the whitespace before it, its position.</summary>
internal sealed record Slot(string Name, string Leading, int Line, int Column);

/// <summary>A CAP <c>alert</c>.</summary>
public sealed class CapAlert : CapElement
{
    /// <summary>The namespace: <see cref="CapNamespaces.Cap12"/> for alerts made in code.</summary>
    public string Namespace { get; set; } = CapNamespaces.Cap12;

    /// <summary><c>identifier</c>: unique for the sender; no spaces, commas, <c>&lt;</c> or <c>&amp;</c>.</summary>
    public string Identifier { get; set; } = "";

    /// <summary><c>sender</c>: the originator, with the same character rules.</summary>
    public string Sender { get; set; } = "";

    /// <summary><c>password</c> (CAP 1.0 only; kept to be written back).</summary>
    public string? Password { get; set; }

    /// <summary><c>sent</c>.</summary>
    public CapDateTime Sent { get; set; }

    /// <summary><c>status</c>: Actual, Exercise, System, Test or Draft.</summary>
    public string Status { get; set; } = "";

    /// <summary><c>msgType</c>: Alert, Update, Cancel, Ack or Error.</summary>
    public string MsgType { get; set; } = "";

    /// <summary><c>source</c>.</summary>
    public string? Source { get; set; }

    /// <summary><c>scope</c>: Public, Restricted or Private.</summary>
    public string Scope { get; set; } = "";

    /// <summary><c>restriction</c>: only with scope Restricted.</summary>
    public string? Restriction { get; set; }

    /// <summary><c>addresses</c>: with scope Private; space-separated, entries with spaces in double quotes.</summary>
    public string? Addresses { get; set; }

    /// <summary><c>code</c>: handling codes, such as a profile.</summary>
    public IList<string> Codes { get; } = new List<string>();

    /// <summary><c>note</c>.</summary>
    public string? Note { get; set; }

    /// <summary><c>references</c>: space-separated <c>sender,identifier,sent</c> of earlier alerts.</summary>
    public string? References { get; set; }

    /// <summary><c>incidents</c>: space-separated incident ids.</summary>
    public string? Incidents { get; set; }

    /// <summary><c>info</c>: one per language.</summary>
    public IList<CapInfo> Infos { get; } = new List<CapInfo>();

    /// <summary>The earlier alerts in <see cref="References"/>, each <c>sender,identifier,sent</c>.</summary>
    public IReadOnlyList<(string Sender, string Identifier, string Sent)> ParsedReferences =>
        [.. (References ?? "").Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(','))
            .Where(p => p.Length == 3)
            .Select(p => (p[0], p[1], p[2]))];
}

/// <summary>A CAP <c>info</c>: the alert in one language.</summary>
public sealed class CapInfo : CapElement
{
    /// <summary><c>language</c> (RFC 3066); <c>en-US</c> when absent.</summary>
    public string? Language { get; set; }

    /// <summary><c>category</c>: one or more of Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other.</summary>
    public IList<string> Categories { get; } = new List<string>();

    /// <summary><c>event</c>.</summary>
    public string Event { get; set; } = "";

    /// <summary><c>responseType</c>.</summary>
    public IList<string> ResponseTypes { get; } = new List<string>();

    /// <summary><c>urgency</c>.</summary>
    public string Urgency { get; set; } = "";

    /// <summary><c>severity</c>.</summary>
    public string Severity { get; set; } = "";

    /// <summary><c>certainty</c>.</summary>
    public string Certainty { get; set; } = "";

    /// <summary><c>audience</c>.</summary>
    public string? Audience { get; set; }

    /// <summary><c>eventCode</c>.</summary>
    public IList<CapValue> EventCodes { get; } = new List<CapValue>();

    /// <summary><c>effective</c>.</summary>
    public CapDateTime? Effective { get; set; }

    /// <summary><c>onset</c>.</summary>
    public CapDateTime? Onset { get; set; }

    /// <summary><c>expires</c>.</summary>
    public CapDateTime? Expires { get; set; }

    /// <summary><c>senderName</c>.</summary>
    public string? SenderName { get; set; }

    /// <summary><c>headline</c>.</summary>
    public string? Headline { get; set; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; set; }

    /// <summary><c>instruction</c>.</summary>
    public string? Instruction { get; set; }

    /// <summary><c>web</c>: an absolute URI.</summary>
    public string? Web { get; set; }

    /// <summary><c>contact</c>.</summary>
    public string? Contact { get; set; }

    /// <summary><c>parameter</c>.</summary>
    public IList<CapValue> Parameters { get; } = new List<CapValue>();

    /// <summary><c>resource</c>.</summary>
    public IList<CapResource> Resources { get; } = new List<CapResource>();

    /// <summary><c>area</c>.</summary>
    public IList<CapArea> Areas { get; } = new List<CapArea>();
}

/// <summary>A CAP <c>resource</c>.</summary>
public sealed class CapResource : CapElement
{
    /// <summary><c>resourceDesc</c>.</summary>
    public string ResourceDesc { get; set; } = "";

    /// <summary><c>mimeType</c> (required from CAP 1.2).</summary>
    public string? MimeType { get; set; }

    /// <summary><c>size</c> in bytes, as written.</summary>
    public string? Size { get; set; }

    /// <summary><c>uri</c>.</summary>
    public string? Uri { get; set; }

    /// <summary><c>derefUri</c>: the content in base64.</summary>
    public string? DerefUri { get; set; }

    /// <summary><c>digest</c>: SHA-1 of the content.</summary>
    public string? Digest { get; set; }
}

/// <summary>A CAP <c>area</c>.</summary>
public sealed class CapArea : CapElement
{
    /// <summary><c>areaDesc</c>.</summary>
    public string AreaDesc { get; set; } = "";

    /// <summary><c>polygon</c>: <c>lat,lon</c> pairs separated by spaces, WGS 84, closed.</summary>
    public IList<string> Polygons { get; } = new List<string>();

    /// <summary><c>circle</c>: <c>lat,lon radius</c>, radius in kilometres.</summary>
    public IList<string> Circles { get; } = new List<string>();

    /// <summary><c>geocode</c>.</summary>
    public IList<CapValue> Geocodes { get; } = new List<CapValue>();

    /// <summary><c>altitude</c> in feet above mean sea level, as written.</summary>
    public string? Altitude { get; set; }

    /// <summary><c>ceiling</c> in feet, as written; needs <see cref="Altitude"/>.</summary>
    public string? Ceiling { get; set; }
}

/// <summary>CAP geometry text: polygons and circles, latitude first.</summary>
public static class CapGeometry
{
    /// <summary>The points of a polygon as (latitude, longitude), or <c>null</c> when the text is not <c>lat,lon</c> pairs.</summary>
    public static IReadOnlyList<(double Lat, double Lon)>? Points(string polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var points = new List<(double, double)>();
        foreach (var pair in polygon.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(',');
            if (parts.Length != 2 || !TryNumber(parts[0], out var lat) || !TryNumber(parts[1], out var lon))
            {
                return null;
            }

            points.Add((lat, lon));
        }

        return points;
    }

    /// <summary>The centre (latitude, longitude) and radius in kilometres of a circle, or <c>null</c> when the text is not <c>lat,lon radius</c>.</summary>
    public static (double Lat, double Lon, double RadiusKm)? Circle(string circle)
    {
        ArgumentNullException.ThrowIfNull(circle);
        var parts = circle.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        var centre = parts[0].Split(',');
        return centre.Length == 2 && TryNumber(centre[0], out var lat) && TryNumber(centre[1], out var lon) && TryNumber(parts[1], out var radius)
            ? (lat, lon, radius)
            : null;
    }

    /// <summary>A polygon's text from (latitude, longitude) points.</summary>
    public static string Polygon(IEnumerable<(double Lat, double Lon)> points) =>
        string.Join(' ', points.Select(p => $"{Number(p.Lat)},{Number(p.Lon)}"));

    /// <summary>A circle's text.</summary>
    public static string CircleText(double lat, double lon, double radiusKm) => $"{Number(lat)},{Number(lon)} {Number(radiusKm)}";

    internal static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
