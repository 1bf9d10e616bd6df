using System.Globalization;
using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// Dutch postcode: four digits and two capital letters, written without a space (<c>2511XH</c>). Reading also
/// accepts one space between the parts and lower-case letters, as people type them.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<Postcode>))]
public readonly record struct Postcode : ITextValue<Postcode>
{
    private readonly string? _value;

    private Postcode(string value) => _value = value;

    /// <summary>The four-digit part.</summary>
    public int Cijfers => int.Parse((_value ?? "0000").AsSpan(0, 4), CultureInfo.InvariantCulture);

    /// <summary>The two letters.</summary>
    public string Letters => (_value ?? "      ")[4..];

    /// <summary>Reads a postcode. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static Postcode Parse(string s) => TextValue.Parse<Postcode>(s);

    /// <summary>Reads a postcode.</summary>
    public static bool TryParse(string? s, out Postcode result) => Check(s, out result) is null;

    /// <summary>Reads a postcode; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out Postcode result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<Postcode>.Check(string? text, out Postcode value) => Check(text, out value);

    private static string? Check(string? s, out Postcode value)
    {
        value = default;
        var compact = s is { Length: 7 } && s[4] == ' ' ? string.Concat(s.AsSpan(0, 4), s.AsSpan(5)) : s;
        if (compact is null || compact.Length != 6 || Text.FirstNonDigit(compact.AsSpan(0, 4)) >= 0 ||
            !char.IsAsciiLetter(compact[4]) || !char.IsAsciiLetter(compact[5]))
        {
            return $"A postcode is four digits and two letters, as in 2511XH; {Text.Quote(s)} is not.";
        }

        value = new Postcode(compact.ToUpperInvariant());
        return null;
    }

    /// <summary>The postcode without a space, for example <c>2511XH</c>.</summary>
    public override string ToString() => _value ?? "";
}
