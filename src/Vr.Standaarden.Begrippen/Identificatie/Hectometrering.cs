using System.Globalization;
using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// Position along a road by its hectometre markers, written as on the markers and in pager texts:
/// road, optional side (<c>Li</c>/<c>Re</c>) and kilometre with a decimal comma, as in <c>A4 Li 48,1</c>.
/// Reading also accepts a decimal point.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<Hectometrering>))]
public readonly record struct Hectometrering : ITextValue<Hectometrering>
{
    private Hectometrering(string weg, Rijbaanzijde? zijde, decimal kilometer) => (Weg, Zijde, Kilometer) = (weg, zijde, kilometer);

    /// <summary>The road number, for example <c>A4</c> or <c>N206</c>.</summary>
    public string Weg { get; }

    /// <summary>The carriageway, when given.</summary>
    public Rijbaanzijde? Zijde { get; }

    /// <summary>The kilometre position, to one decimal (a hectometre).</summary>
    public decimal Kilometer { get; }

    /// <summary>A position from its parts.</summary>
    public static Hectometrering Create(string weg, Rijbaanzijde? zijde, decimal kilometer)
    {
        if (CheckRoad(weg) is { } error)
        {
            throw new ArgumentException(error, nameof(weg));
        }

        if (kilometer < 0 || decimal.Round(kilometer, 1) != kilometer)
        {
            throw new ArgumentOutOfRangeException(nameof(kilometer), kilometer, "A kilometre position is not negative and has at most one decimal.");
        }

        return new Hectometrering(weg, zijde, kilometer);
    }

    /// <summary>Reads a position such as <c>A4 Li 48,1</c>. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static Hectometrering Parse(string s) => TextValue.Parse<Hectometrering>(s);

    /// <summary>Reads a position such as <c>A4 Li 48,1</c>.</summary>
    public static bool TryParse(string? s, out Hectometrering result) => Check(s, out result) is null;

    /// <summary>Reads a position such as <c>A4 Li 48,1</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out Hectometrering result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<Hectometrering>.Check(string? text, out Hectometrering value) => Check(text, out value);

    private static string? Check(string? s, out Hectometrering value)
    {
        value = default;
        var parts = (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (2 or 3))
        {
            return $"A hectometre position is road, optional side and kilometre, as in 'A4 Li 48,1'; {Text.Quote(s)} is not.";
        }

        if (CheckRoad(parts[0]) is { } roadError)
        {
            return roadError;
        }

        Rijbaanzijde? side = null;
        if (parts.Length == 3)
        {
            side = parts[1] switch
            {
                "Li" => Rijbaanzijde.Links,
                "Re" => Rijbaanzijde.Rechts,
                _ => null,
            };
            if (side is null)
            {
                return $"The side of a hectometre position is 'Li' or 'Re'; '{s}' has '{parts[1]}'.";
            }
        }

        var number = parts[^1];
        var separator = number.IndexOfAny([',', '.']);
        var whole = separator < 0 ? number : number[..separator];
        var valid = number.Length > 0 && Text.FirstNonDigit(whole) < 0 && (separator < 0 || (separator > 0 && number.Length - separator == 2 && char.IsAsciiDigit(number[^1])));
        if (!valid)
        {
            return $"The kilometre of a hectometre position is a number with at most one decimal, as in 48,1; '{s}' has '{number}'.";
        }

        // No road is longer than a few hundred kilometres; four digits also keep the number within decimal's range.
        if (whole.Length > MaxKilometreDigits)
        {
            return $"The kilometre of a hectometre position has at most {MaxKilometreDigits} digits before the decimal; '{s}' has '{number}'.";
        }

        value = new Hectometrering(parts[0], side, decimal.Parse(number.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        return null;
    }

    private const int MaxKilometreDigits = 4;

    private static string? CheckRoad(string? road) =>
        road is { Length: >= 1 and <= 5 } && (char.IsAsciiDigit(road[0]) || (road[0] is 'A' or 'N' or 'S' && road.Length > 1)) && Text.FirstNonDigit(road.AsSpan(char.IsAsciiDigit(road[0]) ? 0 : 1)) < 0
            ? null
            : $"A road number is A, N or S followed by up to four digits, as in A4 or N206; {Text.Quote(road)} is not.";

    /// <summary>The position as on the markers, for example <c>A4 Li 48,1</c>.</summary>
    public override string ToString() =>
        Weg is null ? "" : $"{Weg}{Zijde switch { Rijbaanzijde.Links => " Li", Rijbaanzijde.Rechts => " Re", _ => "" }} {Kilometer.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')}";
}
