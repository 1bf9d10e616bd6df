using System.Globalization;
using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// CBS-gemeentecode: <c>GM</c> followed by four digits, as in <c>GM0363</c> (Amsterdam). The four digits are also
/// the first four of the BAG identifiers in that municipality.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<GemeenteCode>))]
public readonly record struct GemeenteCode : ITextValue<GemeenteCode>
{
    private GemeenteCode(int nummer) => Nummer = nummer;

    /// <summary>The four-digit number, 0 to 9999.</summary>
    public int Nummer { get; }

    /// <summary>The four digits as they start a BAG identifier, for example <c>0363</c>.</summary>
    public string BagPrefix => Nummer.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The code for a four-digit municipality number.</summary>
    public static GemeenteCode FromNummer(int nummer) =>
        nummer is >= 0 and <= 9999 ? new GemeenteCode(nummer) : throw new ArgumentOutOfRangeException(nameof(nummer), nummer, "A municipality number has four digits (0 to 9999).");

    /// <summary>The municipality's name in the <c>gemeente</c> code list, or <c>null</c> when the list does not hold it.</summary>
    public string? Naam => Codelijsten.Get("gemeente").Find(ToString())?.Label;

    /// <summary>
    /// The safety region of this municipality on <paramref name="op"/>, from the <c>gemeente</c> code list; <c>null</c>
    /// when the list does not hold the municipality or it was not valid on that date. The date is explicit because
    /// municipalities merge: the answer depends on it, and never on the clock.
    /// </summary>
    public VeiligheidsregioCode? Veiligheidsregio(DateOnly op)
    {
        var code = Codelijsten.Get("gemeente").Find(ToString());
        return code is not null && code.IsGeldigOp(op) && code.Kenmerken.TryGetValue("veiligheidsregio", out var region)
            ? VeiligheidsregioCode.Parse(region)
            : null;
    }

    /// <summary>Reads a code such as <c>GM0363</c>. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static GemeenteCode Parse(string s) => TextValue.Parse<GemeenteCode>(s);

    /// <summary>Reads a code such as <c>GM0363</c>.</summary>
    public static bool TryParse(string? s, out GemeenteCode result) => Check(s, out result) is null;

    /// <summary>Reads a code such as <c>GM0363</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out GemeenteCode result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<GemeenteCode>.Check(string? text, out GemeenteCode value) => Check(text, out value);

    private static string? Check(string? s, out GemeenteCode value)
    {
        value = default;
        if (s is null || s.Length != 6 || !s.StartsWith("GM", StringComparison.Ordinal) || Text.FirstNonDigit(s.AsSpan(2)) >= 0)
        {
            return $"A municipality code is GM followed by four digits, as in GM0363; {Text.Quote(s)} is not.";
        }

        value = new GemeenteCode(int.Parse(s.AsSpan(2), CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>The code, for example <c>GM0363</c>.</summary>
    public override string ToString() => "GM" + BagPrefix;
}
