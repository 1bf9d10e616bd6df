namespace Vr.Standaarden.Differential.Tests;

/// <summary>
/// Where the two engines disagree, by case, with the reason: which engine is right and why. Every listed case must
/// still disagree, and our engine must give the suite's answer in it; otherwise the test fails, so the list cannot go
/// stale or hide a fault of ours. All are format checks (optional/format, with format assertion on); the required
/// tests of the three drafts show no disagreement.
/// </summary>
internal static class Disagreements
{
    private const string TrailingNewline =
        "Ours is right: the suite calls a value with a trailing newline invalid and the RFC grammars have no newline; JsonSchema.Net 8.0.5 accepts the value with its newline.";

    private const string DateTime = TrailingNewline;

    private const string Duration =
        "Ours is right: RFC 3339 appendix A (ISO 8601 durations) has no whitespace, no years with days but without months, no hours with seconds but without minutes, and no weeks with other units; JsonSchema.Net 8.0.5 accepts these.";

    private const string EcmaRegex =
        "Ours is right: format 'regex' means ECMA-262; JsonSchema.Net 8.0.5 accepts (?#...) comments and inline flag groups, which ECMA-262 lacks, and refuses the empty class [], which ECMA-262 has.";

    private const string ALabels =
        "Ours is right: an A-label (xn--) is a valid host name label when its Punycode decodes to a U-label valid under IDNA2008 (RFC 5890-5893); JsonSchema.Net 8.0.5 refuses these A-labels, or accepts a trailing newline.";

    private const string Idna2008 =
        "Ours is right: idn-hostname follows IDNA2008 (RFC 5890-5893): contextual rules for ZWJ/ZWNJ, MIDDLE DOT, KERAIA, GERESH, KATAKANA MIDDLE DOT and Arabic-Indic digits, the Bidi rule, the label separators of RFC 3490 3.1 and the length limits; JsonSchema.Net 8.0.5 applies none of these.";

    private const string Ipv6 =
        "Ours is right: RFC 4291 text has no brackets and the embedded IPv4 part is dotted-decimal without leading zeros (RFC 3986 dec-octet); JsonSchema.Net 8.0.5 accepts both.";

    private const string Rfc3986 =
        "Ours is right: by the RFC 3986/3987 grammar a '%' starts exactly two hex digits, brackets only enclose an IP literal, a port is digits, the authority has at most one '@', a relative-path reference has no ':' in its first segment, IPvFuture takes an uppercase 'V', a path may be absolute or rootless without authority, a host may hold sub-delimiters, and '[', ']', a second '#' and control characters appear only percent-encoded; JsonSchema.Net 8.0.5 differs in each of these cases.";

    private const string Rfc6570 =
        "Ours is right: by the RFC 6570 grammar an expression holds at least one varspec, a prefix max-length is 1 to 9999 without a leading zero, variable names have no '..', literals have no space or DEL, and there are no default values or trailing commas; JsonSchema.Net 8.0.5 accepts these.";

    /// <summary>Cases of the official suite, as <c>&lt;draft&gt;/&lt;path&gt;#&lt;group&gt;/&lt;test&gt;</c>, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Suite = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // format "date-time"
        ["draft2019-09/optional/format/date-time.json#0/32"] = DateTime,
        ["draft2020-12/optional/format/date-time.json#0/32"] = DateTime,
        ["draft7/optional/format/date-time.json#0/32"] = DateTime,
        // format "duration"
        ["draft2019-09/optional/format/duration.json#0/33"] = Duration,
        ["draft2019-09/optional/format/duration.json#0/34"] = Duration,
        ["draft2019-09/optional/format/duration.json#0/37"] = Duration,
        ["draft2019-09/optional/format/duration.json#0/40"] = Duration,
        ["draft2019-09/optional/format/duration.json#0/45"] = Duration,
        ["draft2019-09/optional/format/duration.json#0/46"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/33"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/34"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/37"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/40"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/45"] = Duration,
        ["draft2020-12/optional/format/duration.json#0/46"] = Duration,
        // format "ecmascript-regex"
        ["draft2019-09/optional/format/ecmascript-regex.json#1/2"] = EcmaRegex,
        ["draft2019-09/optional/format/ecmascript-regex.json#2/0"] = EcmaRegex,
        ["draft2019-09/optional/format/ecmascript-regex.json#2/1"] = EcmaRegex,
        ["draft2019-09/optional/format/ecmascript-regex.json#5/0"] = EcmaRegex,
        ["draft2020-12/optional/format/ecmascript-regex.json#1/2"] = EcmaRegex,
        ["draft2020-12/optional/format/ecmascript-regex.json#2/0"] = EcmaRegex,
        ["draft2020-12/optional/format/ecmascript-regex.json#2/1"] = EcmaRegex,
        ["draft2020-12/optional/format/ecmascript-regex.json#5/0"] = EcmaRegex,
        ["draft7/optional/format/ecmascript-regex.json#1/2"] = EcmaRegex,
        ["draft7/optional/format/ecmascript-regex.json#2/0"] = EcmaRegex,
        ["draft7/optional/format/ecmascript-regex.json#2/1"] = EcmaRegex,
        ["draft7/optional/format/ecmascript-regex.json#5/0"] = EcmaRegex,
        // format "hostname"
        ["draft2019-09/optional/format/hostname.json#0/23"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/1"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/14"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/17"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/20"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/23"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/26"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/27"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/28"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/30"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/31"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/34"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/35"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/36"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/6"] = ALabels,
        ["draft2019-09/optional/format/hostname.json#1/7"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#0/23"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/1"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/14"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/17"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/20"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/23"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/26"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/27"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/28"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/30"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/31"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/34"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/35"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/36"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/6"] = ALabels,
        ["draft2020-12/optional/format/hostname.json#1/7"] = ALabels,
        ["draft7/optional/format/hostname.json#0/23"] = ALabels,
        ["draft7/optional/format/hostname.json#1/1"] = ALabels,
        ["draft7/optional/format/hostname.json#1/14"] = ALabels,
        ["draft7/optional/format/hostname.json#1/17"] = ALabels,
        ["draft7/optional/format/hostname.json#1/20"] = ALabels,
        ["draft7/optional/format/hostname.json#1/23"] = ALabels,
        ["draft7/optional/format/hostname.json#1/26"] = ALabels,
        ["draft7/optional/format/hostname.json#1/27"] = ALabels,
        ["draft7/optional/format/hostname.json#1/28"] = ALabels,
        ["draft7/optional/format/hostname.json#1/30"] = ALabels,
        ["draft7/optional/format/hostname.json#1/31"] = ALabels,
        ["draft7/optional/format/hostname.json#1/34"] = ALabels,
        ["draft7/optional/format/hostname.json#1/35"] = ALabels,
        ["draft7/optional/format/hostname.json#1/36"] = ALabels,
        ["draft7/optional/format/hostname.json#1/6"] = ALabels,
        ["draft7/optional/format/hostname.json#1/7"] = ALabels,
        // format "idn-hostname"
        ["draft2019-09/optional/format/idn-hostname.json#0/12"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/23"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/24"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/39"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/40"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/58"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/59"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/60"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/61"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/62"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/65"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/67"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#0/8"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/17"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/18"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/19"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/5"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/6"] = Idna2008,
        ["draft2019-09/optional/format/idn-hostname.json#1/7"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/12"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/23"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/24"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/39"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/40"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/58"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/59"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/60"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/61"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/62"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/65"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/67"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#0/8"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/17"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/18"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/19"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/5"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/6"] = Idna2008,
        ["draft2020-12/optional/format/idn-hostname.json#1/7"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/12"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/23"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/24"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/39"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/40"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/57"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/58"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/59"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/60"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/61"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/64"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/66"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#0/8"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/17"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/18"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/19"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/5"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/6"] = Idna2008,
        ["draft7/optional/format/idn-hostname.json#1/7"] = Idna2008,
        // format "ipv6"
        ["draft2019-09/optional/format/ipv6.json#0/40"] = Ipv6,
        ["draft2019-09/optional/format/ipv6.json#0/41"] = Ipv6,
        ["draft2020-12/optional/format/ipv6.json#0/40"] = Ipv6,
        ["draft2020-12/optional/format/ipv6.json#0/41"] = Ipv6,
        ["draft7/optional/format/ipv6.json#0/40"] = Ipv6,
        ["draft7/optional/format/ipv6.json#0/41"] = Ipv6,
        // format "iri"
        ["draft2019-09/optional/format/iri.json#0/15"] = Rfc3986,
        ["draft2019-09/optional/format/iri.json#0/17"] = Rfc3986,
        ["draft2019-09/optional/format/iri.json#0/18"] = Rfc3986,
        ["draft2019-09/optional/format/iri.json#0/21"] = Rfc3986,
        ["draft2020-12/optional/format/iri.json#0/15"] = Rfc3986,
        ["draft2020-12/optional/format/iri.json#0/17"] = Rfc3986,
        ["draft2020-12/optional/format/iri.json#0/18"] = Rfc3986,
        ["draft2020-12/optional/format/iri.json#0/21"] = Rfc3986,
        ["draft7/optional/format/iri.json#0/15"] = Rfc3986,
        ["draft7/optional/format/iri.json#0/17"] = Rfc3986,
        ["draft7/optional/format/iri.json#0/18"] = Rfc3986,
        ["draft7/optional/format/iri.json#0/21"] = Rfc3986,
        // format "uri"
        ["draft2019-09/optional/format/uri.json#0/38"] = Rfc3986,
        ["draft2019-09/optional/format/uri.json#0/39"] = Rfc3986,
        ["draft2019-09/optional/format/uri.json#0/40"] = Rfc3986,
        ["draft2020-12/optional/format/uri.json#0/38"] = Rfc3986,
        ["draft2020-12/optional/format/uri.json#0/39"] = Rfc3986,
        ["draft2020-12/optional/format/uri.json#0/40"] = Rfc3986,
        ["draft7/optional/format/uri.json#0/38"] = Rfc3986,
        ["draft7/optional/format/uri.json#0/39"] = Rfc3986,
        ["draft7/optional/format/uri.json#0/40"] = Rfc3986,
        // format "uri-reference"
        ["draft2019-09/optional/format/uri-reference.json#0/20"] = Rfc3986,
        ["draft2019-09/optional/format/uri-reference.json#0/22"] = Rfc3986,
        ["draft2019-09/optional/format/uri-reference.json#0/23"] = Rfc3986,
        ["draft2019-09/optional/format/uri-reference.json#0/24"] = Rfc3986,
        ["draft2019-09/optional/format/uri-reference.json#0/25"] = Rfc3986,
        ["draft2019-09/optional/format/uri-reference.json#0/26"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/20"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/22"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/23"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/24"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/25"] = Rfc3986,
        ["draft2020-12/optional/format/uri-reference.json#0/26"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/20"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/22"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/23"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/24"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/25"] = Rfc3986,
        ["draft7/optional/format/uri-reference.json#0/26"] = Rfc3986,
        // format "uri-template"
        ["draft2019-09/optional/format/uri-template.json#0/10"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/11"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/12"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/13"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/28"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/31"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/32"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/33"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/34"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/35"] = Rfc6570,
        ["draft2019-09/optional/format/uri-template.json#0/36"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/10"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/11"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/12"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/13"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/28"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/31"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/32"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/33"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/34"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/35"] = Rfc6570,
        ["draft2020-12/optional/format/uri-template.json#0/36"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/10"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/11"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/12"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/13"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/28"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/31"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/32"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/33"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/34"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/35"] = Rfc6570,
        ["draft7/optional/format/uri-template.json#0/36"] = Rfc6570,
        // format "uuid"
        ["draft2019-09/optional/format/uuid.json#0/26"] = TrailingNewline,
        ["draft2020-12/optional/format/uuid.json#0/26"] = TrailingNewline,
    };

    /// <summary>
    /// Not a disagreement on validity but an answer missing: JsonSchema.Net 8.0.5 throws <see cref="FormatException"/>
    /// (from <c>JsonElement.GetDecimal</c>, in its <c>uniqueItems</c> comparer among others) when an instance holds a
    /// number outside the range of <see cref="decimal"/>, such as <c>1e300</c>. Ours compares such numbers exactly and
    /// answers. Generated instances that make it throw are counted, not failed.
    /// </summary>
    public const string PeerThrowsOnLargeNumbers = "JsonSchema.Net 8.0.5 throws FormatException on numbers beyond the decimal range";

    /// <summary>Whether <paramref name="value"/> holds a number that <see cref="decimal"/> cannot represent.</summary>
    public static bool HasNumberBeyondDecimal(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Number => !value.TryGetDecimal(out _),
        System.Text.Json.JsonValueKind.Array => value.EnumerateArray().Any(HasNumberBeyondDecimal),
        System.Text.Json.JsonValueKind.Object => value.EnumerateObject().Any(p => HasNumberBeyondDecimal(p.Value)),
        _ => false,
    };

    /// <summary>
    /// Ours is right: in ECMA-262 (since ES5) <c>\\s</c> is WhiteSpace and LineTerminator, which include U+00A0, U+1680,
    /// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF, so <c>^[^\\s]+$</c> (the standard's
    /// identifier) refuses them; JsonSchema.Net 8.0.5 accepts them.
    /// </summary>
    public const string EcmaWhitespace = "Ours is right: ECMA-262 \\s includes Unicode spaces such as U+00A0, so the standard's identifier pattern ^[^\\s]+$ refuses them; JsonSchema.Net 8.0.5 accepts them.";

    /// <summary>
    /// The checks that explain a disagreement on a generated instance: a string of the instance that the two engines
    /// judge differently under one of these schemas, in the same direction as the whole instance, with the reason.
    /// Found by probing: JsonSchema.Net 8.0.5 accepts in a <c>uri</c> a lone '%', '[' or ']' outside an IP literal, a
    /// second '#' and control characters, and refuses sub-delimiters in a host or a rootless path ("https:!"); each is
    /// the other way round in the RFC 3986 grammar.
    /// </summary>
    private static readonly (string Schema, string Reason)[] Probes =
    [
        ("""{ "type": "string", "pattern": "^[^\\s]+$" }""", EcmaWhitespace),
        ("""{ "type": "string", "format": "uri" }""", Rfc3986),
        ("""{ "type": "string", "format": "uri-reference" }""", Rfc3986),
        ("""{ "type": "string", "format": "iri" }""", Rfc3986),
        ("""{ "type": "string", "format": "date-time" }""", DateTime),
        ("""{ "type": "string", "format": "duration" }""", Duration),
        ("""{ "type": "string", "format": "hostname" }""", ALabels),
        ("""{ "type": "string", "format": "uuid" }""", TrailingNewline),
    ];

    private static readonly Lazy<Peer> ProbePeer = new(() => new Peer(Json.Schema.Dialect.Draft202012, assertFormat: true, _ => null));

    private static readonly Lazy<(Vr.Standaarden.Schema.JsonSchema Ours, Json.Schema.JsonSchema Theirs, string Reason)[]> Built = new(() =>
    {
        var peer = ProbePeer.Value;
        return [.. Probes.Select(p =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(p.Schema);
            return (Vr.Standaarden.Schema.JsonSchema.FromText(p.Schema, new Vr.Standaarden.Schema.JsonSchemaOptions { AssertFormat = true }),
                peer.Build(document.RootElement.Clone()), p.Reason);
        })];
    });

    /// <summary>The listed reason that explains a disagreement on a generated instance, or <c>null</c> when none does.</summary>
    public static string? Explain(System.Text.Json.JsonElement instance, bool ourValid, bool peerValid)
    {
        var strings = new List<System.Text.Json.JsonElement>();
        Strings(instance, strings);
        foreach (var (ours, theirs, reason) in Built.Value)
        {
            foreach (var text in strings)
            {
                if (ours.IsValid(text) == ourValid && ProbePeer.Value.IsValid(theirs, text) == peerValid)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    private static void Strings(System.Text.Json.JsonElement value, List<System.Text.Json.JsonElement> into)
    {
        switch (value.ValueKind)
        {
            case System.Text.Json.JsonValueKind.String:
                into.Add(value);
                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Strings(item, into);
                }

                break;
            case System.Text.Json.JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    Strings(member.Value, into);
                }

                break;
        }
    }
}
