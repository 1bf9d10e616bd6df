using System.Globalization;
using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>Code of one of the 25 safety regions, <c>VR01</c> (Groningen) to <c>VR25</c> (Flevoland).</summary>
[JsonConverter(typeof(TextValueJsonConverter<VeiligheidsregioCode>))]
public readonly record struct VeiligheidsregioCode : ITextValue<VeiligheidsregioCode>
{
    /// <summary>The number of safety regions.</summary>
    public const int Aantal = 25;

    private VeiligheidsregioCode(int nummer) => Nummer = nummer;

    /// <summary>The number, 1 to 25.</summary>
    public int Nummer { get; }

    /// <summary>The region's name from the <c>veiligheidsregio</c> code list, for example <c>Haaglanden</c>.</summary>
    public string Naam => Codelijsten.Get("veiligheidsregio").Find(ToString())!.Kenmerken["naam"];

    /// <summary>All 25 regions in order.</summary>
    public static IReadOnlyList<VeiligheidsregioCode> Alle { get; } = [.. Enumerable.Range(1, Aantal).Select(n => new VeiligheidsregioCode(n))];

    /// <summary>The region with number <paramref name="nummer"/> (1 to 25).</summary>
    public static VeiligheidsregioCode FromNummer(int nummer) =>
        nummer is >= 1 and <= Aantal ? new VeiligheidsregioCode(nummer) : throw new ArgumentOutOfRangeException(nameof(nummer), nummer, "Safety regions are numbered 1 to 25.");

    /// <summary>Reads a code such as <c>VR15</c>. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static VeiligheidsregioCode Parse(string s) => TextValue.Parse<VeiligheidsregioCode>(s);

    /// <summary>Reads a code such as <c>VR15</c>.</summary>
    public static bool TryParse(string? s, out VeiligheidsregioCode result) => Check(s, out result) is null;

    /// <summary>Reads a code such as <c>VR15</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out VeiligheidsregioCode result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<VeiligheidsregioCode>.Check(string? text, out VeiligheidsregioCode value) => Check(text, out value);

    private static string? Check(string? s, out VeiligheidsregioCode value)
    {
        value = default;
        if (s is null || s.Length != 4 || !s.StartsWith("VR", StringComparison.Ordinal) || Text.FirstNonDigit(s.AsSpan(2)) >= 0)
        {
            return $"A safety region code is VR followed by two digits, as in VR15; {Text.Quote(s)} is not.";
        }

        var number = int.Parse(s.AsSpan(2), CultureInfo.InvariantCulture);
        if (number is < 1 or > Aantal)
        {
            return $"'{s}' is not a safety region; the codes are VR01 to VR25.";
        }

        value = new VeiligheidsregioCode(number);
        return null;
    }

    /// <summary>The code, for example <c>VR15</c>.</summary>
    public override string ToString() => "VR" + Nummer.ToString("D2", CultureInfo.InvariantCulture);
}
